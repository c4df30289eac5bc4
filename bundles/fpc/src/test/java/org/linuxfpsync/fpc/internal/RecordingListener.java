package org.linuxfpsync.fpc.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.fpc.codec.FpcError;

/** Records session events as text lines, in order. */
final class RecordingListener implements FpcSessionListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<FpcError> errors = new CopyOnWriteArrayList<>();
    volatile Thread thread;

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
    }
}
