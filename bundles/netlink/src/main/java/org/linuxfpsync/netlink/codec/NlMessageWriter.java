package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes netlink messages as the kernel lays them out (nlmsghdr, a family header, attributes
 * padded to 4 bytes, nests with NLA_F_NESTED left clear as the kernel does for IFLA_LINKINFO).
 * For requests we send, and for tests that must feed decoders exactly what a kernel would.
 */
public final class NlMessageWriter {
    private final ByteBuffer buf;
    private int messageStart = -1;
    private final int[] nests = new int[16];
    private int depth;

    public NlMessageWriter(int capacity) {
        this.buf = ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
    }

    /** Starts a message: the header's length is filled by {@link #endMessage}. */
    public NlMessageWriter beginMessage(int type, int flags, int seq, int pid) {
        messageStart = buf.position();
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(pid);
        return this;
    }

    /** {@code struct ifinfomsg}. */
    public NlMessageWriter ifinfomsg(int family, int arphrd, int ifindex, int flags, int change) {
        buf.put((byte) family).put((byte) 0).putShort((short) arphrd).putInt(ifindex).putInt(flags).putInt(change);
        return this;
    }

    /** Raw family-header or payload bytes. */
    public NlMessageWriter bytes(byte[] b) {
        buf.put(b);
        return this;
    }

    // ---- raw fields of family headers and embedded structures, in host byte order unless "be"

    public NlMessageWriter u8(int value) {
        buf.put((byte) value);
        return this;
    }

    public NlMessageWriter u16(int value) {
        buf.putShort((short) value);
        return this;
    }

    public NlMessageWriter u32(int value) {
        buf.putInt(value);
        return this;
    }

    public NlMessageWriter u64(long value) {
        buf.putLong(value);
        return this;
    }

    /** A 16-bit field in network byte order (ports, nfgenmsg.res_id). */
    public NlMessageWriter be16(int value) {
        putBigEndian(value, 2);
        return this;
    }

    /** A 32-bit field in network byte order (SPIs). */
    public NlMessageWriter be32(int value) {
        putBigEndian(value, 4);
        return this;
    }

    /** {@code count} zero bytes (padding, unused fields). */
    public NlMessageWriter zeros(int count) {
        for (int i = 0; i < count; i++) {
            buf.put((byte) 0);
        }
        return this;
    }

    /** Zero bytes up to the next multiple of 4 (NLMSG_ALIGN of a family header shorter than 4). */
    public NlMessageWriter align() {
        return pad();
    }

    /** The write position: to patch a field later ({@link #patchU16}), or to cut a datagram short. */
    public int position() {
        return buf.position();
    }

    /** Overwrites a u16 at an absolute offset: to corrupt a length on purpose. */
    public NlMessageWriter patchU16(int offset, int value) {
        buf.putShort(offset, (short) value);
        return this;
    }

    /** Starts a {@code struct rtnexthop} of RTA_MULTIPATH; its rtnh_len is filled by {@link #endNexthop}. */
    public NlMessageWriter beginNexthop(int flags, int hops, int ifindex) {
        nests[depth++] = buf.position();
        buf.putShort((short) 0).put((byte) flags).put((byte) hops).putInt(ifindex);
        return this;
    }

    public NlMessageWriter endNexthop() {
        return endNest();
    }

    public NlMessageWriter attrU16(int type, int value) {
        attrHeader(type, 2).putShort((short) value);
        return pad();
    }

    public NlMessageWriter attrU64(int type, long value) {
        attrHeader(type, 8).putLong(value);
        return pad();
    }

    /** A u16 attribute in network byte order (conntrack ports and zones, NDA_PORT). */
    public NlMessageWriter attrBe16(int type, int value) {
        attrHeader(type, 2);
        putBigEndian(value, 2);
        return pad();
    }

    /** A u32 attribute in network byte order (conntrack status, mark, id; nftables flags). */
    public NlMessageWriter attrBe32(int type, int value) {
        attrHeader(type, 4);
        putBigEndian(value, 4);
        return pad();
    }

    /** A u64 attribute in network byte order (nftables handles). */
    public NlMessageWriter attrBe64(int type, long value) {
        attrHeader(type, 8);
        putBigEndian(value, 8);
        return pad();
    }

    public NlMessageWriter attrU32(int type, int value) {
        attrHeader(type, 4).putInt(value);
        return pad();
    }

    public NlMessageWriter attrU8(int type, int value) {
        attrHeader(type, 1).put((byte) value);
        return pad();
    }

    public NlMessageWriter attrBytes(int type, byte[] value) {
        attrHeader(type, value.length).put(value);
        return pad();
    }

    /** A NUL-terminated string attribute, as the kernel writes IFLA_IFNAME and IFLA_INFO_KIND. */
    public NlMessageWriter attrString(int type, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        attrHeader(type, b.length + 1).put(b).put((byte) 0);
        return pad();
    }

    public NlMessageWriter beginNest(int type) {
        nests[depth++] = buf.position();
        attrHeader(type, 0);
        return this;
    }

    public NlMessageWriter endNest() {
        int start = nests[--depth];
        buf.putShort(start, (short) (buf.position() - start));
        return this;
    }

    public NlMessageWriter endMessage() {
        buf.putInt(messageStart, buf.position() - messageStart);
        messageStart = -1;
        return pad();
    }

    /** Everything written so far (one datagram, possibly several messages), as a fresh array. */
    public byte[] toByteArray() {
        byte[] out = new byte[buf.position()];
        buf.duplicate().flip().get(out);
        return out;
    }

    /** The datagram in a direct buffer of native order, as a receive buffer would hold it. */
    public ByteBuffer toDirectBuffer() {
        return toDirectBuffer(buf.position());
    }

    /** The first {@code length} bytes written, in a direct buffer: to truncate a datagram on purpose. */
    public ByteBuffer toDirectBuffer(int length) {
        byte[] bytes = toByteArray();
        return ByteBuffer.allocateDirect(length).order(ByteOrder.nativeOrder()).put(bytes, 0, length).flip();
    }

    private void putBigEndian(long value, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            buf.put((byte) (value >>> shift));
        }
    }

    private ByteBuffer attrHeader(int type, int valueLength) {
        return buf.putShort((short) (4 + valueLength)).putShort((short) type);
    }

    private NlMessageWriter pad() {
        while ((buf.position() & 3) != 0) {
            buf.put((byte) 0);
        }
        return this;
    }
}
