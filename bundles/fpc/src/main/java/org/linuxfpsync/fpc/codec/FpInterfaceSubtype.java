package org.linuxfpsync.fpc.codec;

/**
 * The fast path interface subtype, the {@code subtype:} of the manual's {@code show interfaces}:
 * which kind of virtual device it is ({@code IFLA_INFO_KIND}). The manual shows a bridge as 5.
 */
public final class FpInterfaceSubtype {
    /** No IFLA_INFO_KIND: a physical device or the loopback. */
    public static final int NONE = 0;
    public static final int VETH = 1;
    public static final int VLAN = 2;
    public static final int MACVLAN = 3;
    public static final int VXLAN = 4;
    public static final int BRIDGE = 5;
    public static final int BOND = 6;
    public static final int GRE = 7;
    public static final int GRETAP = 8;
    public static final int IPIP = 9;
    public static final int SIT = 10;
    public static final int VTI = 11;
    public static final int VTI6 = 12;
    public static final int IP6TNL = 13;
    public static final int TUN = 14;
    public static final int DUMMY = 15;
    public static final int VRF = 16;
    public static final int MACVTAP = 17;
    public static final int IP6GRE = 18;
    /** A kind not listed here; the KIND TLV names it. */
    public static final int OTHER = 255;

    private static final String[] KINDS = {
        null, "veth", "vlan", "macvlan", "vxlan", "bridge", "bond", "gre", "gretap", "ipip", "sit",
        "vti", "vti6", "ip6tnl", "tun", "dummy", "vrf", "macvtap", "ip6gre"
    };

    private FpInterfaceSubtype() {
    }

    /** Maps IFLA_INFO_KIND ({@code null} when absent). */
    public static int fromKind(String kind) {
        if (kind == null || kind.isEmpty()) {
            return NONE;
        }
        for (int i = 1; i < KINDS.length; i++) {
            if (KINDS[i].equals(kind)) {
                return i;
            }
        }
        return OTHER;
    }

    /** The kind name of a subtype, or null for NONE and OTHER. */
    public static String kindOf(int subtype) {
        return subtype > 0 && subtype < KINDS.length ? KINDS[subtype] : null;
    }
}
