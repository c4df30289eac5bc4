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
        return this;
    }

    /** Everything written so far (one datagram, possibly several messages), as a fresh array. */
    public byte[] toByteArray() {
        byte[] out = new byte[buf.position()];
        buf.duplicate().flip().get(out);
        return out;
    }

    /** The datagram in a direct buffer of native order, as a receive buffer would hold it. */
    public ByteBuffer toDirectBuffer() {
        byte[] bytes = toByteArray();
        return ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder()).put(bytes).flip();
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
