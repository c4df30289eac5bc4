package org.linuxfpsync.fpm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Interface attributes written as iproute2 6.1 writes them in {@code ip -j -d link}, so that
 * the dump reads like ip's output and compares with it as plain JSON.
 */
public final class LinkFormat {
    private static final int IFF_UP = 0x1;
    private static final int IFF_RUNNING = 0x40;

    /** print_link_flags() of ip/ipaddress.c: these bits, in this order. */
    private static final String[] FLAG_NAMES = {
        "LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "ALLMULTI", "PROMISC", "MASTER", "SLAVE",
        "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS", "UP", "LOWER_UP", "DORMANT", "ECHO",
    };
    private static final int[] FLAG_BITS = {
        0x8, 0x2, 0x10, 0x1000, 0x80, 0x200, 0x100, 0x400, 0x800,
        0x4, 0x8000, 0x4000, 0x2000, 0x20, 0x1, 0x10000, 0x20000, 0x40000,
    };

    /** oper_states[] of ip/ipaddress.c, indexed by IF_OPER_*. */
    private static final String[] OPER_STATES = {
        "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP",
    };

    /** arphrd_names[] of lib/ll_types.c (iproute2 6.1). */
    private static final Map<Integer, String> LINK_TYPES = Map.ofEntries(
            Map.entry(0, "netrom"), Map.entry(1, "ether"), Map.entry(2, "eether"), Map.entry(3, "ax25"),
            Map.entry(4, "pronet"), Map.entry(5, "chaos"), Map.entry(6, "ieee802"), Map.entry(7, "arcnet"),
            Map.entry(8, "atalk"), Map.entry(15, "dlci"), Map.entry(19, "atm"), Map.entry(23, "metricom"),
            Map.entry(24, "ieee1394"), Map.entry(32, "infiniband"), Map.entry(256, "slip"), Map.entry(257, "cslip"),
            Map.entry(258, "slip6"), Map.entry(259, "cslip6"), Map.entry(260, "rsrvd"), Map.entry(264, "adapt"),
            Map.entry(270, "rose"), Map.entry(271, "x25"), Map.entry(272, "hwx25"), Map.entry(280, "can"),
            Map.entry(512, "ppp"), Map.entry(513, "hdlc"), Map.entry(516, "lapb"), Map.entry(517, "ddcmp"),
            Map.entry(518, "rawhdlc"), Map.entry(768, "ipip"), Map.entry(769, "tunnel6"), Map.entry(770, "frad"),
            Map.entry(771, "skip"), Map.entry(772, "loopback"), Map.entry(773, "ltalk"), Map.entry(774, "fddi"),
            Map.entry(775, "bif"), Map.entry(776, "sit"), Map.entry(777, "ip/ddp"), Map.entry(778, "gre"),
            Map.entry(779, "pimreg"), Map.entry(780, "hippi"), Map.entry(781, "ash"), Map.entry(782, "econet"),
            Map.entry(783, "irda"), Map.entry(784, "fcpp"), Map.entry(785, "fcal"), Map.entry(786, "fcpl"),
            Map.entry(787, "fcfb0"), Map.entry(788, "fcfb1"), Map.entry(789, "fcfb2"), Map.entry(790, "fcfb3"),
            Map.entry(791, "fcfb4"), Map.entry(792, "fcfb5"), Map.entry(793, "fcfb6"), Map.entry(794, "fcfb7"),
            Map.entry(795, "fcfb8"), Map.entry(796, "fcfb9"), Map.entry(797, "fcfb10"), Map.entry(798, "fcfb11"),
            Map.entry(799, "fcfb12"), Map.entry(800, "tr"), Map.entry(801, "ieee802.11"),
            Map.entry(802, "ieee802.11/prism"), Map.entry(803, "ieee802.11/radiotap"),
            Map.entry(804, "ieee802.15.4"), Map.entry(805, "ieee802.15.4/monitor"), Map.entry(820, "phonet"),
            Map.entry(821, "phonet_pipe"), Map.entry(822, "caif"), Map.entry(823, "gre6"),
            Map.entry(824, "netlink"), Map.entry(825, "6lowpan"), Map.entry(65534, "none"),
            Map.entry(65535, "void"));

    private static final int ARPHRD_TUNNEL = 768;
    private static final int ARPHRD_TUNNEL6 = 769;
    private static final int ARPHRD_SIT = 776;
    private static final int ARPHRD_IPGRE = 778;
    private static final int ARPHRD_IP6GRE = 823;

    private LinkFormat() {
    }

    /**
     * The "flags" array: NO-CARRIER first when UP without RUNNING, RUNNING itself never shown,
     * then the named bits, then any bit left over as one hex string without 0x (ip prints
     * {@code "%x"}).
     */
    static List<String> flags(int ifiFlags) {
        List<String> names = new ArrayList<>();
        int flags = ifiFlags;
        if ((flags & IFF_UP) != 0 && (flags & IFF_RUNNING) == 0) {
            names.add("NO-CARRIER");
        }
        flags &= ~IFF_RUNNING;
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((flags & FLAG_BITS[i]) != 0) {
                flags &= ~FLAG_BITS[i];
                names.add(FLAG_NAMES[i]);
            }
        }
        if (flags != 0) {
            names.add(Integer.toHexString(flags));
        }
        return names;
    }

    /** IF_OPER_* name, or null when ip would write "operstate_index" instead. */
    static String operstate(int operstate) {
        return operstate >= 0 && operstate < OPER_STATES.length ? OPER_STATES[operstate] : null;
    }

    /** ll_type_n2a(): the name, or "[n]" for a type iproute2 does not name. */
    static String linkType(int arphrd) {
        String name = LINK_TYPES.get(arphrd);
        return name != null ? name : "[" + arphrd + "]";
    }

    /** ll_addr_n2a(): an IPv4 or IPv6 address for IP tunnels, else colon-separated hex. */
    static String address(byte[] addr, int arphrd) {
        if (addr.length == 4 && (arphrd == ARPHRD_TUNNEL || arphrd == ARPHRD_SIT || arphrd == ARPHRD_IPGRE)) {
            return (addr[0] & 0xff) + "." + (addr[1] & 0xff) + "." + (addr[2] & 0xff) + "." + (addr[3] & 0xff);
        }
        if (addr.length == 16 && (arphrd == ARPHRD_TUNNEL6 || arphrd == ARPHRD_IP6GRE)) {
            return inet6(addr);
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : addr) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    /** An address as glibc's inet_ntop() writes it: dotted IPv4, or {@link #inet6}. */
    public static String inet6OrInet4(java.net.InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        return inet6(a);
    }

    /** glibc's inet_ntop(AF_INET6): longest zero run (2 words or more, first wins) as "::", IPv4 tails. */
    static String inet6(byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0
                    && (bestLen == 6 || (bestLen == 7 && w[7] != 0x0001) || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.')
                        .append(a[14] & 0xff).append('.').append(a[15] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
