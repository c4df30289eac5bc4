package org.linuxfpsync.fpm.internal.command;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmObject;
import org.linuxfpsync.fpm.internal.LinkFormat;

/**
 * The conntrack table as {@code conntrack -L -o extended,id} writes it (libnetfilter_conntrack's
 * default output), one line per flow, the flows of each vrf under a line {@code vrf <id>:}, so that
 * an operator compares the FPM with the kernel line by line. The kernel's {@code use=} (a reference
 * count) is not forwarding state and is not carried; {@code labels=} is written as the label bits
 * in hex (conntrack-tools names them from connlabel.conf, which the FPM does not read).
 */
final class ConntrackText {
    private static final int IPS_SEEN_REPLY = 0x2;
    private static final int IPS_ASSURED = 0x4;
    private static final int IPS_OFFLOAD = 0x4000;
    private static final int IPS_HW_OFFLOAD = 0x8000;
    /** TCP_CONNTRACK_* as libnetfilter_conntrack names them. */
    private static final String[] TCP_STATES = {"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
        "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2"};

    private ConntrackText() {
    }

    static void print(List<FpmObject> flows, PrintStream out) {
        List<FpmObject> sorted = new ArrayList<>(flows);
        sorted.sort(Comparator.comparingLong(f -> Integer.toUnsignedLong(f.vrfid())));
        long vrf = -1;
        for (FpmObject f : sorted) {
            if (Integer.toUnsignedLong(f.vrfid()) != vrf) {
                vrf = Integer.toUnsignedLong(f.vrfid());
                out.println("vrf " + vrf + ":");
            }
            out.println(line(f));
        }
        out.println(sorted.size() + " flow entries");
    }

    /** One flow, in the words and order of conntrack -L -o extended,id. */
    static String line(FpmObject flow) {
        Map<?, ?> orig = tuple(flow, "ORIG");
        Map<?, ?> reply = tuple(flow, "REPLY");
        long family = number(orig, "FAMILY");
        long proto = number(orig, "PROTO");
        long status = flow.number("STATUS", 0);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-8s %d ", family == 2 ? "ipv4" : family == 10 ? "ipv6" : "unknown",
                family));
        b.append(String.format(Locale.ROOT, "%-8s %d ", protocol(proto), proto));
        if (flow.fields().containsKey("TIMEOUT")) {
            b.append(flow.number("TIMEOUT", 0)).append(' ');
        }
        if (flow.fields().containsKey("TCP_STATE")) {
            long state = flow.number("TCP_STATE", 0);
            b.append(state < TCP_STATES.length ? TCP_STATES[(int) state] : TCP_STATES[0]).append(' ');
        }
        tuple(b, orig);
        if (flow.fields().containsKey("STATUS") && (status & IPS_SEEN_REPLY) == 0) {
            b.append("[UNREPLIED] ");
        }
        tuple(b, reply);
        if ((status & IPS_OFFLOAD) != 0) {
            b.append("[OFFLOAD] ");
        }
        if ((status & IPS_HW_OFFLOAD) != 0) {
            b.append("[HW_OFFLOAD] ");
        }
        if ((status & IPS_ASSURED) != 0) {
            b.append("[ASSURED] ");
        }
        // the kernel dumps the mark always; the sync never sends a mark of 0
        b.append("mark=").append(Long.toUnsignedString(flow.number("MARK", 0) & 0xffffffffL)).append(' ');
        if (flow.number("ZONE", 0) != 0) {
            b.append("zone=").append(flow.number("ZONE", 0)).append(' ');
        }
        Object helper = flow.fields().get("HELPER");
        if (helper != null) {
            b.append("helper=").append(helper).append(' ');
        }
        if (flow.fields().containsKey("ID")) {
            b.append("id=").append(flow.number("ID", 0) & 0xffffffffL).append(' ');
        }
        Object labels = flow.fields().get("LABELS");
        if (labels instanceof FpmBytes) {
            b.append("labels=0x").append(hex(((FpmBytes) labels).bytes())).append(' ');
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }

    private static void tuple(StringBuilder b, Map<?, ?> t) {
        b.append("src=").append(address(t.get("SRC"))).append(" dst=").append(address(t.get("DST"))).append(' ');
        if (t.containsKey("SPORT") || t.containsKey("DPORT")) {
            b.append("sport=").append(number(t, "SPORT")).append(" dport=").append(number(t, "DPORT")).append(' ');
        } else if (t.containsKey("ICMP_TYPE")) {
            b.append("type=").append(number(t, "ICMP_TYPE")).append(" code=").append(number(t, "ICMP_CODE"))
                    .append(" id=").append(number(t, "ICMP_ID")).append(' ');
        }
    }

    private static Map<?, ?> tuple(FpmObject flow, String name) {
        Object t = flow.fields().get(name);
        return t instanceof Map ? (Map<?, ?>) t : Map.of();
    }

    private static long number(Map<?, ?> t, String name) {
        Object v = t.get(name);
        return v instanceof Long ? (Long) v : 0;
    }

    private static String address(Object a) {
        return a instanceof InetAddress ? LinkFormat.inet6OrInet4((InetAddress) a) : String.valueOf(a);
    }

    /** libnetfilter_conntrack's protocol names ("unknown" for the others, as it writes them). */
    private static String protocol(long proto) {
        switch ((int) proto) {
            case 1:
                return "icmp";
            case 6:
                return "tcp";
            case 17:
                return "udp";
            case 33:
                return "dccp";
            case 47:
                return "gre";
            case 58:
                return "icmpv6";
            case 132:
                return "sctp";
            case 136:
                return "udplite";
            default:
                return "unknown";
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte x : bytes) {
            s.append(String.format(Locale.ROOT, "%02x", x & 0xff));
        }
        return s.toString();
    }
}
