package org.linuxfpsync.fpc.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.fpc.codec.FpcError;
import org.linuxfpsync.fpc.codec.FpcInterfaceStats;
import org.linuxfpsync.fpc.codec.FpcMrouteStats;

/** Records session events as text lines, in order; optionally fails after recording some replies. */
final class RecordingListener implements FpcSessionListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<FpcError> errors = new CopyOnWriteArrayList<>();
    volatile Thread thread;
    private final boolean failing;

    RecordingListener() {
        this(false);
    }

    RecordingListener(boolean failing) {
        this.failing = failing;
    }

    @Override
    public void sessionUp(FpcPeer peer) {
        thread = Thread.currentThread();
        events.add("up " + peer.name() + " epoch " + peer.epoch());
    }

    @Override
    public void sessionDown(String reason) {
        events.add("down");
    }

    @Override
    public void peerError(FpcError error) {
        errors.add(error);
        events.add("error " + error.refusedSeq());
        fail();
    }

    @Override
    public void interfaceStats(FpcInterfaceStats s) {
        events.add("stats " + s.requestSeq() + " ifuid " + s.ifuid() + " vrf " + s.vrfid() + " rx " + s.rxPackets()
                + " txerr " + s.txErrors() + (s.last() ? " last" : ""));
        if (s.ifuid() % 500 == 0) {
            fail();
        }
    }

    @Override
    public void mrouteStats(FpcMrouteStats s) {
        events.add("mroutes " + s.requestSeq() + (s.last() ? " last" : ""));
        fail();
    }

    private void fail() {
        if (failing) {
            throw new IllegalStateException("a listener that fails");
        }
    }
}
