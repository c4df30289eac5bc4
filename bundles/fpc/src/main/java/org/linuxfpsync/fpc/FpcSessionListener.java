package org.linuxfpsync.fpc;

/**
 * Told when an FPC session comes up or goes down. On {@link #sessionUp} the listener replays
 * its whole state between graceful-restart markers: frames sent while no session was up were
 * dropped on purpose, never queued stale.
 */
public interface FpcSessionListener {

    void sessionUp(FpcPeer peer);

    default void sessionDown(String reason) {
    }
}
