package org.linuxfpsync.netlink.codec;

import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * A reusable, allocation-free decoder of the basic nftables objects
 * ({@code linux/netfilter/nf_tables.h}): tables ({@code NFT_MSG_NEWTABLE}/{@code DELTABLE}),
 * chains ({@code NEWCHAIN}/{@code DELCHAIN}), rules ({@code NEWRULE}/{@code DELRULE}) and the
 * generation that ends each committed batch ({@code NEWGEN}): {@code struct nfgenmsg}, then the
 * object's NFTA_* attributes. Names are NUL-terminated strings of at most NFT_NAME_MAXLEN bytes;
 * handles and counters are in network byte order. Rule expressions are left to the caller
 * ({@link #attributeOffset} of NFTA_RULE_EXPRESSIONS).
 */
public final class NftMessage extends AttributeMessage {
    private static final int INDEXED_TYPES = 20;
    private static final int NAME = Nfnetlink.NFT_NAME_MAXLEN;

    private static final AttributeRules TABLE_RULES = new AttributeRules(INDEXED_TYPES)
            .string(Nfnetlink.NFTA_TABLE_NAME, "NFTA_TABLE_NAME", NAME, "NFT_NAME_MAXLEN")
            .exact(Nfnetlink.NFTA_TABLE_FLAGS, "NFTA_TABLE_FLAGS", 4)
            .exact(Nfnetlink.NFTA_TABLE_USE, "NFTA_TABLE_USE", 4)
            .exact(Nfnetlink.NFTA_TABLE_HANDLE, "NFTA_TABLE_HANDLE", 8)
            .exact(Nfnetlink.NFTA_TABLE_OWNER, "NFTA_TABLE_OWNER", 4);
    private static final AttributeRules CHAIN_RULES = new AttributeRules(INDEXED_TYPES)
            .string(Nfnetlink.NFTA_CHAIN_TABLE, "NFTA_CHAIN_TABLE", NAME, "NFT_NAME_MAXLEN")
            .exact(Nfnetlink.NFTA_CHAIN_HANDLE, "NFTA_CHAIN_HANDLE", 8)
            .string(Nfnetlink.NFTA_CHAIN_NAME, "NFTA_CHAIN_NAME", NAME, "NFT_NAME_MAXLEN")
            .any(Nfnetlink.NFTA_CHAIN_HOOK, "NFTA_CHAIN_HOOK")
            .exact(Nfnetlink.NFTA_CHAIN_POLICY, "NFTA_CHAIN_POLICY", 4)
            .exact(Nfnetlink.NFTA_CHAIN_USE, "NFTA_CHAIN_USE", 4)
            .string(Nfnetlink.NFTA_CHAIN_TYPE, "NFTA_CHAIN_TYPE", NAME, "NFT_NAME_MAXLEN")
            .exact(Nfnetlink.NFTA_CHAIN_FLAGS, "NFTA_CHAIN_FLAGS", 4);
    private static final AttributeRules RULE_RULES = new AttributeRules(INDEXED_TYPES)
            .string(Nfnetlink.NFTA_RULE_TABLE, "NFTA_RULE_TABLE", NAME, "NFT_NAME_MAXLEN")
            .string(Nfnetlink.NFTA_RULE_CHAIN, "NFTA_RULE_CHAIN", NAME, "NFT_NAME_MAXLEN")
            .exact(Nfnetlink.NFTA_RULE_HANDLE, "NFTA_RULE_HANDLE", 8)
            .any(Nfnetlink.NFTA_RULE_EXPRESSIONS, "NFTA_RULE_EXPRESSIONS")
            .exact(Nfnetlink.NFTA_RULE_POSITION, "NFTA_RULE_POSITION", 8);
    private static final AttributeRules SET_RULES = new AttributeRules(INDEXED_TYPES)
            .string(Nfnetlink.NFTA_SET_TABLE, "NFTA_SET_TABLE", NAME, "NFT_NAME_MAXLEN")
            .string(Nfnetlink.NFTA_SET_NAME, "NFTA_SET_NAME", NAME, "NFT_NAME_MAXLEN")
            .exact(Nfnetlink.NFTA_SET_FLAGS, "NFTA_SET_FLAGS", 4)
            .exact(Nfnetlink.NFTA_SET_KEY_TYPE, "NFTA_SET_KEY_TYPE", 4)
            .exact(Nfnetlink.NFTA_SET_KEY_LEN, "NFTA_SET_KEY_LEN", 4)
            .exact(Nfnetlink.NFTA_SET_HANDLE, "NFTA_SET_HANDLE", 8);
    private static final AttributeRules SETELEM_RULES = new AttributeRules(INDEXED_TYPES)
            .string(Nfnetlink.NFTA_SET_ELEM_LIST_TABLE, "NFTA_SET_ELEM_LIST_TABLE", NAME, "NFT_NAME_MAXLEN")
            .string(Nfnetlink.NFTA_SET_ELEM_LIST_SET, "NFTA_SET_ELEM_LIST_SET", NAME, "NFT_NAME_MAXLEN")
            .any(Nfnetlink.NFTA_SET_ELEM_LIST_ELEMENTS, "NFTA_SET_ELEM_LIST_ELEMENTS");
    private static final AttributeRules GEN_RULES = new AttributeRules(INDEXED_TYPES)
            .exact(Nfnetlink.NFTA_GEN_ID, "NFTA_GEN_ID", 4)
            .exact(Nfnetlink.NFTA_GEN_PROC_PID, "NFTA_GEN_PROC_PID", 4)
            .string(Nfnetlink.NFTA_GEN_PROC_NAME, "NFTA_GEN_PROC_NAME", 16, "TASK_COMM_LEN");

    /** What the message is about. */
    public enum Kind { TABLE, CHAIN, RULE, SET, SET_ELEMENTS, GENERATION }

    private Kind kind;

    public NftMessage() {
        super(TABLE_RULES, INDEXED_TYPES);
    }

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not a table, chain, rule or generation message
     * @throws NetlinkFormatException   when it does not parse as {@code nf_tables.h} says
     */
    public NftMessage wrap(NlMsg msg) throws NetlinkFormatException {
        int type = msg.type();
        String name = MessageTypeNames.name(NetlinkFamily.NETFILTER, type);
        if (Nfnetlink.subsystem(type) != Nfnetlink.NFNL_SUBSYS_NFTABLES) {
            throw new IllegalArgumentException("not an nftables message: " + name);
        }
        AttributeRules rules;
        switch (Nfnetlink.message(type)) {
            case Nfnetlink.NFT_MSG_NEWTABLE:
            case Nfnetlink.NFT_MSG_GETTABLE:
            case Nfnetlink.NFT_MSG_DELTABLE:
                kind = Kind.TABLE;
                rules = TABLE_RULES;
                break;
            case Nfnetlink.NFT_MSG_NEWCHAIN:
            case Nfnetlink.NFT_MSG_GETCHAIN:
            case Nfnetlink.NFT_MSG_DELCHAIN:
                kind = Kind.CHAIN;
                rules = CHAIN_RULES;
                break;
            case Nfnetlink.NFT_MSG_NEWRULE:
            case Nfnetlink.NFT_MSG_GETRULE:
            case Nfnetlink.NFT_MSG_DELRULE:
                kind = Kind.RULE;
                rules = RULE_RULES;
                break;
            case Nfnetlink.NFT_MSG_NEWSET:
            case Nfnetlink.NFT_MSG_GETSET:
            case Nfnetlink.NFT_MSG_DELSET:
                kind = Kind.SET;
                rules = SET_RULES;
                break;
            case Nfnetlink.NFT_MSG_NEWSETELEM:
            case Nfnetlink.NFT_MSG_GETSETELEM:
            case Nfnetlink.NFT_MSG_DELSETELEM:
                kind = Kind.SET_ELEMENTS;
                rules = SETELEM_RULES;
                break;
            case Nfnetlink.NFT_MSG_NEWGEN:
                kind = Kind.GENERATION;
                rules = GEN_RULES;
                break;
            default:
                throw new IllegalArgumentException("not a table, chain, rule, set or generation message: " + name);
        }
        begin(msg, name, NfGenMessage.NFGENMSG_LENGTH, "nfgenmsg");
        indexAttributes(msg, NfGenMessage.NFGENMSG_LENGTH, -1, rules);
        return this;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code nfgen_family}: NFPROTO_IPV4 (2), NFPROTO_IPV6 (10), NFPROTO_INET (1), NFPROTO_BRIDGE (7)... */
    public int family() {
        return buffer().get(header()) & 0xff;
    }

    private int tableAttribute() {
        switch (kind) {
            case TABLE:
                return Nfnetlink.NFTA_TABLE_NAME;
            case CHAIN:
                return Nfnetlink.NFTA_CHAIN_TABLE;
            case RULE:
                return Nfnetlink.NFTA_RULE_TABLE;
            case SET:
                return Nfnetlink.NFTA_SET_TABLE;
            case SET_ELEMENTS:
                return Nfnetlink.NFTA_SET_ELEM_LIST_TABLE;
            default:
                return -1;
        }
    }

    private int chainAttribute() {
        switch (kind) {
            case CHAIN:
                return Nfnetlink.NFTA_CHAIN_NAME;
            case RULE:
                return Nfnetlink.NFTA_RULE_CHAIN;
            default:
                return -1;
        }
    }

    /** The table's name (NFTA_TABLE_NAME, or the table a chain or rule is in), or null (allocates). */
    public String tableName() {
        int attribute = tableAttribute();
        return attribute < 0 ? null : string(attribute);
    }

    public boolean tableNameEquals(String name) {
        int attribute = tableAttribute();
        return attribute >= 0 && stringEquals(attribute, name);
    }

    /** The chain's name (NFTA_CHAIN_NAME, or the chain a rule is in), or null (allocates). */
    public String chainName() {
        int attribute = chainAttribute();
        return attribute < 0 ? null : string(attribute);
    }

    public boolean chainNameEquals(String name) {
        int attribute = chainAttribute();
        return attribute >= 0 && stringEquals(attribute, name);
    }

    /** The object's handle (NFTA_TABLE_HANDLE, NFTA_CHAIN_HANDLE, NFTA_RULE_HANDLE), or -1 when absent. */
    public long handle() {
        switch (kind) {
            case TABLE:
                return be64(Nfnetlink.NFTA_TABLE_HANDLE, -1);
            case CHAIN:
                return be64(Nfnetlink.NFTA_CHAIN_HANDLE, -1);
            case RULE:
                return be64(Nfnetlink.NFTA_RULE_HANDLE, -1);
            case SET:
                return be64(Nfnetlink.NFTA_SET_HANDLE, -1);
            default:
                return -1;
        }
    }

    /** The set's name (NFTA_SET_NAME, or the set elements belong to), or null (allocates). */
    public String setName() {
        switch (kind) {
            case SET:
                return string(Nfnetlink.NFTA_SET_NAME);
            case SET_ELEMENTS:
                return string(Nfnetlink.NFTA_SET_ELEM_LIST_SET);
            default:
                return null;
        }
    }

    /** Whether a chain's NFTA_CHAIN_TYPE (a base chain's: filter, nat, route) is {@code type}. */
    public boolean chainTypeEquals(String type) {
        return kind == Kind.CHAIN && stringEquals(Nfnetlink.NFTA_CHAIN_TYPE, type);
    }

    /**
     * NFTA_RULE_POSITION of a rule: the handle of the rule it follows (a notification of a rule neither
     * first nor last of its chain carries it), or 0 when absent.
     */
    public long rulePosition() {
        return kind == Kind.RULE ? be64(Nfnetlink.NFTA_RULE_POSITION, 0) : 0;
    }

    /** NFTA_SET_FLAGS of a set (NFT_SET_ANONYMOUS, NFT_SET_MAP...), or 0 when absent or not a set. */
    public int setFlags() {
        return kind == Kind.SET ? be32(Nfnetlink.NFTA_SET_FLAGS, 0) : 0;
    }

    /**
     * {@code res_id} of the nfgenmsg: the low 16 bits of the ruleset generation the kernel filled the
     * message in ({@code nft_base_seq}), the same in every part of a dump that saw no commit.
     */
    public int resourceId() {
        return NetworkOrder.int16(buffer(), header() + 2);
    }

    /** NFTA_TABLE_FLAGS (NFT_TABLE_F_*), or 0 when absent or not a table. */
    public int tableFlags() {
        return kind == Kind.TABLE ? be32(Nfnetlink.NFTA_TABLE_FLAGS, 0) : 0;
    }

    /** NFTA_GEN_ID of a NEWGEN: the ruleset generation just committed; -1 otherwise. */
    public long generationId() {
        return kind == Kind.GENERATION && has(Nfnetlink.NFTA_GEN_ID)
                ? Integer.toUnsignedLong(be32(Nfnetlink.NFTA_GEN_ID, 0)) : -1;
    }

    /** NFTA_GEN_PROC_PID of a NEWGEN: the process that committed it; -1 otherwise. */
    public int generationProcessId() {
        return kind == Kind.GENERATION ? be32(Nfnetlink.NFTA_GEN_PROC_PID, -1) : -1;
    }
}
