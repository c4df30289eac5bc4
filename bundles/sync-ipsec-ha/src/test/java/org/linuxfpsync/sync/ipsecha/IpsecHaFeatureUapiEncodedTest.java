package org.linuxfpsync.sync.ipsecha;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkRequest;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.linuxfpsync.netlink.codec.Xfrm;

/**
 * The feature against a kernel whose SAs and aevents are uapi-encoded ({@link UapiXfrm}: the layouts
 * of {@code linux/xfrm.h}): this kernel refuses ESP/AH states, so no real SA has sequence numbers to
 * show. The live kernel (a larval SA's GETAE, the toggle) is IpsecHaFeatureIT's.
 */
class IpsecHaFeatureUapiEncodedTest {
    private static final byte[] DST = {10, 0, 0, 2};
    private static final byte[] DST2 = {10, 0, 0, 3};
    private static final int FLAGS = Xfrm.XFRM_AE_RVAL | Xfrm.XFRM_AE_RTHR | Xfrm.XFRM_AE_ETHR;

    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final AtomicBoolean frameworkStopping = new AtomicBoolean();
    private final IpsecHaFeature feature = new IpsecHaFeature(core, kernel, fpc,
            FeatureBundle.context(frameworkStopping::get));

    @BeforeEach
    void twoSasOneWithAMarkAndALarvalOneWithoutSpi() {
        kernel.state.add(UapiXfrm.newSa(DST, 0x100, Xfrm.IPPROTO_ESP, 0, 0));
        kernel.state.add(UapiXfrm.newSa(DST2, 0x200, Xfrm.IPPROTO_ESP, 7, 0xff));
        kernel.state.add(UapiXfrm.newSa(DST2, 0, Xfrm.IPPROTO_ESP, 0, 0));
        // the kernel's answer to GETAE: the replay state of the SA the request names, with both thresholds
        kernel.answer = request -> {
            ByteBuffer p = ByteBuffer.wrap(request.payload());
            int spi = p.getInt(16); // sa_id.spi, big-endian
            return spi == 0x100 ? UapiXfrm.newAe(DST, 0x100, FLAGS, 5, 1042, 0xfffffffb, 2, 10)
                    : spi == 0x200 ? UapiXfrm.newAe(DST2, 0x200, FLAGS, 0, 0, 0, 32, 20) : null;
        };
        core.followed.add(new Vrf(0, ""));
    }

    @Test
    void theSubscriptionJoinsAeventsFirstOnItsOwnXfrmChannelAndDumpsTheSas() {
        feature.activate();

        SubscriptionSpec spec = kernel.specs().get(0);
        assertThat(spec.family()).isEqualTo(NetlinkFamily.XFRM);
        assertThat(spec.channel()).isEqualTo("aevents");
        assertThat(spec.groups()[0]).isEqualTo(Xfrm.XFRMNLGRP_AEVENTS);
        assertThat(spec.groups()).contains(Xfrm.XFRMNLGRP_SA, Xfrm.XFRMNLGRP_EXPIRE);
        assertThat(spec.dumps()).extracting(d -> d.messageType()).containsExactly(Xfrm.XFRM_MSG_GETSA);
    }

    @Test
    void aStartAsksEverySaWithAnSpiForItsStateWithUapiEncodedGetaeRequests() {
        feature.activate();

        assertThat(kernel.requests).extracting(NetlinkRequest::messageType)
                .containsExactly(Xfrm.XFRM_MSG_GETAE, Xfrm.XFRM_MSG_GETAE);
        // struct xfrm_aevent_id { sa_id { daddr, spi (be32), family, proto }, saddr, flags, reqid }
        NlMessageWriter first = new NlMessageWriter(128).beginMessage(0, 0, 0, 0);
        first.bytes(DST).zeros(12).be32(0x100).u16(Rtnetlink.AF_INET).u8(Xfrm.IPPROTO_ESP).zeros(1)
                .zeros(16).u32(FLAGS).u32(0);
        assertThat(kernel.requests.get(0).payload()).isEqualTo(payload(first.endMessage()));
        // an SA with a mark is found by the kernel's lookup only with its XFRMA_MARK
        NlMessageWriter marked = new NlMessageWriter(128).beginMessage(0, 0, 0, 0);
        marked.bytes(DST2).zeros(12).be32(0x200).u16(Rtnetlink.AF_INET).u8(Xfrm.IPPROTO_ESP).zeros(1)
                .zeros(16).u32(FLAGS).u32(0).beginNest(Xfrm.XFRMA_MARK).u32(7).u32(0xff).endNest();
        assertThat(kernel.requests.get(1).payload()).isEqualTo(payload(marked.endMessage()));
    }

