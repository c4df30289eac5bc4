package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes netlink messages field by field as the uapi headers lay them out (host byte order,
 * NLMSG_ALIGN / NLA_ALIGN padding), so that tests state the bytes they feed to the decoders.
 */
final class NetlinkBytes {
    private final ByteBuffer buffer = ByteBuffer.allocate(16384).order(ByteOrder.nativeOrder());
    private final Deque<Integer> nests = new ArrayDeque<>();
    private int messageStart = -1;

    /** struct nlmsghdr; nlmsg_len is filled by {@link #end()}. */
    NetlinkBytes begin(int type, int flags, int seq, int pid) {
        messageStart = buffer.position();
        buffer.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(pid);
        return this;
    }

    /** struct ifinfomsg. */
    NetlinkBytes ifinfomsg(int family, int arphrd, int ifindex, int flags, int change) {
        buffer.put((byte) family).put((byte) 0).putShort((short) arphrd).putInt(ifindex).putInt(flags).putInt(change);
        return this;
    }

    NetlinkBytes bytes(byte... raw) {
        buffer.put(raw);
        return this;
    }

    /** struct nlattr with its payload, then NLA_ALIGN padding. */
    NetlinkBytes attr(int type, byte... payload) {
        buffer.putShort((short) (4 + payload.length)).putShort((short) type).put(payload);
        pad();
        return this;
    }

    NetlinkBytes u32(int type, int value) {
        return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    NetlinkBytes u8(int type, int value) {
        return attr(type, (byte) value);
    }

    /** A NUL-terminated string attribute, as the kernel's nla_put_string writes it. */
    NetlinkBytes string(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[text.length + 1];
        System.arraycopy(text, 0, payload, 0, text.length);
        return attr(type, payload);
    }

    NetlinkBytes beginNest(int type) {
        nests.push(buffer.position());
        buffer.putShort((short) 0).putShort((short) type);
        return this;
    }

    NetlinkBytes endNest() {
        int start = nests.pop();
        buffer.putShort(start, (short) (buffer.position() - start));
        return this;
    }

    /** Fills nlmsg_len and pads to NLMSG_ALIGN. */
    NetlinkBytes end() {
        buffer.putInt(messageStart, buffer.position() - messageStart);
        pad();
        return this;
    }

    private void pad() {
        while (buffer.position() % 4 != 0) {
            buffer.put((byte) 0);
        }
    }

    int position() {
        return buffer.position();
    }

    /** Overwrites a u16 at an absolute offset: to corrupt a length on purpose. */
    NetlinkBytes patchShort(int offset, int value) {
        buffer.putShort(offset, (short) value);
        return this;
    }

    NetlinkBytes patchInt(int offset, int value) {
        buffer.putInt(offset, value);
        return this;
    }

    /** The bytes written so far, in a direct buffer whose limit is their length. */
    ByteBuffer datagram() {
        return datagram(buffer.position());
    }

    /** The first {@code length} bytes written, in a direct buffer: to truncate on purpose. */
    ByteBuffer datagram(int length) {
        ByteBuffer direct = ByteBuffer.allocateDirect(length).order(ByteOrder.nativeOrder());
        direct.put(0, buffer, 0, length);
        return direct;
    }
}
