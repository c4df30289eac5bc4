package org.linuxfpsync.sync.bpf;

import java.nio.ByteBuffer;

import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.PacketDiagMessage;
import org.linuxfpsync.netlink.codec.SockDiag;

/**
 * One packet socket as the kernel's {@code packet_diag} dump reports it ({@code SOCK_DIAG_BY_FAMILY}
 * with PACKET_DIAG_INFO, PACKET_DIAG_MCLIST and PACKET_DIAG_FILTER).
 *
 * @param inode     {@code pdiag_ino}: the socket, also found in its owner's {@code /proc/<pid>/fd}
 * @param type      {@code pdiag_type}: SOCK_RAW (3) or SOCK_DGRAM (2, cooked)
 * @param protocol  {@code pdiag_num}: the ethertype it receives (ETH_P_ALL = 3)
 * @param ifindex   {@code pdi_index}: the interface it is bound to, 0 for every interface
 * @param running   PDI_RUNNING: its protocol hook is registered, so it receives packets
 * @param promisc   a PACKET_MR_PROMISC membership: it put the interface in promiscuous mode
 * @param filter    what PACKET_DIAG_FILTER says of its filter
 * @param program   the classic BPF program as FPC carries it (big-endian instructions), or null
 */
record PacketSocket(long inode, int type, int protocol, int ifindex, boolean running, boolean promisc,
                    Filter filter, byte[] program) {

    /** What the dump says of the socket's filter. */
    enum Filter {
        /** No PACKET_DIAG_FILTER: no filter, or an eBPF one (SO_ATTACH_BPF), which has no classic program to read. */
        NONE,
        /** An empty PACKET_DIAG_FILTER: the kernel hides it from a reader without CAP_NET_ADMIN. */
        HIDDEN,
        /** A classic BPF program (SO_ATTACH_FILTER). */
        CLASSIC
    }

    static final int BPF_RET_K = 0x06;

    /** Reads the socket of a {@code packet_diag} reply. */
    static PacketSocket of(PacketDiagMessage m) throws NetlinkFormatException {
        if (m.boundIfindex() < 0) {
            throw new NetlinkFormatException("packet_diag_msg of socket " + m.inode()
                    + " without PACKET_DIAG_INFO, which the request asked for");
        }
        boolean promisc = false;
        for (int i = 0; i < m.membershipCount(); i++) {
            promisc |= m.membershipType(i) == SockDiag.PACKET_MR_PROMISC;
        }
        Filter filter = m.filterHidden() ? Filter.HIDDEN : m.hasFilter() ? Filter.CLASSIC : Filter.NONE;
        return new PacketSocket(m.inode(), m.socketType(), m.protocol(), m.boundIfindex(),
                (m.infoFlags() & SockDiag.PDI_RUNNING) != 0, promisc, filter,
                filter == Filter.CLASSIC ? program(m) : null);
    }

    /** The kernel's {@code struct sock_filter}s (host order) as FPC's big-endian instructions. */
    private static byte[] program(PacketDiagMessage m) {
        ByteBuffer b = ByteBuffer.allocate(m.filterLength() * PacketDiagMessage.SOCK_FILTER_LENGTH);
        for (int i = 0; i < m.filterLength(); i++) {
            b.putShort((short) m.filterCode(i)).put((byte) m.filterJumpTrue(i)).put((byte) m.filterJumpFalse(i))
                    .putInt(m.filterK(i));
        }
        return b.array();
    }

    /**
     * The one-instruction program {@code ret #0}: the socket accepts nothing. libpcap attaches it for
     * an instant before the real filter, to drain the socket; a tap of it would copy nothing.
     */
    boolean rejectsEverything() {
        return filter == Filter.CLASSIC && program.length == PacketDiagMessage.SOCK_FILTER_LENGTH
                && ByteBuffer.wrap(program).getShort(0) == BPF_RET_K && ByteBuffer.wrap(program).getInt(4) == 0;
    }
}
