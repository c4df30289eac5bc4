package org.linuxfpsync.sync.ipsec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Xfrm;
import org.linuxfpsync.netlink.codec.XfrmFlushMessage;
import org.linuxfpsync.sync.ipsec.UapiXfrm.Policy;
import org.linuxfpsync.sync.ipsec.UapiXfrm.Sa;
import org.linuxfpsync.sync.ipsec.UapiXfrm.Selector;
import org.linuxfpsync.sync.ipsec.UapiXfrm.Template;

/**
 * The feature against a kernel whose SAs and policies are uapi-encoded ({@link UapiXfrm}: the
 * structures of {@code linux/xfrm.h}, filled as {@code xfrm_user.c} fills them). The SA scenarios
 * are only here on a kernel that refuses ESP and AH states (IpsecFeatureIT probes it); policies,
 * larval SAs and flushes of policies run live there too.
 */
class IpsecFeatureUapiEncodedTest {
    static final byte[] LEFT = {10, 0, 0, 1};
    static final byte[] RIGHT = {10, 0, 0, 2};
    static final byte[] MOVED = {10, 9, 0, 1};
    static final byte[] NET_A = {(byte) 192, (byte) 168, 1, 0};
    static final byte[] NET_B = {(byte) 172, 16, 2, 0};
    static final byte[] LEFT6 = v6(0xfd, 1);
    static final byte[] RIGHT6 = v6(0xfd, 2);

    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final AtomicBoolean frameworkStopping = new AtomicBoolean();
    private final IpsecFeature feature = new IpsecFeature(core, kernel, fpc,
            FeatureBundle.context(frameworkStopping::get));

    static Sa espOut() {
        return Sa.esp(LEFT, RIGHT, 0xc0de0001).reqid(7)
                .auth("hmac(sha256)", Keys.AUTH, 128).crypt("cbc(aes)", Keys.ENC);
    }

    static Sa aeadIn6() {
        return Sa.esp(RIGHT6, LEFT6, 0x200).reqid(8).aead("rfc4106(gcm(aes))", Keys.AEAD, 128);
    }

    static Policy out() {
        return Policy.of(Selector.of(UapiXfrm.AF_INET, NET_A, 24, NET_B, 24), Xfrm.XFRM_POLICY_OUT, 0x9, 100,
                new Template(UapiXfrm.AF_INET, LEFT, RIGHT, Xfrm.IPPROTO_ESP, Xfrm.XFRM_MODE_TUNNEL, 7, false));
    }

    @BeforeEach
    void twoSasALarvalOneTwoPoliciesAndASocketPolicy() {
        kernel.state.add(espOut().newSa());
        kernel.state.add(aeadIn6().newSa());
        // ALLOCSPI: an SPI reserved, no transform yet
        kernel.state.add(Sa.esp(LEFT, RIGHT, 0x1234).newSa());
        // the state an ACQUIRE made: SPI 0
        kernel.state.add(Sa.esp(LEFT, RIGHT, 0).newSa());
        kernel.state.add(out().newPolicy());
        kernel.state.add(Policy.of(Selector.of(UapiXfrm.AF_INET, NET_B, 24, NET_A, 24), Xfrm.XFRM_POLICY_FWD, 0x12, 100,
                new Template(UapiXfrm.AF_INET, RIGHT, LEFT, Xfrm.IPPROTO_ESP, Xfrm.XFRM_MODE_TUNNEL, 8, true))
                .mark(0x10, 0xff).newPolicy());
        // a socket policy (setsockopt IP_XFRM_POLICY): dir XFRM_POLICY_MAX + out
        kernel.state.add(Policy.of(Selector.of(UapiXfrm.AF_INET, new byte[4], 0, new byte[4], 0), 4, 0x1c, 0)
                .newPolicy());
        core.followed.add(new Vrf(0, ""));
    }

