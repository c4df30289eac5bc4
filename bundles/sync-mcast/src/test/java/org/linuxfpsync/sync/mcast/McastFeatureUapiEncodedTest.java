package org.linuxfpsync.sync.mcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.featuresync.testing.UapiLink.link;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The feature against a kernel whose multicast cache entries are uapi-encoded ({@link UapiMroute}:
 * the layout of {@code ipmr_fill_mroute}); the live kernel is MulticastFeatureIT's, on kernels built
 * with CONFIG_IP_MROUTE.
 */
class McastFeatureUapiEncodedTest {
    private static final int IN = 2;
    private static final int OUT = 3;
    private static final int OUT2 = 4;
    private static final byte[] S = {10, 1, 0, 2};
    private static final byte[] G = {(byte) 239, 1, 1, 1};
    private static final byte[] ANY = {0, 0, 0, 0};
    private static final byte[] S6 = v6(0xfd, 2);
    private static final byte[] G6 = v6(0xff, 0x11);
    private static final McastFeature.KernelSupport BOTH = new McastFeature.KernelSupport(true, true);

    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final AtomicBoolean frameworkStopping = new AtomicBoolean();
    private final McastFeature feature = new McastFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get),
            BOTH);

    @BeforeEach
    void anIpv4AndAnIpv6EntryAStarGroupAnUnresolvedOneAndAUnicastRoute() {
        kernel.state.add(UapiMroute.v4(S, G).iif(IN).oif(OUT, 1).oif(OUT2, 5).packets(7).newRoute());
        kernel.state.add(UapiMroute.v6(S6, G6).iif(IN).oif(OUT, 1).newRoute());
        kernel.state.add(UapiMroute.v4(ANY, G).iif(IN).oif(OUT2, 1).newRoute());
        kernel.state.add(UapiMroute.v4(new byte[] {10, 1, 0, 9}, G).unresolved().newRoute());
        // a kernel without multicast routing answers an RTNL_FAMILY_IPMR dump with its unicast routes
        kernel.state.add(FakeKernel.message(w -> w.beginMessage(Rtnetlink.RTM_NEWROUTE, 0, 0, 0)
                .u8(Rtnetlink.AF_INET).u8(0).u8(0).u8(0).u8(Rtnetlink.RT_TABLE_MAIN).u8(Rtnetlink.RTPROT_STATIC)
                .u8(0).u8(Rtnetlink.RTN_UNICAST).u32(0).attrU32(Rtnetlink.RTA_OIF, OUT).endMessage()));
        core.followed.add(new Vrf(0, ""));
    }

    @Test
    void theSubscriptionJoinsBothMulticastRouteGroupsAndLinkEventsAndDumpsBothCaches() {
        feature.activate();

        SubscriptionSpec spec = kernel.specs().get(0);
        assertThat(spec.groups()).contains(Rtnetlink.RTNLGRP_IPV4_MROUTE, Rtnetlink.RTNLGRP_IPV6_MROUTE,
                Rtnetlink.RTNLGRP_LINK).doesNotContain(Rtnetlink.RTNLGRP_IPV4_ROUTE, Rtnetlink.RTNLGRP_IPV6_ROUTE);
        assertThat(spec.dumps()).extracting(d -> d.payload()[0] & 0xff)
                .containsExactly(Rtnetlink.RTNL_FAMILY_IPMR, Rtnetlink.RTNL_FAMILY_IP6MR);
    }

    @Test
    void aKernelWithoutAFamilysMulticastRoutingIsNotAskedForItsCacheWhichWouldBeEveryUnicastRoute() {
        assertThat(dumpFamilies(new McastFeature.KernelSupport(true, false))).containsExactly(Rtnetlink.RTNL_FAMILY_IPMR);
        assertThat(dumpFamilies(new McastFeature.KernelSupport(false, true))).containsExactly(Rtnetlink.RTNL_FAMILY_IP6MR);
        // without either, a link dump keeps the replays of the empty table going
        McastFeature none = new McastFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get),
                new McastFeature.KernelSupport(false, false));
        none.activate();
        SubscriptionSpec spec = kernel.specs().get(0);
        assertThat(spec.dumps()).extracting(DumpRequest::messageType).containsExactly(Rtnetlink.RTM_GETLINK);
        assertThat(spec.groups()).contains(Rtnetlink.RTNLGRP_IPV4_MROUTE, Rtnetlink.RTNLGRP_IPV6_MROUTE);
        none.deactivate();
    }

    private List<Integer> dumpFamilies(McastFeature.KernelSupport support) {
        McastFeature f = new McastFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get), support);
        f.activate();
        List<Integer> families = new ArrayList<>();
        for (DumpRequest d : kernel.specs().get(0).dumps()) {
            families.add(d.payload()[0] & 0xff);
        }
        f.deactivate();
        return families;
    }

    @Test
    void aStartSendsTheResolvedEntriesBetweenTheMarkers() {
        feature.activate();

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN mroutes vrf 0",
                add("inet", 253, "10.1.0.2", "239.1.1.1", IN, "oif={ifuid=" + ifuid(OUT) + " ttl=1} oif={ifuid="
                        + ifuid(OUT2) + " ttl=5}"),
                add("inet6", 253, "fd00:0:0:0:0:0:0:2", "ff00:0:0:0:0:0:0:11", IN, "oif={ifuid=" + ifuid(OUT) + " ttl=1}"),
                add("inet", 253, "0.0.0.0", "239.1.1.1", IN, "oif={ifuid=" + ifuid(OUT2) + " ttl=1}"),
                "GR_END mroutes vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(3);
    }

    @Test
    void aChangedEntryIsSentWholeAndOneWhoseCountersAloneMovedIsNot() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiMroute.v4(S, G).iif(IN).oif(OUT, 1).oif(OUT2, 5).packets(99).newRoute());
        assertThat(fpc.lines()).isEmpty();

        kernel.event(UapiMroute.v4(S, G).iif(OUT2).oif(OUT, 3).newRoute());
        assertThat(fpc.lines()).containsExactly(
                add("inet", 253, "10.1.0.2", "239.1.1.1", OUT2, "oif={ifuid=" + ifuid(OUT) + " ttl=3}"));
    }

    @Test
    void theSameGroupInTwoTablesIsTwoEntries() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiMroute.v4(S, G).table(1000).iif(OUT).oif(IN, 1).newRoute());
        kernel.event(UapiMroute.v4(S, G).table(1000).iif(OUT).oif(IN, 1).delRoute());

        assertThat(fpc.lines()).containsExactly(
                add("inet", 1000, "10.1.0.2", "239.1.1.1", OUT, "oif={ifuid=" + ifuid(IN) + " ttl=1}"),
                del("inet", 1000, "10.1.0.2", "239.1.1.1"));
        assertThat(feature.syncedObjects()).isEqualTo(3);
    }

    @Test
    void anEntryThatBecomesUnresolvedOrIsDeletedLeavesAndAnUnknownDeletionSendsNothing() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiMroute.v4(S, G).unresolved().newRoute());
        kernel.event(UapiMroute.v6(S6, G6).iif(IN).oif(OUT, 1).delRoute());
        kernel.event(UapiMroute.v4(new byte[] {10, 1, 0, 9}, G).unresolved().delRoute());

        assertThat(fpc.lines()).containsExactly(
                del("inet", 253, "10.1.0.2", "239.1.1.1"),
                del("inet6", 253, "fd00:0:0:0:0:0:0:2", "ff00:0:0:0:0:0:0:11"));
        assertThat(feature.syncedObjects()).isEqualTo(1);
    }

    @Test
    void aDeletedLinkAsksForADumpThatFollowsWhatTheKernelChangedSilently() {
        feature.activate();
        fpc.clear();
        // the kernel deleted OUT2's VIF: the (S,G) lost an output, the (*,G) its only one; no RTM_NEWROUTE
        kernel.state.set(0, UapiMroute.v4(S, G).iif(IN).oif(OUT, 1).newRoute());
        kernel.state.set(2, UapiMroute.v4(ANY, G).iif(IN).newRoute());
        // and IN's: the IPv6 entry has no input interface left
        kernel.state.set(1, UapiMroute.v6(S6, G6).oif(OUT, 1).newRoute());

        kernel.event(link(OUT2, "out2").kind("veth", null).delLink());

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN mroutes vrf 0",
                add("inet", 253, "10.1.0.2", "239.1.1.1", IN, "oif={ifuid=" + ifuid(OUT) + " ttl=1}"),
                del("inet6", 253, "fd00:0:0:0:0:0:0:2", "ff00:0:0:0:0:0:0:11"),
                add("inet", 253, "0.0.0.0", "239.1.1.1", IN, ""),
                "GR_END mroutes vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(2);
    }

    /** A link no entry has as input or output (a veth of a link churn) changes no entry: no dump, no frame. */
    @Test
    void aDeletedLinkNoEntryUsesAsksForNothing() {
        feature.activate();
        fpc.clear();

        kernel.event(link(9, "other").kind("veth", null).delLink());

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.syncedObjects()).isEqualTo(3);
    }

    @Test
    void theDaemonClosingItsSocketDeletesEveryEntryOneMessageEach() {
        feature.activate();
        fpc.clear();

        // mroute_clean_tables: one RTM_DELROUTE per entry, the unresolved one included
        for (int i = 0; i < 4; i++) {
            kernel.event(asDelRoute(kernel.state.get(i)));
        }

        assertThat(fpc.lines()).containsExactly(
                del("inet", 253, "10.1.0.2", "239.1.1.1"),
                del("inet6", 253, "fd00:0:0:0:0:0:0:2", "ff00:0:0:0:0:0:0:11"),
                del("inet", 253, "0.0.0.0", "239.1.1.1"));
        assertThat(feature.syncedObjects()).isZero();
    }

    @Test
    void anOverflowDeletesWhatTheDumpLacksWithoutReplayingTheCaches() {
        feature.activate();
        fpc.clear();
        kernel.state.remove(1);

        kernel.overflow();

        // The FPM still has what was sent: only the entry gone leaves, without a replay's markers.
        assertThat(fpc.lines()).containsExactly(del("inet6", 253, "fd00:0:0:0:0:0:0:2", "ff00:0:0:0:0:0:0:11"));
        assertThat(feature.syncedObjects()).isEqualTo(2);
    }

    @Test
    void aNewLinkAsksForNothing() {
        feature.activate();
        fpc.clear();

        kernel.event(link(9, "new0").kind("veth", null).newLink());

        assertThat(fpc.lines()).isEmpty();
    }

    @Test
    void malformedEntriesAreCountedAndSkipped() {
        feature.activate();
        fpc.clear();

        kernel.event(UapiMroute.v4(S, new byte[] {(byte) 239, 1, 1}).iif(IN).newRoute());
        kernel.event(UapiMroute.v6(S6, new byte[0]).iif(IN).newRoute());

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.malformed()).isEqualTo(2);
        assertThat(feature.syncedObjects()).isEqualTo(3);
    }

    @Test
    void stoppingFlushesTheEntriesAndAStopOfTheCacheManagerKeepsThem() {
        feature.activate();
        fpc.clear();
        feature.deactivate();
        assertThat(fpc.lines()).containsExactly("FLUSH mroutes vrf 0");
        assertThat(core.members()).isZero();

        McastFeature again = new McastFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get), BOTH);
        again.activate();
        fpc.clear();
        frameworkStopping.set(true);
        again.deactivate();
        assertThat(fpc.lines()).containsExactly("KEEP mroutes vrf 0");
    }

    private static String add(String family, int table, String source, String group, int iif, String oifs) {
        return "MROUTE_ADD " + key(family, table, source, group) + " iif_ifuid=" + ifuid(iif)
                + (oifs.isEmpty() ? "" : " " + oifs);
    }

    private static String del(String family, int table, String source, String group) {
        return "MROUTE_DEL " + key(family, table, source, group);
    }

    private static String key(String family, int table, String source, String group) {
        return "vrfid=0 family=" + ("inet".equals(family) ? 2 : 10) + " table=" + table + " source=" + source
                + " group=" + group;
    }

    /** The same message as an RTM_DELROUTE: mroute_netlink_event fills both alike. */
    private static byte[] asDelRoute(byte[] newRoute) {
        byte[] del = newRoute.clone();
        ByteBuffer.wrap(del).order(ByteOrder.nativeOrder()).putShort(4, (short) Rtnetlink.RTM_DELROUTE);
        return del;
    }

    private static byte[] v6(int first, int last) {
        byte[] b = new byte[16];
        b[0] = (byte) first;
        b[15] = (byte) last;
        return b;
    }

    private static String ifuid(int ifindex) {
        return "0x" + Long.toHexString(Ifuid.of(0, ifindex));
    }
}
