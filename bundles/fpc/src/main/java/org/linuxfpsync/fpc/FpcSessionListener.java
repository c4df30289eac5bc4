package org.linuxfpsync.fpc;

import org.linuxfpsync.fpc.codec.FpcError;
import org.linuxfpsync.fpc.codec.FpcInterfaceStats;
import org.linuxfpsync.fpc.codec.FpcMrouteStats;

/**
 * Told when an FPC session comes up or goes down. On {@link #sessionUp} the listener replays
 * its whole state between graceful-restart markers: frames sent while no session was up were
 * dropped on purpose, never queued stale.
 */
public interface FpcSessionListener {

    void sessionUp(FpcPeer peer);

    default void sessionDown(String reason) {
    }

    /**
     * The peer refused a frame of the current session. IF_UPDATE refused with ENOENT means the
     * peer does not know the interface: resend its state as IF_CREATE. Called on the same thread
     * as {@link #sessionUp}, after it.
     */
    default void peerError(FpcError error) {
    }

    /**
     * A STATS_REPLY to a STATS_REQUEST sent on this channel ({@code FpcCodecs.statsRequestFrame}):
     * one per interface, the last one marked. Called on the same thread as {@link #sessionUp}.
     */
    default void interfaceStats(FpcInterfaceStats stats) {
    }

    /**
     * An MROUTE_STATS_REPLY to an MROUTE_STATS_REQUEST sent on this channel
     * ({@code FpcCodecs.mrouteStatsRequestFrame}): one per multicast route, the last one marked.
     * Called on the same thread as {@link #sessionUp}.
     */
    default void mrouteStats(FpcMrouteStats stats) {
    }
}