    @Test
    void theSubscriptionIsNetlinkXfrmJoinsSaPolicyExpireAndMigrateButNotAcquireThenDumpsSasAndPolicies() {
        feature.activate();

        SubscriptionSpec spec = kernel.specs().get(0);
        assertThat(spec.family()).isEqualTo(NetlinkFamily.XFRM);
        assertThat(spec.channel()).isEmpty(); // netlink-xfrm-listen-<vr>, netlink-xfrm-cmd-<vr>
        assertThat(spec.groups()).containsExactly(Xfrm.XFRMNLGRP_SA, Xfrm.XFRMNLGRP_POLICY, Xfrm.XFRMNLGRP_EXPIRE,
                Xfrm.XFRMNLGRP_MIGRATE);
        assertThat(spec.dumps()).extracting(DumpRequest::messageType)
                .containsExactly(Xfrm.XFRM_MSG_GETSA, Xfrm.XFRM_MSG_GETPOLICY);
        assertThat(spec.messageTypes()).doesNotContain(Xfrm.XFRM_MSG_ACQUIRE, Xfrm.XFRM_MSG_NEWAE);
    }

    @Test
    void theFeatureBringsTheManualsXfrmMigrateModule() {
        assertThat(feature.subModules()).singleElement().asString().startsWith("xfrm-migrate XFRM_MSG_MIGRATE");
    }

    @Test
    void aStartSendsEverySaFieldAndThePoliciesButNeitherLarvalSasNorSocketPolicies() {
        feature.activate();

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN ipsec-sa vrf 0",
                "GR_BEGIN ipsec-sp vrf 0",
                Lines.ESP_OUT,
                Lines.AEAD_IN6,
                Lines.POLICY_OUT,
                Lines.POLICY_FWD,
                "GR_END ipsec-sa vrf 0",
                "GR_END ipsec-sp vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(4);
    }

    @Test
    void everyOptionalSaFieldReachesItsTlv() {
        feature.activate();
        fpc.clear();
        Sa sa = Sa.esp(LEFT, RIGHT, 0x300).reqid(3).crypt("cbc(aes)", Keys.ENC).auth("hmac(sha1)", Keys.AUTH, 96)
                .encap(2, 4500, 4501).mark(0x5, 0xf).comp("deflate");
        sa.mode = Xfrm.XFRM_MODE_TRANSPORT;
        sa.replayWindow = 32;
        sa.flags = Xfrm.XFRM_STATE_NOECN;
        sa.selector = Selector.of(UapiXfrm.AF_INET, LEFT, 32, RIGHT, 32).proto(17, 53).ifindex(4);
        sa.lifetime = new long[] {1000, 2000, UapiXfrm.XFRM_INF, 40, 50, 60, 0, 80};
        sa.ifId = 9;
        sa.dir = 2;
        sa.offloadIfindex = 4;
        sa.offloadFlags = 4;

        kernel.event(sa.newSa());

        assertThat(fpc.lines()).containsExactly(Lines.EVERY_FIELD);
    }

    @Test
    void theKeysTravelOnFpcAndAreNeverInALineOrALog() {
        LogCapture log = LogCapture.start();
        long malformed;
        try {
            feature.activate();
            kernel.event(espOut().auth("hmac(sha256)", Keys.AUTH2, 128).updSa());
            kernel.event(Keys.malformedSa());
            kernel.event(espOut().expire(false));
            kernel.event(espOut().expire(true));
            malformed = feature.malformed();
            feature.deactivate();
        } finally {
            log.stop();
        }

        assertThat(malformed).isEqualTo(1);
        assertThat(Keys.foundIn(fpc.frameBytes())).as("every key in the frames sent")
                .containsExactlyInAnyOrder("AUTH", "ENC", "AEAD", "AUTH2");
        assertThat(log.text()).contains("SA soft expire").contains("ALG_CRYPT");
        Keys.assertNoneIn("log", log.text());
        Keys.assertNoneIn("FPC lines", String.join("\n", fpc.lines()));
    }

    @Test
    void aChangedSaIsSentWholeAndOneWhoseCountersAloneMovedIsNot() {
        feature.activate();
        fpc.clear();

        kernel.event(espOut().bytes(123_456).updSa());
        assertThat(fpc.lines()).isEmpty();

        kernel.event(espOut().reqid(70).updSa());
        assertThat(fpc.lines()).containsExactly(Lines.ESP_OUT.replace("reqid=7", "reqid=70"));
    }

