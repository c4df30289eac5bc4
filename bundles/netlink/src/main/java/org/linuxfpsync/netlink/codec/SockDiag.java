package org.linuxfpsync.netlink.codec;

/**
 * NETLINK_SOCK_DIAG constants, named exactly as in {@code linux/sock_diag.h},
 * {@code linux/packet_diag.h}, {@code linux/if_packet.h} and {@code linux/filter.h}; checked against the headers by
 * {@code RtnetlinkConstantsTest}.
 */
public final class SockDiag {
    private SockDiag() {
    }

    /** The request and reply type of every family's dump. */
    public static final int SOCK_DIAG_BY_FAMILY = 20;
    public static final int SOCK_DESTROY = 21;

    // ---- packet_diag.h: what a packet_diag_req asks to be shown
    public static final int PACKET_SHOW_INFO = 0x00000001;
    public static final int PACKET_SHOW_MCLIST = 0x00000002;
    public static final int PACKET_SHOW_RING_CFG = 0x00000004;
    public static final int PACKET_SHOW_FANOUT = 0x00000008;
    public static final int PACKET_SHOW_MEMINFO = 0x00000010;
    public static final int PACKET_SHOW_FILTER = 0x00000020;

    // ---- packet_diag.h: attributes (the enum starts at 0: there is no PACKET_DIAG_UNSPEC)
    public static final int PACKET_DIAG_INFO = 0;
    public static final int PACKET_DIAG_MCLIST = 1;
    public static final int PACKET_DIAG_RX_RING = 2;
    public static final int PACKET_DIAG_TX_RING = 3;
    public static final int PACKET_DIAG_FANOUT = 4;
    public static final int PACKET_DIAG_UID = 5;
    public static final int PACKET_DIAG_MEMINFO = 6;
    public static final int PACKET_DIAG_FILTER = 7;

    // ---- packet_diag.h: pdi_flags
    public static final int PDI_RUNNING = 0x1;
    public static final int PDI_AUXDATA = 0x2;
    public static final int PDI_ORIGDEV = 0x4;
    public static final int PDI_VNETHDR = 0x8;
    public static final int PDI_LOSS = 0x10;

    // ---- linux/if_packet.h: pdmc_type, a packet socket's membership (PACKET_ADD_MEMBERSHIP)
    public static final int PACKET_MR_MULTICAST = 0;
    public static final int PACKET_MR_PROMISC = 1;
    public static final int PACKET_MR_ALLMULTI = 2;

    // ---- linux/filter.h: classic BPF
    public static final int BPF_MAXINSNS = 4096;
}
