package org.linuxfpsync.fpc.codec;

/**
 * The fast path interface type, the {@code type:} of the manual's {@code show interfaces}.
 * The manual's values are BSD {@code <net/if_types.h>} codes (Ethernet 6, loopback 24); we keep them.
 */
public final class FpInterfaceType {
    public static final int OTHER = 1;
    public static final int ETHER = 6;
    public static final int PPP = 23;
    public static final int LOOP = 24;
    public static final int TUNNEL = 131;
    /** A bridge port entry of the manual's "Bridge interfaces list". */
    public static final int BRIDGE_PORT = 249;

    private FpInterfaceType() {
    }

    /** Maps the kernel's ARPHRD_* link type. */
    public static int fromArphrd(int arphrd) {
        switch (arphrd) {
            case 1: // ARPHRD_ETHER
                return ETHER;
            case 772: // ARPHRD_LOOPBACK
                return LOOP;
            case 512: // ARPHRD_PPP
                return PPP;
            case 768: // ARPHRD_TUNNEL
            case 769: // ARPHRD_TUNNEL6
            case 776: // ARPHRD_SIT
            case 778: // ARPHRD_IPGRE
            case 823: // ARPHRD_IP6GRE
            case 65534: // ARPHRD_NONE (tun, wireguard)
                return TUNNEL;
            default:
                return OTHER;
        }
    }
}
