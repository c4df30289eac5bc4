package org.linuxfpsync.featuresync;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.codec.AttributeWalker;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;

/**
 * The attributes nested in one attribute of a message ({@code IFLA_INFO_DATA}, {@code IFLA_PROTINFO},
 * {@code IFLA_INFO_SLAVE_DATA}), walked strictly by the netlink codec's {@link AttributeWalker} and
 * indexed by type, the last one winning as in the kernel's {@code nla_parse_nested}. Each read names
 * the attribute as the uapi header does and checks its size: an attribute of another size refuses
 * the message in one line ({@code IFLA_VXLAN_ID in IFLA_INFO_DATA: 2 bytes, need 4}). Types above
 * the index (attributes of newer kernels) are walked and ignored. Reused: one per reader thread.
 */
public final class NestedAttributes {
    private static final int IN_ADDR_SIZE = 4;
    private static final int IN6_ADDR_SIZE = 16;

    private final AttributeWalker walker = new AttributeWalker();
    private final byte[] address4 = new byte[IN_ADDR_SIZE];
    private final byte[] address6 = new byte[IN6_ADDR_SIZE];
    private final int[] offsets;
    private final int[] lengths;
    private ByteBuffer buffer;
    private String scope = "nest";

    /** @param maxType the highest attribute type indexed */
    public NestedAttributes(int maxType) {
        offsets = new int[maxType + 1];
        lengths = new int[maxType + 1];
    }

    /**
     * Indexes the attributes in {@code [offset, offset + length)} of {@code buffer}; an offset below 0
     * (the nest is absent) indexes nothing.
     *
     * @param scope the nest's uapi name, for error messages (a constant: no allocation)
     * @throws NetlinkFormatException when an attribute overruns the nest
     */
    public NestedAttributes wrap(ByteBuffer buffer, int offset, int length, String scope) throws NetlinkFormatException {
        Arrays.fill(offsets, -1);
        this.buffer = buffer;
        this.scope = scope;
        if (offset < 0) {
            return this;
        }
        walker.reset(buffer, offset, offset + length, scope);
        while (walker.next()) {
            int type = walker.type();
            if (type < offsets.length) {
                offsets[type] = walker.payloadOffset();
                lengths[type] = walker.payloadLength();
            }
        }
        return this;
    }

    public boolean has(int type) {
        return type < offsets.length && offsets[type] >= 0;
    }

    /** Payload offset of {@code type} in the buffer, -1 when absent. */
    public int offset(int type) {
        return has(type) ? offsets[type] : -1;
    }

    /** Payload length of {@code type}, -1 when absent. */
    public int length(int type) {
        return has(type) ? lengths[type] : -1;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    public int u8(int type, String name, int absent) throws NetlinkFormatException {
        return has(type) ? buffer.get(at(type, name, 1)) & 0xff : absent;
    }

    /** A u16 in host byte order. */
    public int u16(int type, String name, int absent) throws NetlinkFormatException {
        return has(type) ? buffer.getShort(at(type, name, 2)) & 0xffff : absent;
    }

    /** A u16 in network byte order ({@code __be16}: ports, ethertypes). */
    public int be16(int type, String name, int absent) throws NetlinkFormatException {
        if (!has(type)) {
            return absent;
        }
        int at = at(type, name, 2);
        return ((buffer.get(at) & 0xff) << 8) | (buffer.get(at + 1) & 0xff);
    }

    /** A u32 in host byte order. */
    public int u32(int type, String name, int absent) throws NetlinkFormatException {
        return has(type) ? buffer.getInt(at(type, name, 4)) : absent;
    }

    /** A u32 in network byte order ({@code __be32}: the keys of a vti, the flowinfo of an ip6tnl). */
    public int be32(int type, String name, int absent) throws NetlinkFormatException {
        if (!has(type)) {
            return absent;
        }
        int at = at(type, name, 4);
        return ((buffer.get(at) & 0xff) << 24) | ((buffer.get(at + 1) & 0xff) << 16)
                | ((buffer.get(at + 2) & 0xff) << 8) | (buffer.get(at + 3) & 0xff);
    }

    /**
     * Writes TLV {@code tlv} as an address with the attribute {@code type}, an {@code in_addr} or {@code in6_addr} of
     * {@code size} bytes, when the nest has it and it is not the wildcard (all zeros: "any", the TLV left out).
     */
    public void putAddress(FrameWriter w, int tlv, int type, String name, int size) throws NetlinkFormatException {
        if (!has(type)) {
            return;
        }
        byte[] address = size == IN6_ADDR_SIZE ? address6 : address4;
        if (size != address.length) {
            throw new IllegalArgumentException("an address is " + IN_ADDR_SIZE + " or " + IN6_ADDR_SIZE + " bytes: " + size);
        }
        copy(type, name, size, address);
        for (byte b : address) {
            if (b != 0) {
                w.putAddress(tlv, address);
                return;
            }
        }
    }

    /** Writes TLV {@code tlv} as a u8 with the u8 attribute {@code type}, when the nest has it. */
    public void putU8(FrameWriter w, int tlv, int type, String name) throws NetlinkFormatException {
        if (has(type)) {
            w.putU8(tlv, u8(type, name, 0));
        }
    }

    /** Writes TLV {@code tlv} as a u16 with the host-order u16 attribute {@code type}, when the nest has it. */
    public void putU16(FrameWriter w, int tlv, int type, String name) throws NetlinkFormatException {
        if (has(type)) {
            w.putU16(tlv, u16(type, name, 0));
        }
    }

    /** Writes TLV {@code tlv} as a u16 with the {@code __be16} attribute {@code type}, when the nest has it. */
    public void putBe16(FrameWriter w, int tlv, int type, String name) throws NetlinkFormatException {
        if (has(type)) {
            w.putU16(tlv, be16(type, name, 0));
        }
    }

    /** Writes TLV {@code tlv} as a u32 with the u32 attribute {@code type}, when the nest has it. */
    public void putU32(FrameWriter w, int tlv, int type, String name) throws NetlinkFormatException {
        if (has(type)) {
            w.putU32(tlv, u32(type, name, 0));
        }
    }

    /**
     * Copies the payload of {@code type}, which must be exactly {@code size} bytes, into {@code dst}.
     *
     * @return false when absent
     */
    public boolean copy(int type, String name, int size, byte[] dst) throws NetlinkFormatException {
        if (!has(type)) {
            return false;
        }
        buffer.get(at(type, name, size), dst, 0, size);
        return true;
    }

    /** The error for an attribute this nest holds but the reader cannot take, in the codec's one-line form. */
    public NetlinkFormatException error(String name, String detail) {
        return new NetlinkFormatException(name + " in " + scope + ": " + detail);
    }

    private int at(int type, String name, int size) throws NetlinkFormatException {
        if (lengths[type] != size) {
            throw error(name, lengths[type] + " bytes, need " + size);
        }
        return offsets[type];
    }
}