    @Test
    void aDeletedSaLeavesAndAnUnknownDeletionSendsNothing() {
        feature.activate();
        fpc.clear();

        kernel.event(espOut().delSa());
        kernel.event(Sa.esp(LEFT, RIGHT, 0x1234).delSa());

        assertThat(fpc.lines()).containsExactly(Lines.ESP_OUT_DEL);
        assertThat(feature.syncedObjects()).isEqualTo(3);
    }

    /**
     * The kernel keeps SAs that differ only by their mark (xfrm_state_lookup matches mark and mask):
     * each is an object of its own, and the DELSA or hard EXPIRE of one (both carry XFRMA_MARK, as
     * xfrm_notify_sa and build_expire write them) leaves the others.
     */
    @Test
    void sasThatDifferOnlyByTheirMarkAreObjectsOfTheirOwnAndDeletingOneLeavesTheOthers() {
        feature.activate();
        fpc.clear();
        Sa one = espOut().mark(0x1, 0xff);
        Sa two = espOut().mark(0x2, 0xff);

        kernel.event(one.newSa());
        kernel.event(two.newSa());
        assertThat(feature.syncedObjects()).isEqualTo(6); // and the unmarked espOut, and the AEAD SA, 2 policies
        kernel.event(one.delSa());
        kernel.event(one.expire(true)); // gone already: nothing
        assertThat(feature.syncedObjects()).isEqualTo(5);
        kernel.event(two.expire(true));
        kernel.event(espOut().delSa());

        assertThat(fpc.lines()).containsExactly(
                Lines.ESP_OUT + " mark=1 mark_mask=255",
                Lines.ESP_OUT + " mark=2 mark_mask=255",
                Lines.ESP_OUT_DEL + " mark=1 mark_mask=255",
                Lines.ESP_OUT_DEL + " mark=2 mark_mask=255",
                Lines.ESP_OUT_DEL);
        assertThat(feature.syncedObjects()).isEqualTo(3);
    }

    @Test
    void aReplayKeepsSasThatDifferOnlyByTheirMarkApart() {
        kernel.state.add(1, espOut().mark(0x1, 0xff).newSa());
        feature.activate();
        fpc.clear();

        kernel.replay();

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN ipsec-sa vrf 0", "GR_BEGIN ipsec-sp vrf 0",
                Lines.ESP_OUT, Lines.ESP_OUT + " mark=1 mark_mask=255", Lines.AEAD_IN6,
                Lines.POLICY_OUT, Lines.POLICY_FWD,
                "GR_END ipsec-sa vrf 0", "GR_END ipsec-sp vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(5);
    }

    @Test
    void aHardExpireDeletesTheSaAndASoftOneIsCountedOnly() {
        feature.activate();
        fpc.clear();

        kernel.event(espOut().expire(false));
        assertThat(fpc.lines()).isEmpty();

        kernel.event(espOut().expire(true));
        assertThat(fpc.lines()).containsExactly(Lines.ESP_OUT_DEL);
    }

    @Test
    void aLarvalSaCompletedByUpdsaIsSentAndOneMadeLarvalAgainLeaves() {
        feature.activate();
        fpc.clear();

        kernel.event(Sa.esp(LEFT, RIGHT, 0x1234).reqid(7).updSa());
        assertThat(fpc.lines()).isEmpty();

        kernel.event(Sa.esp(LEFT, RIGHT, 0x1234).reqid(7).crypt("cbc(aes)", Keys.ENC).updSa());
        kernel.event(Sa.esp(LEFT, RIGHT, 0x1234).reqid(7).updSa());
        assertThat(fpc.lines()).hasSize(2);
        assertThat(fpc.lines().get(0)).startsWith("SA_ADD vrfid=0 family=2 daddr=10.0.0.2 spi=4660 proto=50");
        assertThat(fpc.lines().get(1)).isEqualTo("SA_DEL vrfid=0 family=2 daddr=10.0.0.2 spi=4660 proto=50");
    }

