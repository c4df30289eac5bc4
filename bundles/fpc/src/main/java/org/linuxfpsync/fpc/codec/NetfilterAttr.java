package org.linuxfpsync.fpc.codec;

import static org.linuxfpsync.fpc.codec.TlvForm.BYTES;
import static org.linuxfpsync.fpc.codec.TlvForm.STRING;
import static org.linuxfpsync.fpc.codec.TlvForm.U32;
import static org.linuxfpsync.fpc.codec.TlvForm.U8;
import static org.linuxfpsync.fpc.codec.TlvSpec.key;
import static org.linuxfpsync.fpc.codec.TlvSpec.key0;
import static org.linuxfpsync.fpc.codec.TlvSpec.opt;
import static org.linuxfpsync.fpc.codec.TlvSpec.req;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The object family of table {@code netfilter}, declared once, here: its code and message types, the constants of
 * its TLVs, and its {@code SCHEMA}, which {@link FpcSchema} registers.
 *
 * <p>TLVs of NF_TABLE_ADD and NF_TABLE_DEL: the rules of one netfilter table (or one chain of it) as an opaque blob
 * the fast path compiles. Layout: docs/fpc-protocol.md, {@link FpcSchema}.
 */
public final class NetfilterAttr {
    /** The family (GR_BEGIN and FLUSH FAMILY): the high byte of its message types. */
    public static final int FAMILY_NETFILTER = 0x12;
    /** The rules of a table or chain. */
    public static final int NF_TABLE_ADD = 0x1200;
    /** The table or chain is gone. */
    public static final int NF_TABLE_DEL = 0x1201;

    /** u32 (key): the vrf. */
    public static final int VRFID = 1;
    /** u8 (key): NFPROTO_*: 1 inet, 2 IPv4, 3 ARP, 5 netdev, 7 bridge (ebtables), 10 IPv6. */
    public static final int FAMILY = 2;
    /** string (key): filter, nat, mangle, raw, broute, or any nftables table name; at most 255 bytes. */
    public static final int TABLE = 3;
    /** string (key, 0 when absent): one chain of the table; absent: the whole table; at most 255 bytes. */
    public static final int CHAIN = 4;
    /**
     * u8 (required): 1: x_tables replace blob (ipt_replace, ip6t_replace, ebt_replace and its entries, counters
     * zeroed, hook entries as offsets), 2: nftables netlink messages (NEWTABLE, NEWCHAINs, NEWSETs and NEWSETELEMs,
     * NEWRULEs in chain order); docs/netfilter-sync.md.
     */
    public static final int FORMAT = 5;
    /**
     * bytes (optional, repeated): a piece of the blob; repeated: the blob is the concatenation of the RULES TLVs in
     * order.
     */
    public static final int RULES = 6;
    /** u8 (optional): chain policy: 0 drop, 1 accept. */
    public static final int POLICY = 7;
    /**
     * u32 (optional): the ruleset generation of the table's last change (nftables: the low 16 bits of the
     * kernel's generation id; for a table unchanged since the sync started, the generation of its first dump).
     */
    public static final int GENERATION = 8;
    /**
     * u8 (key): where the rules come from: 1 nftables (nft, iptables-nft, ebtables-nft), 2 x_tables (iptables-legacy,
     * ip6tables-legacy, ebtables-legacy); a kernel may have an nftables table and an x_tables table of the same family
     * and name at once.
     */
    public static final int ORIGIN = 9;

    static final TlvList TLVS = new TlvList("NF", "NetfilterAttr",
            "TLVs of NF_TABLE_ADD and NF_TABLE_DEL: the rules of one netfilter table (or one chain of it) as an "
            + "opaque blob the fast path compiles.", List.of(
            key(VRFID, "VRFID", U32, "the vrf"),
            key(FAMILY, "FAMILY", U8, "`NFPROTO_*`: 1 inet, 2 IPv4, 3 ARP, 5 netdev, 7 bridge (ebtables), 10 IPv6"),
            key(TABLE, "TABLE", STRING,
                    "`filter`, `nat`, `mangle`, `raw`, `broute`, or any nftables table name; at most 255 bytes")
                    .withMax(255),
            key0(CHAIN, "CHAIN", STRING,
                    "one chain of the table; absent: the whole table; at most 255 bytes").withMax(255),
            req(FORMAT, "FORMAT", U8,
                    "1: x_tables replace blob (`ipt_replace`, `ip6t_replace`, `ebt_replace` and its entries, "
                    + "counters zeroed, hook entries as offsets), 2: nftables netlink messages (NEWTABLE, NEWCHAINs, "
                    + "NEWSETs and NEWSETELEMs, NEWRULEs in chain order); docs/netfilter-sync.md"),
            opt(RULES, "RULES", BYTES,
                    "a piece of the blob; repeated: the blob is the concatenation of the RULES TLVs in order")
                    .asRepeated(),
            opt(POLICY, "POLICY", U8, "chain policy: 0 drop, 1 accept"),
            opt(GENERATION, "GENERATION", U32,
                    "the ruleset generation of the table's last change (nftables: the low 16 bits of the kernel's "
                    + "generation id; for a table unchanged since the sync started, the generation of its first dump)"),
            key(ORIGIN, "ORIGIN", U8,
                    "where the rules come from: 1 nftables (nft, iptables-nft, ebtables-nft), 2 x_tables "
                    + "(iptables-legacy, ip6tables-legacy, ebtables-legacy); a kernel may have an nftables table and "
                    + "an x_tables table of the same family and name at once")));

    static final ObjectFamily SCHEMA = new ObjectFamily(FAMILY_NETFILTER, "netfilter",
            "Netfilter tables",
            "filter/audit 0x400; ebtables 0x20 (family 7); nat 0x1000 (table nat)", TLVS, List.of(
                new MessageSpec(NF_TABLE_ADD, "NF_TABLE_ADD", Role.ADD,
                        "the rules of a table or chain", TLVS),
                new MessageSpec(NF_TABLE_DEL, "NF_TABLE_DEL", Role.DEL,
                        "the table or chain is gone", TLVS)));

    private NetfilterAttr() {
    }
}
