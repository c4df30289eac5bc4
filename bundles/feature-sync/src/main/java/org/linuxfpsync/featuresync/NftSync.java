package org.linuxfpsync.featuresync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.FpcFrame;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.NetfilterAttr;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NftMessage;
import org.linuxfpsync.netlink.codec.Nfnetlink;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nftables tables one feature owns in one vrf ({@link Owner}), kept equal to the kernel's
 * ruleset transaction by transaction, and sent whole: one NF_TABLE_ADD per table, its blob the
 * kernel's own messages ({@link NftRuleset#blob}), with the generation it was read at.
 *
 * <p><b>Transactions.</b> The kernel notifies a committed batch as its messages (NEWTABLE,
 * NEWCHAIN, NEWRULE, NEWSETELEM...) followed by NFT_MSG_NEWGEN. Messages are held until that
 * NEWGEN and then applied together: the FPM never sees half a transaction. A transaction the model
 * cannot place with certainty (a rule after a rule it does not know, an object of an unknown table,
 * a malformed message) is not guessed at: the ruleset is dumped again.
 *
 * <p><b>Dumps.</b> Tables, chains, sets, rules, then each set's elements (one request per set,
 * {@link #followUps}). Every part of a dump carries the low 16 bits of the generation it was
 * read at ({@code res_id}): the dump is used only when all parts carry the same one (the generation
 * read before and after are equal) and every object's table and chain is in it; otherwise what the
 * FPM has is refreshed as it is and the dump is retried. A transaction whose NEWGEN arrives after
 * a dump that already saw its generation is dropped.
 */
public final class NftSync implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NftSync.class);

    /** Which tables a feature owns: every table belongs to exactly one of the three. */
    public enum Owner {
        /** The bridge family (ebtables-nft). */
        EBTABLES,
        /** The other families' tables holding a base chain of type nat. */
        NAT,
        /** Every other table. */
        NETFILTER;

        boolean owns(NftRuleset.TableKey key, NftRuleset.Table table) {
            if (key.family() == Nfnetlink.NFPROTO_BRIDGE) {
                return this == EBTABLES;
            }
            return table.hasNatChain() ? this == NAT : this == NETFILTER;
        }
    }

    /** FPC ORIGIN: the table came from nftables (nft, iptables-nft, ebtables-nft). */
    static final int ORIGIN_NFT = 1;
    /** FPC FORMAT: the blob is nftables netlink messages. */
    static final int FORMAT_NFT = 2;
    /** A transaction of more messages is not held: the ruleset is dumped instead. */
    static final int MAX_TRANSACTION_MESSAGES = 200_000;

    /** What a table was last sent as, and the generation it changed at: a dump re-reading it keeps it. */
    private record Version(byte[] blob, int generation) {
    }

    private final Vrf vrf;
    private final Owner owner;
    private final Map<NftRuleset.TableKey, Version> versions = new java.util.HashMap<>();
    private final FamilyObjects<NftRuleset.TableKey> sent;
    private final NftMessage nft = new NftMessage();
    private NftRuleset ruleset = new NftRuleset();
    /** The generation the ruleset is at (low 16 bits), -1 when unknown (an empty dump). */
    private int generation = -1;

    private final List<byte[]> transaction = new ArrayList<>();
    private final List<Integer> transactionFlags = new ArrayList<>();
    private boolean transactionDamaged;

    private NftRuleset dumped;
    private int dumpGeneration;
    private boolean dumpInconsistent;

    private Runnable dumpRequest = () -> { };
    private long inconsistentDumps;
    private long redumpedTransactions;

    public NftSync(Vrf vrf, Owner owner, FpcChannel fpc) {
        this.vrf = vrf;
        this.owner = owner;
        this.sent = new FamilyObjects<>(NetfilterAttr.FAMILY_NETFILTER, (w, key) -> {
            writeKey(w, vrf.vrfid(), key);
            w.putU8(NetfilterAttr.ORIGIN, ORIGIN_NFT); // a key TLV, but the last one: TLVs go in type order
        }, fpc);
    }

    /** The FPC family this sync fills: give it to the {@link ObjectSync}. */
    public FamilyObjects<?> tables() {
        return sent;
    }

    /**
     * The subscription: NFNLGRP_NFTABLES on a channel pair of its own
     * ({@code netlink-netfilter-nftables-listen-<vr>}: a conntrack flood cannot overflow it), every
     * family's tables, chains, sets and rules dumped.
     */
    public static SubscriptionSpec subscription(Vrf vrf) {
        int[] messages = {Nfnetlink.NFT_MSG_NEWTABLE, Nfnetlink.NFT_MSG_DELTABLE, Nfnetlink.NFT_MSG_NEWCHAIN,
            Nfnetlink.NFT_MSG_DELCHAIN, Nfnetlink.NFT_MSG_NEWRULE, Nfnetlink.NFT_MSG_DELRULE,
            Nfnetlink.NFT_MSG_NEWSET, Nfnetlink.NFT_MSG_DELSET, Nfnetlink.NFT_MSG_NEWSETELEM,
            Nfnetlink.NFT_MSG_DELSETELEM, Nfnetlink.NFT_MSG_NEWGEN};
        int[] types = new int[messages.length];
        for (int i = 0; i < messages.length; i++) {
            types[i] = Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, messages[i]);
        }
        List<DumpRequest> dumps = new ArrayList<>();
        for (int get : new int[] {Nfnetlink.NFT_MSG_GETTABLE, Nfnetlink.NFT_MSG_GETCHAIN, Nfnetlink.NFT_MSG_GETSET,
            Nfnetlink.NFT_MSG_GETRULE}) {
            dumps.add(new DumpRequest(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, get),
                    new byte[] {Nfnetlink.NFPROTO_UNSPEC, Nfnetlink.NFNETLINK_V0, 0, 0}));
        }
        return new SubscriptionSpec(NetlinkFamily.NETFILTER, vrf, new int[] {Nfnetlink.NFNLGRP_NFTABLES}, types, dumps)
                .onChannel("nftables");
    }

    /** Dumps that found their generation moving, or objects without their table, and were retried. */
    public long inconsistentDumps() {
        return inconsistentDumps;
    }

    /** Transactions that could not be placed with certainty, and were read again by a dump. */
    public long redumpedTransactions() {
        return redumpedTransactions;
    }

    @Override
    public void dumpRequester(Runnable request) {
        this.dumpRequest = request;
    }

    @Override
    public void dumpStarted() {
        dumped = new NftRuleset();
        dumpGeneration = -1;
        dumpInconsistent = false;
    }

    @Override
    public void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException, ObjectRefused {
        try {
            nft.wrap(message);
        } catch (NetlinkFormatException | IllegalArgumentException e) {
            if (fromDump) {
                dumpInconsistent = true;
            } else {
                transactionDamaged = true;
            }
            throw e instanceof NetlinkFormatException f ? f : new NetlinkFormatException(e.getMessage());
        }
        if (fromDump) {
            applyDumped(message);
        } else if (nft.kind() == NftMessage.Kind.GENERATION) {
            commit(nft.generationId());
        } else if (transaction.size() >= MAX_TRANSACTION_MESSAGES) {
            transactionDamaged = true;
        } else {
            transaction.add(NftRuleset.normalized(message));
            transactionFlags.add(message.flags());
        }
    }

    private void applyDumped(NlMsg message) throws NetlinkFormatException {
        if (nft.kind() == NftMessage.Kind.GENERATION) {
            return;
        }
        int resId = nft.resourceId();
        if (dumpGeneration < 0) {
            dumpGeneration = resId;
        } else if (dumpGeneration != resId) {
            dumpInconsistent = true;
        }
        // A dump lists each chain's rules in order: appending keeps it.
        if (!change(dumped, NftRuleset.normalized(message), Rtnetlink.NLM_F_APPEND, null)) {
            dumpInconsistent = true;
        }
    }

    @Override
    public List<DumpRequest> followUps() {
        List<DumpRequest> requests = new ArrayList<>();
        if (dumped == null || dumpInconsistent) {
            return requests;
        }
        for (Map.Entry<NftRuleset.TableKey, NftRuleset.Table> t : dumped.tables().entrySet()) {
            for (String set : t.getValue().sets.keySet()) {
                requests.add(elementsDump(t.getKey(), set));
            }
        }
        return requests;
    }

    private static DumpRequest elementsDump(NftRuleset.TableKey key, String set) {
        NlMessageWriter w = new NlMessageWriter(64 + 2 * (key.name().length() + set.length()));
        w.beginMessage(0, 0, 0, 0).u8(key.family()).u8(Nfnetlink.NFNETLINK_V0).u16(0)
                .attrString(Nfnetlink.NFTA_SET_ELEM_LIST_TABLE, key.name())
                .attrString(Nfnetlink.NFTA_SET_ELEM_LIST_SET, set).endMessage();
        byte[] message = w.toByteArray();
        byte[] payload = new byte[message.length - NlMsg.HEADER_LENGTH];
        System.arraycopy(message, NlMsg.HEADER_LENGTH, payload, 0, payload.length);
        return new DumpRequest(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, Nfnetlink.NFT_MSG_GETSETELEM), payload);
    }

    @Override
    public void dumpFinished(boolean complete) {
        NftRuleset d = dumped;
        dumped = null;
        if (!complete || d == null) {
            return; // another dump follows; the objects sent stay until it
        }
        if (dumpInconsistent) {
            inconsistentDumps++;
            sendAll(true); // what the FPM has stays, refreshed in the replay window
            dumpRequest.run();
            return;
        }
        ruleset = d;
        generation = dumpGeneration;
        versions.keySet().retainAll(d.tables().keySet());
        sendAll(true);
    }

    /** Applies the held transaction, ended by the NEWGEN of {@code generationId}. */
    private void commit(long generationId) throws NetlinkFormatException, ObjectRefused {
        List<byte[]> messages = new ArrayList<>(transaction);
        List<Integer> flags = new ArrayList<>(transactionFlags);
        boolean damaged = transactionDamaged;
        transaction.clear();
        transactionFlags.clear();
        transactionDamaged = false;
        if (generationId >= 0 && generation >= 0 && !newer(generationId, generation)) {
            return; // the dump already read this generation
        }
        if (generationId >= 0) {
            generation = (int) (generationId & 0xffff);
        }
        if (damaged) {
            redump();
            return;
        }
        Set<NftRuleset.TableKey> touched = new LinkedHashSet<>();
        List<byte[]> deferred = new ArrayList<>();
        List<Integer> deferredFlags = new ArrayList<>();
        Set<Long> replaced = new java.util.HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            byte[] m = messages.get(i);
            Placed placed = changeInTransaction(m, flags.get(i), touched, replaced);
            if (placed == Placed.LATER) {
                deferred.add(m);
                deferredFlags.add(flags.get(i));
            } else if (placed == Placed.NEVER) {
                redump();
                return;
            }
        }
        // A rule placed after a rule later in the same transaction: placed once that one is.
        boolean progress = true;
        while (!deferred.isEmpty() && progress) {
            progress = false;
            for (int i = 0; i < deferred.size(); i++) {
                if (changeInTransaction(deferred.get(i), deferredFlags.get(i), touched, replaced) == Placed.DONE) {
                    deferred.remove(i);
                    deferredFlags.remove(i);
                    i--;
                    progress = true;
                }
            }
        }
        if (!deferred.isEmpty()) {
            redump();
            return;
        }
        String tooLarge = null;
        for (NftRuleset.TableKey key : touched) {
            ruleset.dropUnusedAnonymousSets(key);
            if (!sendTable(key, false)) {
                tooLarge = key.name();
            }
        }
        if (tooLarge != null) {
            throw new ObjectRefused(TABLE_TOO_LARGE, "table " + tooLarge + ": its messages exceed an FPC frame");
        }
    }

    /** The reason of a table not sent: its blob does not fit in one FPC frame. */
    static final String TABLE_TOO_LARGE = "nftables-table-too-large";

    private enum Placed { DONE, LATER, NEVER }

    /**
     * One message of a transaction. A NEWRULE for a handle the chain has replaces that rule (NLM_F_REPLACE
     * keeps the handle) and the DELRULE of the old rule that follows it in the same transaction is not
     * applied.
     */
    private Placed changeInTransaction(byte[] message, int flags, Set<NftRuleset.TableKey> touched,
                                       Set<Long> replaced) throws NetlinkFormatException {
        NlMsg msg = wrap(message);
        nft.wrap(msg);
        int type = Nfnetlink.message(msg.type());
        if (nft.kind() == NftMessage.Kind.RULE) {
            NftRuleset.TableKey key = new NftRuleset.TableKey(nft.family(), nft.tableName());
            long handle = nft.handle();
            if (type == Nfnetlink.NFT_MSG_NEWRULE && ruleset.hasRule(key, nft.chainName(), handle)) {
                replaced.add(handle);
            } else if (type == Nfnetlink.NFT_MSG_DELRULE && replaced.remove(handle)) {
                touched.add(key);
                return Placed.DONE;
            }
        }
        NftRuleset.Placement[] placement = new NftRuleset.Placement[1];
        boolean known = change(ruleset, message, flags, touched, placement);
        if (placement[0] == NftRuleset.Placement.UNKNOWN_POSITION) {
            return Placed.LATER;
        }
        return known ? Placed.DONE : Placed.NEVER;
    }

    private void redump() {
        redumpedTransactions++;
        dumpRequest.run();
    }

    private boolean change(NftRuleset r, byte[] message, int flags, Set<NftRuleset.TableKey> touched)
            throws NetlinkFormatException {
        return change(r, message, flags, touched, new NftRuleset.Placement[1]);
    }

    /**
     * Applies one normalized message to {@code r}; the table it changed goes into {@code touched[0]}.
     *
     * @return false when it names a table, chain or set {@code r} does not have
     */
    private boolean change(NftRuleset r, byte[] message, int flags, Set<NftRuleset.TableKey> touched,
                           NftRuleset.Placement[] placement) throws NetlinkFormatException {
        NlMsg msg = wrap(message);
        nft.wrap(msg);
        int type = Nfnetlink.message(msg.type());
        String table = nft.tableName();
        if (table == null) {
            throw new NetlinkFormatException(nft.kind() + " message without its table's name");
        }
        NftRuleset.TableKey key = new NftRuleset.TableKey(nft.family(), table);
        if (touched != null) {
            touched.add(key);
        }
        switch (type) {
            case Nfnetlink.NFT_MSG_NEWTABLE:
                r.putTable(key, NftRuleset.without(message, Nfnetlink.NFTA_TABLE_USE));
                return true;
            case Nfnetlink.NFT_MSG_DELTABLE:
                r.removeTable(key);
                return true;
            case Nfnetlink.NFT_MSG_NEWCHAIN:
                return r.putChain(key, required(nft.chainName(), "chain"), nft.handle(), nft.chainTypeEquals("nat"),
                        NftRuleset.without(NftRuleset.without(message, Nfnetlink.NFTA_CHAIN_USE),
                                Nfnetlink.NFTA_CHAIN_COUNTERS));
            case Nfnetlink.NFT_MSG_DELCHAIN:
                r.removeChain(key, required(nft.chainName(), "chain"));
                return true;
            case Nfnetlink.NFT_MSG_NEWRULE: {
                long position = nft.rulePosition();
                String chain = required(nft.chainName(), "chain");
                long handle = nft.handle();
                byte[] stored = NftRuleset.without(message, Nfnetlink.NFTA_RULE_POSITION);
                placement[0] = r.putRule(key, chain, handle, position, (flags & Rtnetlink.NLM_F_APPEND) != 0, stored);
                return placement[0] != NftRuleset.Placement.UNKNOWN_CHAIN;
            }
            case Nfnetlink.NFT_MSG_DELRULE:
                r.removeRule(key, required(nft.chainName(), "chain"), nft.handle());
                return true;
            case Nfnetlink.NFT_MSG_NEWSET:
                return r.putSet(key, required(nft.setName(), "set"), nft.handle(), nft.setFlags(), message);
            case Nfnetlink.NFT_MSG_DELSET:
                r.removeSet(key, required(nft.setName(), "set"));
                return true;
            case Nfnetlink.NFT_MSG_NEWSETELEM:
            case Nfnetlink.NFT_MSG_DELSETELEM: {
                String set = required(nft.setName(), "set");
                if (!nft.has(Nfnetlink.NFTA_SET_ELEM_LIST_ELEMENTS)) {
                    return true;
                }
                int from = nft.attributeOffset(Nfnetlink.NFTA_SET_ELEM_LIST_ELEMENTS) - msg.offset();
                int to = from + nft.attributeLength(Nfnetlink.NFTA_SET_ELEM_LIST_ELEMENTS);
                return r.changeElements(key, set, message, from, to, type == Nfnetlink.NFT_MSG_NEWSETELEM)
                        || type == Nfnetlink.NFT_MSG_DELSETELEM;
            }
            default:
                return true;
        }
    }

    private static String required(String name, String what) throws NetlinkFormatException {
        if (name == null) {
            throw new NetlinkFormatException("nftables message without its " + what + "'s name");
        }
        return name;
    }

    private final NlMsg view = new NlMsg();

    private NlMsg wrap(byte[] message) throws NetlinkFormatException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(message).order(java.nio.ByteOrder.nativeOrder());
        return view.wrap(b, 0, message.length);
    }

    /** Sends every table this feature owns (a dump: always, refreshing it in the replay window). */
    private void sendAll(boolean fromDump) {
        for (NftRuleset.TableKey key : new ArrayList<>(ruleset.tables().keySet())) {
            if (!sendTable(key, fromDump)) {
                LOG.warn("vrf {}: nftables table {} not sent: its messages exceed an FPC frame", vrf.vrfid(), key.name());
            }
        }
    }

    /**
     * Sends the table when this feature owns it, or withdraws it when it was sent and no longer is.
     *
     * @return false when the table is this feature's but too large for an FPC frame: withdrawn instead
     */
    private boolean sendTable(NftRuleset.TableKey key, boolean fromDump) {
        NftRuleset.Table t = ruleset.table(key);
        if (t == null || t.message == null || !owner.owns(key, t)) {
            sent.delete(key);
            versions.remove(key);
            return true;
        }
        byte[] blob = NftRuleset.blob(key, t);
        if (blob.length > FpcFrame.MAX_LENGTH - 4096) {
            sent.delete(key);
            versions.remove(key);
            return false;
        }
        Version previous = versions.get(key);
        int tableGeneration = previous != null && Arrays.equals(previous.blob(), blob) ? previous.generation()
                : Math.max(generation, 0);
        versions.put(key, new Version(blob, tableGeneration));
        FrameWriter w = sent.beginAdd();
        writeKey(w, vrf.vrfid(), key);
        w.putU8(NetfilterAttr.FORMAT, FORMAT_NFT);
        for (int from = 0; from < blob.length; from += FpcFrame.MAX_TLV_VALUE) {
            int length = Math.min(FpcFrame.MAX_TLV_VALUE, blob.length - from);
            w.putBytes(NetfilterAttr.RULES, blob, from, length);
        }
        w.putU32(NetfilterAttr.GENERATION, tableGeneration);
        w.putU8(NetfilterAttr.ORIGIN, ORIGIN_NFT);
        sent.add(key, fromDump);
        return true;
    }

    private static void writeKey(FrameWriter w, int vrfid, NftRuleset.TableKey key) {
        w.putU32(NetfilterAttr.VRFID, vrfid).putU8(NetfilterAttr.FAMILY, key.family())
                .putString(NetfilterAttr.TABLE, key.name());
    }

    /** Whether 16-bit generation {@code g} (of a 32-bit id) is after {@code current}. */
    static boolean newer(long generationId, int current) {
        int d = (int) ((generationId - current) & 0xffff);
        return d != 0 && d < 0x8000;
    }
}
