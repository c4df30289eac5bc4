package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.ADDRESS;
import static org.linuxfpsync.fpc.codec.TlvForm.STRING;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U64;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code addresses}, declared once, here: its code and message types, the constants of
 * its TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of ADDR_ADD and ADDR_DEL (an interface address, RTM_NEWADDR). Layout: docs/fpc-protocol.md, {@link
 * FpcSchema}.
 */
public final class AddressAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_ADDRESSES = 0x02;
    /** An interface address, created or replaced. */
    public static final int ADDR_ADD = 0x0200;
    /** The address is gone. */
    public static final int ADDR_DEL = 0x0201;

    /** u32 (key): the vrf of the interface. */
    public static final int VRFID = 1;
    /** u64 (key): the interface holding the address. */
    public static final int IFUID = 2;
    /** u8 (key): address family: 2 AF_INET, 10 AF_INET6. */
    public static final int FAMILY = 3;
    /** address (key): the address itself (IFA_LOCAL; IFA_ADDRESS for IPv6). */
    public static final int LOCAL = 4;
    /** u8 (key): ifa_prefixlen, at most 32 (IPv4) or 128 (IPv6). */
    public static final int PREFIXLEN = 5;
    /** address (optional): the peer of a point-to-point address (IFA_ADDRESS when it differs from LOCAL). */
    public static final int PEER = 6;
    /** address (optional): IFA_BROADCAST (IPv4). */
    public static final int BROADCAST = 7;
    /**
     * u32 (optional): IFA_F_* (IFA_FLAGS): 0x01 secondary/temporary, 0x02 nodad, 0x40 tentative, 0x80 permanent, 0x200
     * noprefixroute....
     */
    public static final int FLAGS = 8;
    /** u8 (optional): RT_SCOPE_*: 0 universe (global), 200 site, 253 link, 254 host. */
    public static final int SCOPE = 9;
    /** string (optional): IFA_LABEL (IPv4), at most 15 bytes. */
    public static final int LABEL = 10;
    /** u32 (optional): valid lifetime in seconds, 0xffffffff forever. */
    public static final int VALID_LFT = 11;
    /** u32 (optional): preferred lifetime in seconds, 0xffffffff forever. */
    public static final int PREFERRED_LFT = 12;

    static final TlvList TLVS = new TlvList("ADDR", "AddressAttr",
            "TLVs of ADDR_ADD and ADDR_DEL (an interface address, `RTM_NEWADDR`).", List.of(
            key(VRFID, "VRFID", U32, "the vrf of the interface"),
            key(IFUID, "IFUID", U64, "the interface holding the address"),
            key(FAMILY, "FAMILY", U8, "address family: 2 AF_INET, 10 AF_INET6"),
            key(LOCAL, "LOCAL", ADDRESS, "the address itself (`IFA_LOCAL`; `IFA_ADDRESS` for IPv6)"),
            key(PREFIXLEN, "PREFIXLEN", U8, "`ifa_prefixlen`, at most 32 (IPv4) or 128 (IPv6)"),
            opt(PEER, "PEER", ADDRESS,
                    "the peer of a point-to-point address (`IFA_ADDRESS` when it differs from LOCAL)"),
            opt(BROADCAST, "BROADCAST", ADDRESS, "`IFA_BROADCAST` (IPv4)"),
            opt(FLAGS, "FLAGS", U32,
                    "`IFA_F_*` (`IFA_FLAGS`): 0x01 secondary/temporary, 0x02 nodad, 0x40 tentative, 0x80 "
                    + "permanent, 0x200 noprefixroute..."),
            opt(SCOPE, "SCOPE", U8, "`RT_SCOPE_*`: 0 universe (global), 200 site, 253 link, 254 host"),
            opt(LABEL, "LABEL", STRING, "`IFA_LABEL` (IPv4), at most 15 bytes").withMax(15),
            opt(VALID_LFT, "VALID_LFT", U32, "valid lifetime in seconds, 0xffffffff forever"),
            opt(PREFERRED_LFT, "PREFERRED_LFT", U32, "preferred lifetime in seconds, 0xffffffff forever")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_ADDRESSES, "addresses", "Addresses",
            "base (IPv4); ipv6 0x10000 (IPv6)", TLVS, List.of(
                new MessageSpec(ADDR_ADD, "ADDR_ADD", Role.ADD,
                        "an interface address, created or replaced", TLVS),
                new MessageSpec(ADDR_DEL, "ADDR_DEL", Role.DEL, "the address is gone", TLVS)));

    private AddressAttr() {
    }
}