    @Test
    void theSnapshotsAnswersAreSentBetweenTheMarkersWithTheThresholds() {
        feature.activate();

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN ipsec-sa-replay vrf 0",
                replay("10.0.0.2", 0x100, 5, 1042, "ff:ff:ff:fb", " replay_thresh=2 etimer_thresh=10"),
                replay("10.0.0.3", 0x200, 0, 0, "00:00:00:00", " replay_thresh=32 etimer_thresh=20"),
                "GR_END ipsec-sa-replay vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(2);
    }

    @Test
    void aeventsAreForwardedPlainAndEsnWithTheSnapshotsThresholdsAndAnUnchangedOneSendsNothing() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiXfrm.newAe(DST, 0x100, Xfrm.XFRM_AE_CR, 7, 1050, 0xff, -1, -1));
        kernel.event(UapiXfrm.newAe(DST, 0x100, Xfrm.XFRM_AE_CE, 7, 1050, 0xff, -1, -1));
        kernel.event(UapiXfrm.newAeEsn(DST2, 0x200, 1L << 32 | 3, 2L << 32 | 9, 64, 0x1ff, 0x80000000));
        // an SA created after the snapshot: its first aevent creates its state, without thresholds
        kernel.event(UapiXfrm.newAe(DST, 0x300, Xfrm.XFRM_AE_CR, 1, 0, 0, -1, -1));

        assertThat(fpc.lines()).containsExactly(
                replay("10.0.0.2", 0x100, 7, 1050, "00:00:00:ff", " replay_thresh=2 etimer_thresh=10"),
                replay("10.0.0.3", 0x200, 1L << 32 | 3, 2L << 32 | 9, "00:00:01:ff:80:00:00:00",
                        " esn=1 replay_window=64 replay_thresh=32 etimer_thresh=20"),
                replay("10.0.0.2", 0x300, 1, 0, "00:00:00:00", ""));
        assertThat(feature.syncedObjects()).isEqualTo(3);
    }

    @Test
    void anSaCreatedOrUpdatedWhileRunningIsSentWithTheReplayStateItsNotificationCarries() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiXfrm.sa(Xfrm.XFRM_MSG_NEWSA, DST, 0x400, Xfrm.IPPROTO_ESP, 0, 0, 100, 200, 0xf));
        kernel.event(UapiXfrm.sa(Xfrm.XFRM_MSG_UPDSA, DST, 0x400, Xfrm.IPPROTO_ESP, 0, 0, 100, 200, 0xf));
        kernel.event(UapiXfrm.sa(Xfrm.XFRM_MSG_UPDSA, DST, 0x100, Xfrm.IPPROTO_ESP, 0, 0, 6, 1042, 0xfffffffb));
        kernel.event(UapiXfrm.newSa(DST2, 0, Xfrm.IPPROTO_ESP, 0, 0)); // larval, no SPI: no state

        assertThat(fpc.lines()).containsExactly(
                replay("10.0.0.2", 0x400, 100, 200, "00:00:00:0f", ""),
                replay("10.0.0.2", 0x100, 6, 1042, "ff:ff:ff:fb", " replay_thresh=2 etimer_thresh=10"));
        assertThat(feature.syncedObjects()).isEqualTo(3);
    }

    @Test
    void aDeletedSaAHardExpireAndAFlushWithdrawItsStateASoftExpireDoesNot() {
        feature.activate();
        kernel.event(UapiXfrm.newAe(DST, 0x300, Xfrm.XFRM_AE_CR, 1, 0, 0, -1, -1));
        fpc.clear();

        kernel.event(UapiXfrm.expire(DST, 0x100, false));
        kernel.event(UapiXfrm.expire(DST, 0x100, true));
        kernel.event(UapiXfrm.delSa(DST2, 0x200, Xfrm.IPPROTO_ESP));
        kernel.event(UapiXfrm.delSa(DST2, 0x999, Xfrm.IPPROTO_ESP)); // never sent: nothing to withdraw
        kernel.event(UapiXfrm.flushSa(Xfrm.IPPROTO_AH));             // another protocol's flush
        assertThat(fpc.lines()).containsExactly(del("10.0.0.2", 0x100), del("10.0.0.3", 0x200));

        fpc.clear();
        kernel.event(UapiXfrm.flushSa(SaReplayStates.IPSEC_PROTO_ANY));
        assertThat(fpc.lines()).containsExactly(del("10.0.0.2", 0x300));
        assertThat(feature.syncedObjects()).isZero();
    }

    /**
     * Two SAs that differ only by their mark (the kernel keeps both: its lookup matches mark and mask)
     * have a replay state each; every message about one carries its XFRMA_MARK, and withdrawing one
     * leaves the other.
     */
    @Test
    void sasThatDifferOnlyByTheirMarkHaveAReplayStateEachAndWithdrawingOneLeavesTheOther() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiXfrm.sa(Xfrm.XFRM_MSG_NEWSA, DST, 0x500, Xfrm.IPPROTO_ESP, 1, 0xff, 10, 20, 0x3));
        kernel.event(UapiXfrm.sa(Xfrm.XFRM_MSG_NEWSA, DST, 0x500, Xfrm.IPPROTO_ESP, 2, 0xff, 30, 40, 0x7));
        kernel.event(UapiXfrm.newAeMarked(DST, 0x500, 11, 21, 0x7, 1, 0xff));
        assertThat(feature.syncedObjects()).isEqualTo(4);
        kernel.event(UapiXfrm.delSa(DST, 0x500, Xfrm.IPPROTO_ESP, 1, 0xff));
        kernel.event(UapiXfrm.expire(DST, 0x500, true, 1, 0xff)); // gone already: nothing
        assertThat(feature.syncedObjects()).isEqualTo(3);
        kernel.event(UapiXfrm.expire(DST, 0x500, true, 2, 0xff));

        String one = " mark=1 mark_mask=255";
        String two = " mark=2 mark_mask=255";
        assertThat(fpc.lines()).containsExactly(
                replay("10.0.0.2", 0x500, 10, 20, "00:00:00:03", one),
                replay("10.0.0.2", 0x500, 30, 40, "00:00:00:07", two),
                replay("10.0.0.2", 0x500, 11, 21, "00:00:00:07", one),
                del("10.0.0.2", 0x500) + one,
                del("10.0.0.2", 0x500) + two);
        assertThat(feature.syncedObjects()).isEqualTo(2);
    }

    @Test
    void aGetaeTheKernelRefusesSendsNothingForThatSaAndTheOthersAreSynced() {
        kernel.state.add(UapiXfrm.newSa(DST2, 0x777, Xfrm.IPPROTO_ESP, 0, 0)); // deleted before its GETAE: ESRCH
        feature.activate();

        assertThat(kernel.requests).hasSize(3);
        assertThat(fpc.lines()).hasSize(4).noneMatch(l -> l.contains("spi=" + 0x777));
        assertThat(feature.malformed()).isZero();
    }

    @Test
    void malformedAeventsAndFlushesAreCountedAndSkipped() {
        feature.activate();
        fpc.clear();

        byte[] badEsn = UapiXfrm.newAeEsn(DST, 0x100, 1, 1, 64, 0, 0);
        // bmp_len says 3 words where the attribute holds 2
        int esnPayload = NlMsg.HEADER_LENGTH + 48 + 4;
        ByteBuffer.wrap(badEsn).order(ByteOrder.nativeOrder()).putInt(esnPayload, 3);
        kernel.event(badEsn);
        kernel.event(FakeKernel.message(w -> w.beginMessage(Xfrm.XFRM_MSG_NEWAE, 0, 0, 0).zeros(48).endMessage()));
        kernel.event(FakeKernel.message(w -> w.beginMessage(Xfrm.XFRM_MSG_FLUSHSA, 0, 0, 0).endMessage()));

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.malformed()).isEqualTo(3);
        assertThat(feature.syncedObjects()).isEqualTo(2);
    }

    @Test
    void disablingWithdrawsTheReplayStatesAndAStopOfTheCacheManagerKeepsThem() {
        feature.activate();
        fpc.clear();
        feature.deactivate();
        assertThat(fpc.lines()).containsExactly("FLUSH ipsec-sa-replay vrf 0");
        assertThat(core.members()).isZero();

        IpsecHaFeature again = new IpsecHaFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));
        again.activate();
        fpc.clear();
        frameworkStopping.set(true);
        again.deactivate();
        assertThat(fpc.lines()).containsExactly("KEEP ipsec-sa-replay vrf 0");
    }

    private static String key(String dst, int spi) {
        return "vrfid=0 family=2 daddr=" + dst + " spi=" + spi + " proto=50";
    }

    private static String replay(String dst, int spi, long oseq, long seq, String bitmap, String rest) {
        return "SA_REPLAY " + key(dst, spi) + " oseq=" + oseq + " seq=" + seq + " bitmap=" + bitmap + rest;
    }

    private static String del(String dst, int spi) {
        return "SA_REPLAY_DEL " + key(dst, spi);
    }

    private static byte[] payload(NlMessageWriter w) {
        byte[] all = w.toByteArray();
        return Arrays.copyOfRange(all, NlMsg.HEADER_LENGTH, all.length);
    }
}
