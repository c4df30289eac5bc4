package org.linuxfpsync.sync.netfilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.netlink.codec.Nfnetlink.NFPROTO_BRIDGE;
import static org.linuxfpsync.netlink.codec.Nfnetlink.NFPROTO_INET;
import static org.linuxfpsync.netlink.codec.Nfnetlink.NFPROTO_IPV4;
import static org.linuxfpsync.netlink.codec.Nfnetlink.NFT_MSG_DELRULE;
import static org.linuxfpsync.netlink.codec.Nfnetlink.NFT_MSG_DELSETELEM;
import static org.linuxfpsync.netlink.codec.Nfnetlink.NFT_MSG_NEWCHAIN;
import static org.linuxfpsync.netlink.codec.Nfnetlink.NFT_MSG_NEWRULE;
import static org.linuxfpsync.netlink.codec.Nfnetlink.NFT_MSG_NEWSET;
import static org.linuxfpsync.netlink.codec.Nfnetlink.NFT_MSG_NEWSETELEM;
import static org.linuxfpsync.netlink.codec.Nfnetlink.NFT_MSG_NEWTABLE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Nfnetlink;

/**
 * The nftables sync against a kernel whose messages are uapi-encoded ({@link UapiNft}): what reaches
 * the FPM, transaction by transaction; the live kernel is NetfilterFeatureIT's.
 */
class NetfilterFeatureUapiEncodedTest {
    private static final int GEN = 7;
    private static final byte[] A = {10, 0, 0, 1};
    private static final byte[] B = {10, 0, 0, 2};

    /** The x_tables poll out of the way: these tests have no legacy table. */
    private static final java.util.Map<String, Object> SLOW_POLL = java.util.Map.of("pollPeriodMs", "60000");
    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final AtomicBoolean frameworkStopping = new AtomicBoolean();
    private final NetfilterFeature feature = new NetfilterFeature(core, kernel, fpc,
            FeatureBundle.context(frameworkStopping::get), SLOW_POLL);

