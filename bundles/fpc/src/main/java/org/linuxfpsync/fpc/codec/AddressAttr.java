package org.linuxfpsync.fpc.codec;

/**
 * TLVs of ADDR_ADD and ADDR_DEL (an interface address, RTM_NEWADDR). Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class AddressAttr {
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

    private AddressAttr() {
    }
}
