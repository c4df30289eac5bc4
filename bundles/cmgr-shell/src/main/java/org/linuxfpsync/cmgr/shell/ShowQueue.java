package org.linuxfpsync.cmgr.shell;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcQueueStats;
import org.linuxfpsync.fpc.codec.ErrorAttr;

/**
 * {@code show queue}, in the manual's layout: the eight counters of the FPC send queue, then the
 * manual's second block. The manual prints its allocator's internal addresses there; ours names what
 * an operator needs instead, in the same indented {@code name=value} style: where the FPC session
 * goes and whether it is up, with whom, how full the queue is and since when, and what was dropped
 * or refused. Every value comes from the {@link FpcChannel} service (docs/console.md).
 */
final class ShowQueue implements ShowSubject {
    private static final String INDENT = "        ";

    private final FpcChannel fpc;

    ShowQueue(FpcChannel fpc) {
        this.fpc = fpc;
    }

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public String help() {
        return "show queued msg";
    }

    @Override
    public void printText(PrintStream out) {
        FpcQueueStats q = fpc.queueStats();
        out.println("Queue information");
        out.println("- sent: " + q.sent());
        out.println("- directly: " + q.directly());
        out.println("- in-queue: " + q.inQueue());
        out.println("- highest in-queue: " + q.highestInQueue());
        out.println("- has blocked: " + q.hasBlocked());
        out.println("- partially sent: " + q.partiallySent());
        out.println("- errors: " + q.errors());
        out.println("- ev armed: " + q.evArmed());
        out.println();
        FpcPeer peer = fpc.peer();
        out.println("command_show_queue: endpoint=" + fpc.endpoint());
        out.println(INDENT + "session=" + (peer == null ? "down" : "up"));
        if (peer != null) {
            out.println(INDENT + "peer=" + peer.name());
            out.println(INDENT + "peer_version=" + peer.version());
            out.println(INDENT + "peer_features=0x" + Long.toHexString(peer.features()));
            out.println(INDENT + "peer_epoch=" + peer.epoch());
        }
        out.println(INDENT + "capacity=" + q.capacity());
        out.println(INDENT + "frames_queued=" + q.inQueue());
        out.println(INDENT + "bytes_queued=" + q.bytesInQueue());
        out.println(INDENT + "oldest_queued_us=" + TimeUnit.NANOSECONDS.toMicros(q.oldestQueuedNanos()));
        out.println(INDENT + "dropped_no_session=" + q.droppedNoSession());
        StringBuilder refused = new StringBuilder();
        new TreeMap<>(fpc.peerErrors()).forEach((code, n) -> refused.append(refused.length() == 0 ? "" : ",")
                .append(ErrorAttr.name(code).replace(' ', '_')).append(':').append(n));
        out.println(INDENT + "peer_errors=" + (refused.length() == 0 ? "0" : refused));
    }

    @Override
    public Object json() {
        FpcQueueStats q = fpc.queueStats();
        FpcPeer peer = fpc.peer();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", q.sent());
        m.put("directly", q.directly());
        m.put("in_queue", q.inQueue());
        m.put("highest_in_queue", q.highestInQueue());
        m.put("has_blocked", q.hasBlocked());
        m.put("partially_sent", q.partiallySent());
        m.put("errors", q.errors());
        m.put("ev_armed", q.evArmed());
        m.put("endpoint", fpc.endpoint());
        m.put("session", peer == null ? "down" : "up");
        if (peer != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", peer.name());
            p.put("version", peer.version());
            p.put("features", "0x" + Long.toHexString(peer.features()));
            p.put("epoch", peer.epoch());
            m.put("peer", p);
        }
        m.put("capacity", q.capacity());
        m.put("frames_queued", q.inQueue());
        m.put("bytes_queued", q.bytesInQueue());
        m.put("oldest_queued_us", TimeUnit.NANOSECONDS.toMicros(q.oldestQueuedNanos()));
        m.put("dropped_no_session", q.droppedNoSession());
        Map<String, Long> errors = new LinkedHashMap<>();
        new TreeMap<>(fpc.peerErrors()).forEach((code, n) -> errors.put(ErrorAttr.name(code), n));
        m.put("peer_errors", errors);
        return m;
    }
}