    /** ip filter (input: rules 3, 5; set "allowed" with A), ip nat (a nat chain) and bridge filter. */
    @BeforeEach
    void aFilterTableANatTableAndABridgeTable() {
        kernel.state.add(UapiNft.table(NFT_MSG_NEWTABLE, NFPROTO_IPV4, "filter", 1, GEN));
        kernel.state.add(UapiNft.table(NFT_MSG_NEWTABLE, NFPROTO_IPV4, "nat", 2, GEN));
        kernel.state.add(UapiNft.table(NFT_MSG_NEWTABLE, NFPROTO_BRIDGE, "filter", 3, GEN));
        kernel.state.add(UapiNft.chain(NFT_MSG_NEWCHAIN, NFPROTO_IPV4, "filter", "input", 1, 1, 0, "filter", GEN));
        kernel.state.add(UapiNft.chain(NFT_MSG_NEWCHAIN, NFPROTO_IPV4, "nat", "post", 1, 4, 100, "nat", GEN));
        kernel.state.add(UapiNft.chain(NFT_MSG_NEWCHAIN, NFPROTO_BRIDGE, "filter", "fwd", 1, 2, 0, "filter", GEN));
        kernel.state.add(UapiNft.set(NFT_MSG_NEWSET, NFPROTO_IPV4, "filter", "allowed", 2, 0, GEN));
        kernel.state.add(UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 3, 0, false, GEN));
        kernel.state.add(UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 5, 3, false, GEN));
        kernel.followingState = request -> {
            String payload = new String(request.payload(), java.nio.charset.StandardCharsets.ISO_8859_1);
            return payload.contains("allowed")
                    ? List.of(UapiNft.elements(NFT_MSG_NEWSETELEM, NFPROTO_IPV4, "filter", "allowed", GEN, A))
                    : List.of();
        };
        core.followed.add(new Vrf(0, ""));
    }

    @Test
    void theSubscriptionJoinsNftablesEventsAndDumpsTablesChainsSetsAndRulesOfEveryFamily() {
        feature.activate();

        SubscriptionSpec spec = kernel.specs().stream().filter(x -> x.family() == NetlinkFamily.NETFILTER).findFirst()
                .orElseThrow();
        assertThat(spec.groups()).containsExactly(Nfnetlink.NFNLGRP_NFTABLES);
        assertThat(spec.channel()).isEqualTo("nftables");
        assertThat(spec.dumps()).extracting(d -> Nfnetlink.message(d.messageType())).containsExactly(
                Nfnetlink.NFT_MSG_GETTABLE, Nfnetlink.NFT_MSG_GETCHAIN, Nfnetlink.NFT_MSG_GETSET,
                Nfnetlink.NFT_MSG_GETRULE);
        assertThat(spec.dumps()).allSatisfy(d -> assertThat(d.payload()[0]).isEqualTo((byte) Nfnetlink.NFPROTO_UNSPEC));
    }

    @Test
    void aStartSendsItsOwnTablesWholeWithTheirSetsElementsAndRulesInOrder() {
        feature.activate();

        // The x_tables sync (no legacy table here) is a member of the same window: the real core's
        // window waits for both; this fake notes each member's markers.
        assertThat(fpc.lines()).hasSize(5);
        assertThat(fpc.lines().subList(3, 5)).containsExactly("GR_BEGIN netfilter vrf 0", "GR_END netfilter vrf 0");
        assertThat(fpc.lines().get(0)).isEqualTo("GR_BEGIN netfilter vrf 0");
        assertThat(key(fpc.lines().get(1))).isEqualTo("vrfid=0 family=2 table=filter");
        assertThat(blob(fpc.lines().get(1))).containsExactly("TABLE filter", "CHAIN input", "SET allowed",
                "ELEMENTS allowed 0a000001", "RULE input 3", "RULE input 5");
        assertThat(fpc.lines().get(1)).contains("generation=" + GEN, "origin=1", "format=2");
        assertThat(fpc.lines().get(2)).isEqualTo("GR_END netfilter vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(1);
    }

    @Test
    void eachTableBelongsToOneFeatureNatTablesToNatBridgeTablesToEbtables() {
        org.linuxfpsync.featuresync.NftSync nat = start(org.linuxfpsync.featuresync.NftSync.Owner.NAT);
        List<String> natLines = new ArrayList<>(fpc.lines("NF_TABLE_ADD"));
        fpc.clear();
        start(org.linuxfpsync.featuresync.NftSync.Owner.EBTABLES);
        List<String> bridgeLines = new ArrayList<>(fpc.lines("NF_TABLE_ADD"));

        assertThat(natLines).extracting(NetfilterFeatureUapiEncodedTest::key).containsExactly("vrfid=0 family=2 table=nat");
        assertThat(bridgeLines).extracting(NetfilterFeatureUapiEncodedTest::key)
                .containsExactly("vrfid=0 family=7 table=filter");
        assertThat(nat.tables().size()).isEqualTo(1);
    }

    private org.linuxfpsync.featuresync.NftSync start(org.linuxfpsync.featuresync.NftSync.Owner owner) {
        org.linuxfpsync.featuresync.NftSync sync = new org.linuxfpsync.featuresync.NftSync(new Vrf(0, ""), owner, fpc);
        try {
            new org.linuxfpsync.featuresync.ObjectSync(owner.name(), new Vrf(0, ""),
                    org.linuxfpsync.featuresync.NftSync.subscription(new Vrf(0, "")), sync, List.of(sync.tables()))
                    .start(kernel, core);
        } catch (org.linuxfpsync.netlink.NetlinkException e) {
            throw new AssertionError(e);
        }
        return sync;
    }

    @Test
    void aTransactionIsAppliedAtItsNewgenNeverMessageByMessage() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 6, 0, true, GEN + 1));
        kernel.event(UapiNft.elements(NFT_MSG_NEWSETELEM, NFPROTO_IPV4, "filter", "allowed", GEN + 1, B));
        assertThat(fpc.lines()).isEmpty();

        kernel.event(UapiNft.gen(GEN + 1));
        assertThat(fpc.lines()).hasSize(1);
        assertThat(blob(fpc.lines().get(0))).containsExactly("TABLE filter", "CHAIN input", "SET allowed",
                "ELEMENTS allowed 0a000001 0a000002", "RULE input 3", "RULE input 5", "RULE input 6");
        assertThat(fpc.lines().get(0)).contains("generation=" + (GEN + 1));
    }

    @Test
    void aRuleInsertedInTheMiddleGoesAfterTheRuleItsPositionNames() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 9, 3, false, GEN + 1));
        kernel.event(UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 10, 0, false, GEN + 1));
        kernel.event(UapiNft.gen(GEN + 1));

        assertThat(blob(fpc.lines().get(0))).endsWith("RULE input 10", "RULE input 3", "RULE input 9", "RULE input 5");
    }

    @Test
    void aRuleAfterARuleOfLaterInTheSameTransactionIsPlacedOnceThatOneIs() {
        feature.activate();
        fpc.clear();

        // insert 11 at the head, then 12 at the head: at commit 11 follows 12
        kernel.event(UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 11, 12, false, GEN + 1));
        kernel.event(UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 12, 0, false, GEN + 1));
        kernel.event(UapiNft.gen(GEN + 1));

        assertThat(blob(fpc.lines().get(0))).endsWith("RULE input 12", "RULE input 11", "RULE input 3", "RULE input 5");
    }

    @Test
    void aReplacedRuleKeepsItsHandleAndPlaceAndTheOldOnesDeletionIsNotApplied() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 3, 0, true, GEN + 1, "notrack"));
        kernel.event(UapiNft.rule(NFT_MSG_DELRULE, NFPROTO_IPV4, "filter", "input", 3, 0, false, GEN + 1));
        kernel.event(UapiNft.gen(GEN + 1));

        assertThat(blob(fpc.lines().get(0))).endsWith("RULE input 3", "RULE input 5");
        assertThat(fpc.lines().get(0)).contains(hex("notrack")); // rule 3's; rule 5 keeps its counter
    }

    @Test
    void aSetUpdatedWithoutARuleChangeResendsItsTable() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiNft.elements(NFT_MSG_DELSETELEM, NFPROTO_IPV4, "filter", "allowed", GEN + 1, A));
        kernel.event(UapiNft.elements(NFT_MSG_NEWSETELEM, NFPROTO_IPV4, "filter", "allowed", GEN + 1, B));
        kernel.event(UapiNft.gen(GEN + 1));

        assertThat(blob(fpc.lines().get(0))).contains("ELEMENTS allowed 0a000002").doesNotContain(
                "ELEMENTS allowed 0a000001");
    }

    @Test
    void aTransactionTheDumpAlreadyReadIsDropped() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 5, 3, false, GEN));
        kernel.event(UapiNft.gen(GEN));

        assertThat(fpc.lines()).isEmpty();
    }

    @Test
    void aTableThatGainsANatChainLeavesNetfilterForNat() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiNft.chain(NFT_MSG_NEWCHAIN, NFPROTO_IPV4, "filter", "pre", 7, 0, -100, "nat", GEN + 1));
        kernel.event(UapiNft.gen(GEN + 1));

        assertThat(fpc.lines()).containsExactly("NF_TABLE_DEL vrfid=0 family=2 table=filter origin=1");
        assertThat(feature.syncedObjects()).isZero();
    }

    @Test
    void aMalformedMessageIsCountedAndItsTransactionReadAgainByADump() {
        feature.activate();
        fpc.clear();
        kernel.state.add(UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 6, 5, false, GEN));

        byte[] truncatedName = UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 6, 0, true, GEN + 1);
        ByteBuffer.wrap(truncatedName).order(ByteOrder.nativeOrder()).putShort(20, (short) 300);
        kernel.event(truncatedName);
        kernel.event(UapiNft.gen(GEN + 1));

        assertThat(feature.malformed()).isEqualTo(1);
        assertThat(fpc.lines()).first().isEqualTo("GR_BEGIN netfilter vrf 0");
        assertThat(blob(fpc.lines("NF_TABLE_ADD").get(0))).endsWith("RULE input 5", "RULE input 6");
    }

    @Test
    void aRuleAfterAnUnknownRuleIsNotGuessedAtTheRulesetIsDumped() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 6, 99, false, GEN + 1));
        kernel.event(UapiNft.gen(GEN + 1));

        assertThat(fpc.lines()).first().isEqualTo("GR_BEGIN netfilter vrf 0");
    }

    @Test
    void aDumpWhoseGenerationMovedKeepsWhatTheFpmHasAndIsRetried() {
        feature.activate();
        fpc.clear();
        // the rules were dumped after a commit the tables were dumped before
        kernel.state.set(8, UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 5, 3, false, GEN + 1));
        int[] dumps = {0};
        kernel.beforeDump = () -> {
            if (++dumps[0] == 2) {
                kernel.state.set(8, UapiNft.rule(NFT_MSG_NEWRULE, NFPROTO_IPV4, "filter", "input", 6, 3, false, GEN + 1));
                for (int i = 0; i < 8; i++) {
                    kernel.state.set(i, withGeneration(kernel.state.get(i), GEN + 1));
                }
            }
        };
        kernel.followingState = request -> List.of(
                UapiNft.elements(NFT_MSG_NEWSETELEM, NFPROTO_IPV4, "filter", "allowed", dumps[0] == 1 ? GEN : GEN + 1, A));

        kernel.overflow();

        // The overflow's dump, inconsistent, leaves the FPM's table as it is (nothing sent, nothing
        // deleted); the dump it asks for sends the table as the kernel has it.
        List<String> adds = fpc.lines("NF_TABLE_ADD");
        assertThat(adds).hasSize(1);
        assertThat(blob(adds.get(0))).endsWith("RULE input 3", "RULE input 6");
        assertThat(fpc.lines("NF_TABLE_DEL")).isEmpty();
        assertThat(dumps[0]).isEqualTo(2);
    }

    @Test
    void stoppingWithdrawsItsTablesAndAStopOfTheCacheManagerKeepsThem() {
        feature.activate();
        fpc.clear();
        feature.deactivate();
        // both members leave: the x_tables sync, then the nftables one
        assertThat(fpc.lines()).containsExactly("FLUSH netfilter vrf 0", "FLUSH netfilter vrf 0");

        NetfilterFeature again = new NetfilterFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get),
                SLOW_POLL);
        again.activate();
        fpc.clear();
        frameworkStopping.set(true);
        again.deactivate();
        assertThat(fpc.lines()).containsExactly("KEEP netfilter vrf 0", "KEEP netfilter vrf 0");
    }

    @Test
    void aTableTooLargeForAnFpcFrameIsWithdrawnAndRefusedUnderItsReason() {
        feature.activate();
        fpc.clear();
        byte[][] keys = new byte[80_000][]; // 16 bytes each: 1.28 MB of elements
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
        }

        kernel.event(UapiNft.elements(NFT_MSG_NEWSETELEM, NFPROTO_IPV4, "filter", "allowed", GEN + 1,
                java.util.Arrays.copyOfRange(keys, 0, 2000)));
        for (int from = 2000; from < keys.length; from += 2000) {
            kernel.event(UapiNft.elements(NFT_MSG_NEWSETELEM, NFPROTO_IPV4, "filter", "allowed", GEN + 1,
                    java.util.Arrays.copyOfRange(keys, from, from + 2000)));
        }
        kernel.event(UapiNft.gen(GEN + 1));

        assertThat(fpc.lines()).containsExactly("NF_TABLE_DEL vrfid=0 family=2 table=filter origin=1");
        assertThat(feature.refused()).containsEntry("nftables-table-too-large", 1L);
    }

    @Test
    void aReplayOfAnUnchangedTableKeepsTheGenerationOfItsLastChange() {
        feature.activate();
        fpc.clear();
        for (int i = 0; i < kernel.state.size(); i++) {
            kernel.state.set(i, withGeneration(kernel.state.get(i), GEN + 5));
        }
        kernel.followingState = request -> List.of(
                UapiNft.elements(NFT_MSG_NEWSETELEM, NFPROTO_IPV4, "filter", "allowed", GEN + 5, A));

        kernel.replay();

        assertThat(fpc.lines("NF_TABLE_ADD")).singleElement().asString().contains("generation=" + GEN);
    }

    @Test
    void aTableInTheInetFamilyIsNetfilters() {
        kernel.state.add(UapiNft.table(NFT_MSG_NEWTABLE, NFPROTO_INET, "fw", 4, GEN));
        feature.activate();

        assertThat(fpc.lines("NF_TABLE_ADD")).extracting(NetfilterFeatureUapiEncodedTest::key)
                .containsExactly("vrfid=0 family=2 table=filter", "vrfid=0 family=1 table=fw");
    }

    private static String hex(String s) {
        return HexFormat.ofDelimiter(":").formatHex(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The same message as read at another generation (its res_id). */
    private static byte[] withGeneration(byte[] message, int generation) {
        byte[] b = message.clone();
        b[18] = (byte) (generation >> 8);
        b[19] = (byte) generation;
        return b;
    }

    private static String key(String line) {
        Matcher m = Pattern.compile("(vrfid=\\S+ family=\\S+ table=\\S+)").matcher(line);
        return m.find() ? m.group(1) : line;
    }

    /** The blob of an NF_TABLE_ADD line (its RULES pieces) as one line per message. */
    private static List<String> blob(String line) {
        Matcher m = Pattern.compile("rules=([0-9a-f:]+)").matcher(line);
        StringBuilder hex = new StringBuilder();
        while (m.find()) {
            hex.append(m.group(1).replace(":", ""));
        }
        byte[] b = HexFormat.of().parseHex(hex);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        List<String> messages = new ArrayList<>();
        for (int at = 0; at < b.length; ) {
            int length = buf.getInt(at);
            int type = Nfnetlink.message(buf.getShort(at + 4));
            List<byte[]> strings = new ArrayList<>();
            long handle = -1;
            List<String> keys = new ArrayList<>();
            for (int a = at + 20; a + 4 <= at + length; ) {
                int alen = buf.getShort(a) & 0xffff;
                int atype = buf.getShort(a + 2) & 0x3fff;
                if (alen <= 4 + 8 && alen > 4 && b[a + alen - 1] == 0) {
                    strings.add(java.util.Arrays.copyOfRange(b, a + 4, a + alen - 1));
                } else if (alen > 5 && b[a + alen - 1] == 0 && atype <= 2) {
                    strings.add(java.util.Arrays.copyOfRange(b, a + 4, a + alen - 1));
                }
                if (type == NFT_MSG_NEWRULE && atype == Nfnetlink.NFTA_RULE_HANDLE) {
                    handle = ByteBuffer.wrap(b, a + 4, 8).getLong();
                }
                if (type == NFT_MSG_NEWSETELEM && atype == Nfnetlink.NFTA_SET_ELEM_LIST_ELEMENTS) {
                    // each NFTA_LIST_ELEM { NFTA_SET_ELEM_KEY { NFTA_DATA_VALUE 4 bytes } }
                    for (int e = a + 4; e < a + alen; e += buf.getShort(e) & 0xffff) {
                        keys.add(HexFormat.of().formatHex(b, e + 12, e + 16));
                    }
                }
                a += (alen + 3) & ~3;
            }
            String first = strings.isEmpty() ? "" : new String(strings.get(0));
            String second = strings.size() < 2 ? "" : new String(strings.get(1));
            switch (type) {
                case NFT_MSG_NEWTABLE -> messages.add("TABLE " + first);
                case NFT_MSG_NEWCHAIN -> messages.add("CHAIN " + second);
                case NFT_MSG_NEWSET -> messages.add("SET " + second);
                case NFT_MSG_NEWSETELEM -> messages.add("ELEMENTS " + second + " " + String.join(" ", keys));
                case NFT_MSG_NEWRULE -> messages.add("RULE " + second + " " + handle);
                default -> messages.add("TYPE " + type);
            }
            at += (length + 3) & ~3;
        }
        return messages;
    }
}
