package org.linuxfpsync.sync.vxlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.featuresync.testing.UapiFdbEntry.mac;
import static org.linuxfpsync.featuresync.testing.UapiFdbEntry.ofBridge;
import static org.linuxfpsync.featuresync.testing.UapiFdbEntry.ofDevice;
import static org.linuxfpsync.featuresync.testing.UapiLink.link;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.IflaVxlan;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The feature against a kernel whose messages are uapi-encoded (the IFLA_VXLAN_* layout of
 * {@code vxlan_fill_info}, the AF_BRIDGE ndmsg of {@code vxlan_fdb_info}, built with NlMessageWriter
 * and read by the netlink codec); the live kernel is VxlanFeatureIT's.
 */
class VxlanFeatureUapiEncodedTest {
    private static final int VETH = 2;
    private static final int VX = 3;
    private static final int VX6 = 4;
    private static final int BR = 5;
    private static final byte[] ZERO = mac(0, 0, 0, 0, 0, 0);
    private static final byte[] STATION = mac(2, 0, 0, 0, 0, 1);
    private static final byte[] GROUP = mac(1, 0, 0x5e, 0, 0, 1);

    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final AtomicBoolean frameworkStopping = new AtomicBoolean();
    private final VxlanFeature feature = new VxlanFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));

    @BeforeEach
    void aVxlanToAGroupAnIpv6OneAndTheirDefaultDestinations() {
        kernel.state.add(link(VETH, "v0").kind("veth", null).newLink());
        kernel.state.add(vxlan(VX, "vx0", w -> w.attrU32(IflaVxlan.IFLA_VXLAN_ID, 42)
                .attrBytes(IflaVxlan.IFLA_VXLAN_GROUP, new byte[] {(byte) 239, 1, 1, 1}).attrU32(IflaVxlan.IFLA_VXLAN_LINK, VETH)
                .attrBytes(IflaVxlan.IFLA_VXLAN_LOCAL, new byte[] {10, 0, 0, 1}).attrU8(IflaVxlan.IFLA_VXLAN_TTL, 16)
                .attrU8(IflaVxlan.IFLA_VXLAN_TTL_INHERIT, 0).attrU8(IflaVxlan.IFLA_VXLAN_TOS, 0)
                .attrU8(IflaVxlan.IFLA_VXLAN_LEARNING, 1).attrU8(IflaVxlan.IFLA_VXLAN_COLLECT_METADATA, 0)
                .attrBe16(IflaVxlan.IFLA_VXLAN_PORT, 4789)));
        kernel.state.add(vxlan(VX6, "vx6", w -> w.attrU32(IflaVxlan.IFLA_VXLAN_ID, 44)
                .attrBytes(IflaVxlan.IFLA_VXLAN_GROUP6, v6Bytes(2)).attrBytes(IflaVxlan.IFLA_VXLAN_LOCAL6, v6Bytes(1))
                .attrU8(IflaVxlan.IFLA_VXLAN_TTL, 0).attrU8(IflaVxlan.IFLA_VXLAN_TTL_INHERIT, 1)
                .attrU8(IflaVxlan.IFLA_VXLAN_LEARNING, 0).attrBe16(IflaVxlan.IFLA_VXLAN_PORT, 8472)));
        kernel.state.add(ofDevice(VX, ZERO).state(Rtnetlink.NUD_PERMANENT).dst(239, 1, 1, 1).via(VETH).newNeigh());
        kernel.state.add(ofDevice(VX6, ZERO).state(Rtnetlink.NUD_PERMANENT).dst(v6(2)).newNeigh());
        core.followed.add(new Vrf(0, ""));
    }

    @Test
    void aStartSendsTheDevicesThenTheirTablesEachFamilyBetweenItsMarkers() {
        feature.activate();

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN vxlan vrf 0",
                "GR_BEGIN fdb vrf 0",
                "VXLAN_ADD vrfid=0 ifuid=" + ifuid(VX) + " vni=42 local=10.0.0.1 remote=239.1.1.1 dst_port=4789 ttl=16"
                        + " tos=0 learning=1 collect_metadata=0 link_ifuid=" + ifuid(VETH),
                "VXLAN_ADD vrfid=0 ifuid=" + ifuid(VX6) + " vni=44 local=2001:db8:0:0:0:0:0:1"
                        + " remote=2001:db8:0:0:0:0:0:2 dst_port=8472 learning=0",
                "FDB_ADD vrfid=0 ifuid=" + ifuid(VX) + " mac=00:00:00:00:00:00 remote=239.1.1.1 state=128 flags=2"
                        + " via_ifuid=" + ifuid(VETH),
                "FDB_ADD vrfid=0 ifuid=" + ifuid(VX6) + " mac=00:00:00:00:00:00 remote=2001:db8:0:0:0:0:0:2"
                        + " state=128 flags=2",
                "GR_END vxlan vrf 0",
                "GR_END fdb vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(4);
    }

    @Test
    void appendedRemotesAreOneEntryEachAndADeletedRemoteLeavesTheOthers() {
        feature.activate();
        fpc.clear();

        // the kernel appends remotes to the all-zeros and multicast MACs only
        kernel.event(ofDevice(VX, GROUP).state(Rtnetlink.NUD_PERMANENT).dst(10, 0, 0, 4).vni(100).port(4790)
                .newNeigh());
        kernel.event(ofDevice(VX, GROUP).state(Rtnetlink.NUD_PERMANENT).dst(10, 0, 0, 5).newNeigh());
        kernel.event(ofDevice(VX, GROUP).state(Rtnetlink.NUD_PERMANENT).dst(10, 0, 0, 4).vni(100).port(4790)
                .delNeigh());

        assertThat(fpc.lines()).containsExactly(
                "FDB_ADD vrfid=0 ifuid=" + ifuid(VX) + " mac=01:00:5e:00:00:01 remote=10.0.0.4 vni=100 dst_port=4790"
                        + " state=128 flags=2",
                "FDB_ADD vrfid=0 ifuid=" + ifuid(VX) + " mac=01:00:5e:00:00:01 remote=10.0.0.5 state=128 flags=2",
                "FDB_DEL vrfid=0 ifuid=" + ifuid(VX) + " mac=01:00:5e:00:00:01 remote=10.0.0.4");
        assertThat(feature.syncedObjects()).isEqualTo(5);
    }

    @Test
    void aNewRemoteOfAUnicastMacReplacesItsOldOneWhichTheKernelDropsWithoutNotifying() {
        feature.activate();
        kernel.event(ofDevice(VX, STATION).state(Rtnetlink.NUD_PERMANENT).dst(10, 0, 0, 5).newNeigh());
        fpc.clear();

        // bridge fdb replace 02:00:00:00:00:01 dev vx0 dst 10.0.0.8: one RTM_NEWNEIGH, for the new remote
        kernel.event(ofDevice(VX, STATION).state(Rtnetlink.NUD_PERMANENT).dst(10, 0, 0, 8).newNeigh());
        // an appended remote of the default destination is one more
        kernel.event(ofDevice(VX, ZERO).state(Rtnetlink.NUD_PERMANENT).dst(10, 0, 0, 9).newNeigh());

        assertThat(fpc.lines()).containsExactly(
                "FDB_DEL vrfid=0 ifuid=" + ifuid(VX) + " mac=02:00:00:00:00:01 remote=10.0.0.5",
                "FDB_ADD vrfid=0 ifuid=" + ifuid(VX) + " mac=02:00:00:00:00:01 remote=10.0.0.8 state=128 flags=2",
                "FDB_ADD vrfid=0 ifuid=" + ifuid(VX) + " mac=00:00:00:00:00:00 remote=10.0.0.9 state=128 flags=2");
        assertThat(feature.syncedObjects()).isEqualTo(6);
    }

    @Test
    void entriesOfOtherTablesAreNotTheFeaturesAddressListsNorABridgesEntryOnAVxlanPort() {
        feature.activate();
        fpc.clear();

        // the veth's own multicast list, then the bridge's entry for a station behind the vxlan port
        kernel.event(ofDevice(VETH, mac(0x33, 0x33, 0, 0, 0, 1)).state(Rtnetlink.NUD_PERMANENT).newNeigh());
        kernel.event(ofBridge(BR, VX, STATION).newNeigh());

        assertThat(fpc.lines()).isEmpty();
    }

    @Test
    void aDeletedDeviceTakesItsEntriesWithoutDelsAndAChangedOneIsSentWhole() {
        feature.activate();
        fpc.clear();

        kernel.event(link(VX6, "vx6").kind("vxlan", null).delLink());
        kernel.event(ofDevice(VX6, ZERO).state(Rtnetlink.NUD_PERMANENT).dst(v6(2)).delNeigh());
        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.syncedObjects()).isEqualTo(2);

        kernel.event(vxlan(VX, "vx0", w -> w.attrU32(IflaVxlan.IFLA_VXLAN_ID, 42).attrU8(IflaVxlan.IFLA_VXLAN_TTL, 0)
                .attrU8(IflaVxlan.IFLA_VXLAN_TTL_INHERIT, 1).attrU8(IflaVxlan.IFLA_VXLAN_COLLECT_METADATA, 1)));
        assertThat(fpc.lines()).containsExactly(
                "VXLAN_ADD vrfid=0 ifuid=" + ifuid(VX) + " vni=42 collect_metadata=1");
    }

    @Test
    void anUnderlayInAnotherFollowedNamespaceIsThatVrfsInterfaceAndInOneNotFollowedTheDeviceIsRefusedAndCounted() {
        core.netnsids.put(3, new Vrf(7, "underlay"));
        feature.activate();
        fpc.clear();

        // made in the namespace of vrf 7 over its ifindex 2, then moved here: IFLA_LINK_NETNSID 3
        kernel.event(link(VX, "vx0").linkNetnsid(3).kind("vxlan", w -> w.attrU32(IflaVxlan.IFLA_VXLAN_ID, 42)
                .attrU32(IflaVxlan.IFLA_VXLAN_LINK, VETH)).newLink());
        assertThat(fpc.lines()).containsExactly("VXLAN_ADD vrfid=0 ifuid=" + ifuid(VX) + " vni=42 link_ifuid=0x"
                + Long.toHexString(Ifuid.of(7, VETH)));
        fpc.clear();

        kernel.event(link(VX, "vx0").linkNetnsid(4).kind("vxlan", w -> w.attrU32(IflaVxlan.IFLA_VXLAN_ID, 42)
                .attrU32(IflaVxlan.IFLA_VXLAN_LINK, VETH)).newLink());
        assertThat(fpc.lines()).containsExactly("VXLAN_DEL vrfid=0 ifuid=" + ifuid(VX));
        assertThat(feature.refused()).containsExactly(java.util.Map.entry("lower device in a namespace not followed", 1L));
        assertThat(feature.malformed()).isZero();
    }

    @Test
    void malformedMessagesAreCountedAndSkipped() {
        feature.activate();
        fpc.clear();

        kernel.event(vxlan(VX, "vx0", w -> w.attrU16(IflaVxlan.IFLA_VXLAN_ID, 42)));
        kernel.event(vxlan(VX, "vx0", w -> w.attrBytes(IflaVxlan.IFLA_VXLAN_GROUP, new byte[] {1, 2, 3})
                .attrU32(IflaVxlan.IFLA_VXLAN_ID, 7)));
        kernel.event(vxlan(VX, "vx0", w -> w.attrBe16(IflaVxlan.IFLA_VXLAN_PORT, 4789)));
        kernel.event(ofDevice(VX, mac(2, 0, 0, 0, 1)).dst(10, 0, 0, 9).newNeigh());

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.malformed()).isEqualTo(4);
        assertThat(feature.syncedObjects()).isEqualTo(4);
    }

    @Test
    void stoppingFlushesBothFamiliesOfTheFeatureAndAStopOfTheCacheManagerKeepsThem() {
        feature.activate();
        fpc.clear();
        feature.deactivate();
        assertThat(fpc.lines()).containsExactly("FLUSH vxlan vrf 0", "FLUSH fdb vrf 0");
        assertThat(core.members()).isZero();

        VxlanFeature again = new VxlanFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));
        again.activate();
        fpc.clear();
        frameworkStopping.set(true);
        again.deactivate();
        assertThat(fpc.lines()).containsExactly("KEEP vxlan vrf 0", "KEEP fdb vrf 0");
    }

    private static byte[] vxlan(int ifindex, String name, java.util.function.Consumer<NlMessageWriter> data) {
        return link(ifindex, name).kind("vxlan", data).newLink();
    }

    private static int[] v6(int last) {
        return new int[] {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last};
    }

    private static byte[] v6Bytes(int last) {
        return mac(v6(last));
    }

    private static String ifuid(int ifindex) {
        return "0x" + Long.toHexString(Ifuid.of(0, ifindex));
    }
}
