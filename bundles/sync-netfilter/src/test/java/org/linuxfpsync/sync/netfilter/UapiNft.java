package org.linuxfpsync.sync.netfilter;

import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.netlink.codec.Nfnetlink;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * nftables messages laid out as {@code nf_tables_fill_table_info}, {@code nf_tables_fill_chain_info},
 * {@code nf_tables_fill_rule_info}, {@code nf_tables_fill_set}, {@code nf_tables_fill_setelem} and
 * {@code nf_tables_fill_gen_info} write them (Linux 6.x): struct nfgenmsg (family, NFNETLINK_V0, res_id:
 * the generation's low 16 bits, big-endian), then the NFTA_* attributes, numbers big-endian.
 */
final class UapiNft {
    private UapiNft() {
    }

    private static int type(int message) {
        return Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, message);
    }

    private static NlMessageWriter begin(NlMessageWriter w, int message, int flags, int family, int generation) {
        return w.beginMessage(type(message), flags, 0, 0).u8(family).u8(Nfnetlink.NFNETLINK_V0).be16(generation);
    }

    static byte[] table(int message, int family, String name, long handle, int generation) {
        return FakeKernel.message(w -> begin(w, message, 0, family, generation)
                .attrString(Nfnetlink.NFTA_TABLE_NAME, name).attrBe32(Nfnetlink.NFTA_TABLE_FLAGS, 0)
                .attrBe32(Nfnetlink.NFTA_TABLE_USE, 1).attrBe64(Nfnetlink.NFTA_TABLE_HANDLE, handle).endMessage());
    }

    /** A base chain (hook, priority, type, policy accept) or, with hook &lt; 0, a regular one. */
    static byte[] chain(int message, int family, String table, String name, long handle, int hook, int priority,
                        String chainType, int generation) {
        return FakeKernel.message(w -> {
            begin(w, message, 0, family, generation).attrString(Nfnetlink.NFTA_CHAIN_TABLE, table)
                    .attrBe64(Nfnetlink.NFTA_CHAIN_HANDLE, handle).attrString(Nfnetlink.NFTA_CHAIN_NAME, name);
            if (hook >= 0) {
                w.beginNest(Nfnetlink.NFTA_CHAIN_HOOK).attrBe32(Nfnetlink.NFTA_HOOK_HOOKNUM, hook)
                        .attrBe32(Nfnetlink.NFTA_HOOK_PRIORITY, priority).endNest()
                        .attrBe32(Nfnetlink.NFTA_CHAIN_POLICY, Nfnetlink.NF_ACCEPT)
                        .attrString(Nfnetlink.NFTA_CHAIN_TYPE, chainType);
            }
            w.attrBe32(Nfnetlink.NFTA_CHAIN_FLAGS, hook >= 0 ? 1 : 0).attrBe32(Nfnetlink.NFTA_CHAIN_USE, 0).endMessage();
        });
    }

    /**
     * A rule with one expression, {@code counter}; {@code position} (the rule before it) 0 for none;
     * {@code append} the NLM_F_APPEND a notification of an appended rule carries.
     */
    static byte[] rule(int message, int family, String table, String chain, long handle, long position,
                       boolean append, int generation) {
        return rule(message, family, table, chain, handle, position, append, generation, "counter");
    }

    /** The same with one expression of that name (its data: two u64 zeros). */
    static byte[] rule(int message, int family, String table, String chain, long handle, long position,
                       boolean append, int generation, String expression) {
        return FakeKernel.message(w -> {
            begin(w, message, append ? Rtnetlink.NLM_F_APPEND : 0, family, generation)
                    .attrString(Nfnetlink.NFTA_RULE_TABLE, table).attrString(Nfnetlink.NFTA_RULE_CHAIN, chain)
                    .attrBe64(Nfnetlink.NFTA_RULE_HANDLE, handle);
            if (position > 0) {
                w.attrBe64(Nfnetlink.NFTA_RULE_POSITION, position);
            }
            w.beginNest(Nfnetlink.NFTA_RULE_EXPRESSIONS).beginNest(Nfnetlink.NFTA_LIST_ELEM)
                    .attrString(Nfnetlink.NFTA_EXPR_NAME, expression).beginNest(Nfnetlink.NFTA_EXPR_DATA)
                    .attrBe64(1, 0).attrBe64(2, 0).endNest().endNest().endNest().endMessage();
        });
    }

    static byte[] set(int message, int family, String table, String name, long handle, int flags, int generation) {
        return FakeKernel.message(w -> begin(w, message, 0, family, generation)
                .attrString(Nfnetlink.NFTA_SET_TABLE, table).attrString(Nfnetlink.NFTA_SET_NAME, name)
                .attrBe64(Nfnetlink.NFTA_SET_HANDLE, handle).attrBe32(Nfnetlink.NFTA_SET_FLAGS, flags)
                .attrBe32(Nfnetlink.NFTA_SET_KEY_TYPE, 7).attrBe32(Nfnetlink.NFTA_SET_KEY_LEN, 4).endMessage());
    }

    /** Elements of an ipv4_addr set: each NFTA_LIST_ELEM holds NFTA_SET_ELEM_KEY { NFTA_DATA_VALUE }. */
    static byte[] elements(int message, int family, String table, String set, int generation, byte[]... keys) {
        return FakeKernel.message(w -> {
            begin(w, message, 0, family, generation).attrString(Nfnetlink.NFTA_SET_ELEM_LIST_TABLE, table)
                    .attrString(Nfnetlink.NFTA_SET_ELEM_LIST_SET, set).beginNest(Nfnetlink.NFTA_SET_ELEM_LIST_ELEMENTS);
            for (byte[] key : keys) {
                w.beginNest(Nfnetlink.NFTA_LIST_ELEM).beginNest(Nfnetlink.NFTA_SET_ELEM_KEY)
                        .attrBytes(Nfnetlink.NFTA_DATA_VALUE, key).endNest().endNest();
            }
            w.endNest().endMessage();
        });
    }

    static byte[] gen(long id) {
        return FakeKernel.message(w -> begin(w, Nfnetlink.NFT_MSG_NEWGEN, 0, Nfnetlink.NFPROTO_UNSPEC, (int) id & 0xffff)
                .attrBe32(Nfnetlink.NFTA_GEN_ID, (int) id).attrBe32(Nfnetlink.NFTA_GEN_PROC_PID, 4242)
                .attrString(Nfnetlink.NFTA_GEN_PROC_NAME, "nft").endMessage());
    }
}
