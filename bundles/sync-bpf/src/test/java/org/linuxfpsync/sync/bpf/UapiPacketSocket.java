package org.linuxfpsync.sync.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.linuxfpsync.netlink.codec.SockDiag;

/**
 * A packet socket's SOCK_DIAG_BY_FAMILY reply laid out as {@code sk_diag_fill} of
 * {@code net/packet/diag.c} writes it ({@code linux/packet_diag.h}): {@code struct packet_diag_msg},
 * then PACKET_DIAG_INFO ({@code struct packet_diag_info}), PACKET_DIAG_MCLIST (one
 * {@code struct packet_diag_mclist} of 44 bytes per membership) and PACKET_DIAG_FILTER (the
 * {@code struct sock_filter}s in host order; absent without a classic filter, empty when hidden).
 */
final class UapiPacketSocket {
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int ETH_P_ALL = 3;

    private final long inode;
    private int type = SOCK_RAW;
    private int protocol = ETH_P_ALL;
    private int ifindex;
    private int flags = SockDiag.PDI_RUNNING;
    private int[] memberships = new int[0];
    private int[][] filter;
    private boolean info = true;
    private int mclistEntryLength = 44;

    private UapiPacketSocket(long inode) {
        this.inode = inode;
    }

    static UapiPacketSocket socket(long inode) {
        return new UapiPacketSocket(inode);
    }

    UapiPacketSocket boundTo(int index) {
        this.ifindex = index;
        return this;
    }

    UapiPacketSocket cooked() {
        this.type = SOCK_DGRAM;
        return this;
    }

    UapiPacketSocket notRunning() {
        this.flags &= ~SockDiag.PDI_RUNNING;
        return this;
    }

    /** PACKET_ADD_MEMBERSHIP of these types (PACKET_MR_PROMISC...). */
    UapiPacketSocket memberships(int... types) {
        this.memberships = types;
        return this;
    }

    /** SO_ATTACH_FILTER of {@code {code, jt, jf, k}} instructions; {} for a hidden filter. */
    UapiPacketSocket filter(int[]... instructions) {
        this.filter = instructions;
        return this;
    }

    UapiPacketSocket withoutInfo() {
        this.info = false;
        return this;
    }

    /** Membership entries of another size than the kernel's 44 bytes (a malformed reply). */
    UapiPacketSocket mclistEntriesOf(int bytes) {
        this.mclistEntryLength = bytes;
        return this;
    }

    byte[] reply() {
        return FakeKernel.message(w -> {
            w.beginMessage(SockDiag.SOCK_DIAG_BY_FAMILY, 0x2 /* NLM_F_MULTI */, 1, 0)
                    .u8(Rtnetlink.AF_PACKET).u8(type).u16(protocol).u32((int) inode).u32(0x1234).u32(0);
            if (info) {
                w.attrBytes(SockDiag.PACKET_DIAG_INFO, ints(ifindex, 2 /* TPACKET_V3 */, 0, 0, 0, flags));
            }
            if (memberships.length > 0) {
                ByteBuffer b = ByteBuffer.allocate(memberships.length * mclistEntryLength).order(ByteOrder.nativeOrder());
                for (int i = 0; i < memberships.length; i++) {
                    b.position(i * mclistEntryLength);
                    b.putInt(ifindex).putInt(1).putShort((short) memberships[i]).putShort((short) 0);
                }
                w.attrBytes(SockDiag.PACKET_DIAG_MCLIST, b.array());
            }
            if (filter != null) {
                ByteBuffer b = ByteBuffer.allocate(filter.length * 8).order(ByteOrder.nativeOrder());
                for (int[] i : filter) {
                    b.putShort((short) i[0]).put((byte) i[1]).put((byte) i[2]).putInt(i[3]);
                }
                w.attrBytes(SockDiag.PACKET_DIAG_FILTER, b.array());
            }
            w.endMessage();
        });
    }

    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.nativeOrder());
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }
}