    @Test
    void aFlushOfOneProtocolDeletesOnlyItsSasAndAFlushOfAnyDeletesTheRest() {
        kernel.state.add(Sa.esp(LEFT, RIGHT, 0x51).proto(Xfrm.IPPROTO_AH).auth("hmac(sha1)", Keys.AUTH, 96).newSa());
        feature.activate();
        fpc.clear();

        kernel.event(UapiXfrm.flushSa(Xfrm.IPPROTO_AH));
        assertThat(fpc.lines()).containsExactly("SA_DEL vrfid=0 family=2 daddr=10.0.0.2 spi=81 proto=51");

        kernel.event(UapiXfrm.flushSa(XfrmFlushMessage.IPSEC_PROTO_ANY));
        assertThat(fpc.lines()).hasSize(3).contains(Lines.ESP_OUT_DEL, Lines.AEAD_IN6_DEL);
        assertThat(feature.syncedObjects()).isEqualTo(2); // the policies
    }

    @Test
    void aMigrationMovesTheSaAndItsPolicyAndLeavesNothingBehind() {
        feature.activate();
        fpc.clear();
        // what xfrm_migrate did, silently: the SA cloned to the new source, the old one deleted, the
        // policy's template rewritten in place
        kernel.state.set(0, Sa.esp(MOVED, RIGHT, 0xc0de0001).reqid(7)
                .auth("hmac(sha256)", Keys.AUTH, 128).crypt("cbc(aes)", Keys.ENC).newSa());
        Policy moved = out();
        moved.templates = new Template[] {
            new Template(UapiXfrm.AF_INET, MOVED, RIGHT, Xfrm.IPPROTO_ESP, Xfrm.XFRM_MODE_TUNNEL, 7, false)};
        kernel.state.set(4, moved.newPolicy());

        kernel.event(out().migrate(Xfrm.IPPROTO_ESP, Xfrm.XFRM_MODE_TUNNEL, 7, LEFT, RIGHT, MOVED, RIGHT));

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN ipsec-sa vrf 0",
                "GR_BEGIN ipsec-sp vrf 0",
                Lines.ESP_OUT.replace("saddr=10.0.0.1", "saddr=10.9.0.1"),
                Lines.AEAD_IN6,
                Lines.POLICY_OUT.replace("saddr=10.0.0.1", "saddr=10.9.0.1"),
                Lines.POLICY_FWD,
                "GR_END ipsec-sa vrf 0",
                "GR_END ipsec-sp vrf 0");
        // the old SA is the sweep's (same key: the destination and SPI did not move, the source did)
        assertThat(feature.syncedObjects()).isEqualTo(4);
    }

    @Test
    void aMigrationToANewDestinationLeavesTheOldSaToTheSweep() {
        feature.activate();
        fpc.clear();
        kernel.state.set(0, Sa.esp(LEFT, MOVED, 0xc0de0001).reqid(7)
                .auth("hmac(sha256)", Keys.AUTH, 128).crypt("cbc(aes)", Keys.ENC).newSa());

        kernel.event(out().migrate(Xfrm.IPPROTO_ESP, Xfrm.XFRM_MODE_TUNNEL, 7, LEFT, RIGHT, LEFT, MOVED));
        fpc.clear();
        // the old SA is no longer in the FPM after the replay: a late DELSA of it sends nothing
        kernel.event(espOut().delSa());

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.syncedObjects()).isEqualTo(4);
    }

    @Test
    void policiesAreAddedChangedDeletedExpiredAndFlushed() {
        feature.activate();
        fpc.clear();

        Policy in = Policy.of(Selector.of(UapiXfrm.AF_INET, NET_B, 24, NET_A, 24), Xfrm.XFRM_POLICY_IN, 0x20, 5)
                .block();
        kernel.event(in.newPolicy());
        in.priority = 6;
        kernel.event(in.updPolicy());
        kernel.event(in.updPolicy());
        kernel.event(in.polexpire(false));
        kernel.event(in.polexpire(true));
        // ip xfrm policy delete by selector: the id's index is 0, the info's is the policy's
        kernel.event(out().delPolicy(false));
        kernel.event(UapiXfrm.flushPolicy(Xfrm.XFRM_POLICY_TYPE_SUB));
        assertThat(feature.syncedObjects()).isEqualTo(3);
        kernel.event(UapiXfrm.flushPolicy(Xfrm.XFRM_POLICY_TYPE_MAIN));

        String inKey = "vrfid=0 index=32";
        String inSelector = " selector={family=2 saddr=172.16.2.0 daddr=192.168.1.0 sprefixlen=24 dprefixlen=24}";
        assertThat(fpc.lines()).containsExactly(
                "SP_ADD " + inKey + " dir=0 action=1 priority=5" + inSelector,
                "SP_ADD " + inKey + " dir=0 action=1 priority=6" + inSelector,
                "SP_DEL " + inKey,
                "SP_DEL vrfid=0 index=9",
                "SP_DEL vrfid=0 index=18");
        assertThat(feature.syncedObjects()).isEqualTo(2); // the SAs
    }

    @Test
    void aPolicyDeletedByItsIndexLeavesToo() {
        feature.activate();
        fpc.clear();

        kernel.event(out().delPolicy(true));

        assertThat(fpc.lines()).containsExactly("SP_DEL vrfid=0 index=9");
    }

    @Test
    void aSubPolicyIsNotSynced() {
        feature.activate();
        fpc.clear();

        kernel.event(out().type(Xfrm.XFRM_POLICY_TYPE_SUB).updPolicy());

        assertThat(fpc.lines()).containsExactly("SP_DEL vrfid=0 index=9");
    }

    @Test
    void malformedMessagesAreCountedAndSkipped() {
        feature.activate();
        fpc.clear();

        kernel.event(FakeKernel.message(w -> w.beginMessage(Xfrm.XFRM_MSG_NEWSA, 0, 0, 0).zeros(100).endMessage()));
        kernel.event(FakeKernel.message(w -> w.beginMessage(Xfrm.XFRM_MSG_FLUSHSA, 0, 0, 0).endMessage()));
        kernel.event(FakeKernel.message(w -> w.beginMessage(Xfrm.XFRM_MSG_MIGRATE, 0, 0, 0).bytes(out().id())
                .endMessage()));
        kernel.event(FakeKernel.message(w -> w.beginMessage(Xfrm.XFRM_MSG_NEWPOLICY, 0, 0, 0).bytes(out().info())
                .attrBytes(Xfrm.XFRMA_TMPL, new byte[63]).endMessage()));

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.malformed()).isEqualTo(4);
        assertThat(feature.syncedObjects()).isEqualTo(4);
    }

    @Test
    void anOverflowDeletesWhatTheDumpLacksWithoutAReplay() {
        feature.activate();
        fpc.clear();
        kernel.state.remove(1);
        kernel.state.remove(3); // the out policy (after the removal above)

        kernel.overflow();

        // The FPM still has what was sent: only what went leaves, without a replay's markers.
        assertThat(fpc.lines()).containsExactly(Lines.AEAD_IN6_DEL, "SP_DEL vrfid=0 index=9");
        assertThat(feature.syncedObjects()).isEqualTo(2);
    }

    @Test
    void stoppingFlushesSasAndPoliciesAndAStopOfTheCacheManagerKeepsThem() {
        feature.activate();
        fpc.clear();
        feature.deactivate();
        assertThat(fpc.lines()).containsExactly("FLUSH ipsec-sa vrf 0", "FLUSH ipsec-sp vrf 0");
        assertThat(core.members()).isZero();

        IpsecFeature again = new IpsecFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));
        again.activate();
        fpc.clear();
        frameworkStopping.set(true);
        again.deactivate();
        assertThat(fpc.lines()).containsExactly("KEEP ipsec-sa vrf 0", "KEEP ipsec-sp vrf 0");
    }

    static byte[] v6(int first, int last) {
        byte[] b = new byte[16];
        b[0] = (byte) first;
        b[15] = (byte) last;
        return b;
    }

    static List<String> list(String... s) {
        return new ArrayList<>(List.of(s));
    }
}
