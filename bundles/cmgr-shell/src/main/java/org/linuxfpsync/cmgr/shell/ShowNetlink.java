package org.linuxfpsync.cmgr.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.linuxfpsync.netlink.ChannelStats;
import org.linuxfpsync.netlink.NetlinkService;

/**
 * {@code show netlink}, in the manual's layout: per netlink socket its name and the messages
 * received, then a count per message type, a blank line between sockets. Names and counts are
 * left-justified in 40 columns as in the manual, but a name is never cut (the manual cuts at 31
 * characters, which would make {@code ...-conntrack-listen-0} and {@code -1} look the same).
 * After the type lines, one indented line the manual lacks gives what operators need to judge the
 * socket's health: bytes, ENOBUFS, resyncs, drops, buffer size and bound, the full refreshes and
 * filtered dumps of a command socket when it ran any, last dump duration; and, for the proc
 * connector, a line saying that it exists only in the initial network namespace, or why it is not open.
 * The JSON has every counter, and when the socket last received data (CLOCK_MONOTONIC nanoseconds).
 */
final class ShowNetlink implements ShowSubject {
    private static final int NAME_COLUMNS = 40;
    private static final String INDENT = "    ";

    private final NetlinkService netlink;

    ShowNetlink(NetlinkService netlink) {
        this.netlink = netlink;
    }

    @Override
    public String name() {
        return "netlink";
    }

    @Override
    public String help() {
        return "show netlink packets";
    }

    @Override
    public void printText(PrintStream out) {
        out.println("Dump netlink socket statistics:");
        out.println(column("netlink socket name", NAME_COLUMNS) + "packets received");
        List<ChannelStats> channels = netlink.channels();
        for (int i = 0; i < channels.size(); i++) {
            ChannelStats c = channels.get(i);
            if (i > 0) {
                out.println();
            }
            out.println(column(c.name(), NAME_COLUMNS) + c.packetsReceived());
            c.packetsByType().forEach((type, count) ->
                    out.println(INDENT + column(type, NAME_COLUMNS - INDENT.length()) + count));
            out.println(INDENT + health(c));
            if (c.note() != null) {
                out.println(INDENT + c.note()); // the proc connector: its namespace, or why it is not open
            }
        }
    }

    /** Left-justified in {@code width} columns; a longer text keeps all its characters and one space. */
    private static String column(String text, int width) {
        return text.length() < width ? text + " ".repeat(width - text.length()) : text + " ";
    }

    private static String health(ChannelStats c) {
        StringBuilder line = new StringBuilder()
                .append("bytes ").append(c.bytesReceived())
                .append(", enobufs ").append(c.enobufs())
                .append(", resyncs ").append(c.resyncs())
                .append(", dropped (not kernel) ").append(c.droppedNotKernel())
                .append(", malformed ").append(c.malformed())
                .append(", listener errors ").append(c.listenerErrors())
                .append(", rcvbuf ").append(c.receiveBufferBytes()).append('/').append(c.receiveBufferMaxBytes());
        if (c.refreshes() > 0 || c.filteredDumps() > 0) {
            // A command socket whose route sync had to re-read the whole table, or only a device's routes.
            line.append(", refreshes ").append(c.refreshes()).append(", filtered dumps ").append(c.filteredDumps());
        }
        if (c.lastDumpNanos() > 0) {
            line.append(String.format(Locale.ROOT, ", last dump %.1f ms", c.lastDumpNanos() / 1e6));
        }
        return line.toString();
    }

    @Override
    public Object json() {
        List<Object> channels = new ArrayList<>();
        for (ChannelStats c : netlink.channels()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("family", c.family().channelName);
            m.put("vrfid", c.vrfid());
            m.put("packets_received", c.packetsReceived());
            m.put("packets_by_type", c.packetsByType());
            m.put("bytes_received", c.bytesReceived());
            m.put("enobufs", c.enobufs());
            m.put("resyncs", c.resyncs());
            m.put("dropped_not_kernel", c.droppedNotKernel());
            m.put("malformed", c.malformed());
            m.put("listener_errors", c.listenerErrors());
            m.put("receive_buffer_bytes", c.receiveBufferBytes());
            m.put("receive_buffer_max_bytes", c.receiveBufferMaxBytes());
            m.put("last_dump_nanos", c.lastDumpNanos());
            m.put("refreshes", c.refreshes());
            m.put("filtered_dumps", c.filteredDumps());
            // JSON only (the text is the manual's): when the socket last received, on the machine's monotonic clock.
            m.put("last_receive_monotonic_nanos", c.lastReceiveMonotonicNanos());
            if (c.note() != null) {
                m.put("note", c.note());
            }
            channels.add(m);
        }
        return Map.of("channels", channels);
    }
}
