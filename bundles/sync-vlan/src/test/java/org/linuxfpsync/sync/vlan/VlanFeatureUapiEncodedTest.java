package org.linuxfpsync.sync.vlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.featuresync.testing.UapiLink.link;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.IflaVlan;
import org.linuxfpsync.netlink.codec.NlMessageWriter;

/**
 * The vlan feature on uapi-encoded messages, not a live kernel's: this kernel has no 8021q driver.
 * Each message is laid out as {@code vlan_fill_info} writes it ({@code linux/if_link.h}):
 * IFLA_VLAN_ID a u16, IFLA_VLAN_PROTOCOL a {@code __be16}, IFLA_VLAN_FLAGS a
 * {@code struct ifla_vlan_flags} (flags, mask), the QoS maps nested, and IFLA_LINK naming the lower
 * device; built with NlMessageWriter and read by the netlink codec, as a kernel's would be.
 */
class VlanFeatureUapiEncodedTest {
    private static final int ETH0 = 2;
    private static final int ETH1 = 3;
    private static final int VLAN100 = 4;
    private static final int QINQ = 5;

    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final AtomicBoolean frameworkStopping = new AtomicBoolean();
    private final VlanFeature feature = new VlanFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));

    @BeforeEach
    void anEthernetWithAVlanAndAnOuterQinqTag() {
        kernel.state.add(link(ETH0, "eth0").newLink());
        kernel.state.add(link(ETH1, "eth1").newLink());
        kernel.state.add(vlan(VLAN100, "eth0.100", ETH0, w -> vlanData(w, 100, IflaVlan.ETH_P_8021Q,
                IflaVlan.VLAN_FLAG_REORDER_HDR)));
        kernel.state.add(vlan(QINQ, "eth1.300", ETH1, w -> vlanData(w, 300, IflaVlan.ETH_P_8021AD,
                IflaVlan.VLAN_FLAG_REORDER_HDR | IflaVlan.VLAN_FLAG_GVRP)));
        core.followed.add(new Vrf(0, ""));
    }

    @Test
    void aUapiEncodedDumpConvergesBetweenTheReplayMarkersOfTheFamily() {
        feature.activate();

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN vlan vrf 0",
                "VLAN_ADD vrfid=0 ifuid=" + ifuid(VLAN100) + " vlan_id=100 protocol=33024 parent_ifuid=" + ifuid(ETH0)
                        + " flags=1",
                "VLAN_ADD vrfid=0 ifuid=" + ifuid(QINQ) + " vlan_id=300 protocol=34984 parent_ifuid=" + ifuid(ETH1)
                        + " flags=3",
                "GR_END vlan vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(2);
        assertThat(feature.name()).isEqualTo("vlan");
    }

    @Test
    void uapiEncodedEventsSendWhatChangedNothingWhenUnchangedAndForgetADeletedVlan() {
        feature.activate();
        fpc.clear();

        kernel.event(vlan(VLAN100, "eth0.100", ETH0, w -> vlanData(w, 100, IflaVlan.ETH_P_8021Q,
                IflaVlan.VLAN_FLAG_REORDER_HDR)));
        assertThat(fpc.lines()).isEmpty();

        // flags the mask does not cover are not the device's
        kernel.event(vlan(VLAN100, "eth0.100", ETH0, w -> w.attrU16(IflaVlan.IFLA_VLAN_ID, 100)
                .attrBytes(IflaVlan.IFLA_VLAN_FLAGS, flags(IflaVlan.VLAN_FLAG_LOOSE_BINDING | IflaVlan.VLAN_FLAG_MVRP,
                        IflaVlan.VLAN_FLAG_LOOSE_BINDING))));
        kernel.event(link(QINQ, "eth1.300").kind("vlan", null).delLink());

        assertThat(fpc.lines()).containsExactly(
                "VLAN_ADD vrfid=0 ifuid=" + ifuid(VLAN100) + " vlan_id=100 parent_ifuid=" + ifuid(ETH0) + " flags=4");
        assertThat(feature.syncedObjects()).isEqualTo(1);
    }

    @Test
    void aUapiEncodedVlanOverALowerDeviceInAnotherNamespaceIsNotSynced() {
        feature.activate();
        fpc.clear();

        kernel.event(link(VLAN100, "eth0.100").lowerInOtherNamespace(9).kind("vlan", w -> vlanData(w, 100,
                IflaVlan.ETH_P_8021Q, 0)).newLink());

        assertThat(fpc.lines()).containsExactly("VLAN_DEL vrfid=0 ifuid=" + ifuid(VLAN100));
    }

    @Test
    void malformedUapiEncodedMessagesAreCountedAndSkipped() {
        feature.activate();
        fpc.clear();

        kernel.event(vlan(VLAN100, "eth0.100", ETH0, w -> w.attrU32(IflaVlan.IFLA_VLAN_ID, 100)));
        kernel.event(vlan(VLAN100, "eth0.100", ETH0, w -> w.attrU16(IflaVlan.IFLA_VLAN_ID, 4095)));
        kernel.event(vlan(VLAN100, "eth0.100", ETH0, w -> w.attrU16(IflaVlan.IFLA_VLAN_ID, 100)
                .attrU32(IflaVlan.IFLA_VLAN_FLAGS, 1)));
        kernel.event(vlan(VLAN100, "eth0.100", ETH0, w -> w.attrU16(IflaVlan.IFLA_VLAN_PROTOCOL, 0x0081)));
        // an attribute overrunning IFLA_INFO_DATA
        kernel.event(vlan(VLAN100, "eth0.100", ETH0, w -> w.attrU16(IflaVlan.IFLA_VLAN_ID, 100).u16(12).u16(1)));

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.malformed()).isEqualTo(5);
        assertThat(feature.syncedObjects()).isEqualTo(2);
    }

    @Test
    void stoppingWithdrawsTheFamily() {
        feature.activate();
        fpc.clear();
        feature.deactivate();
        assertThat(fpc.lines()).containsExactly("FLUSH vlan vrf 0");
        assertThat(feature.syncedObjects()).isZero();
    }

    private static byte[] vlan(int ifindex, String name, int lower, Consumer<NlMessageWriter> data) {
        return link(ifindex, name).lower(lower).kind("vlan", data).newLink();
    }

    /** As vlan_fill_info: IFLA_VLAN_ID, IFLA_VLAN_PROTOCOL (__be16), IFLA_VLAN_FLAGS, then the QoS maps. */
    private static void vlanData(NlMessageWriter w, int id, int protocol, int flags) {
        w.attrU16(IflaVlan.IFLA_VLAN_ID, id).attrBe16(IflaVlan.IFLA_VLAN_PROTOCOL, protocol)
                .attrBytes(IflaVlan.IFLA_VLAN_FLAGS, flags(flags, 0xffffffff));
        w.beginNest(IflaVlan.IFLA_VLAN_EGRESS_QOS).endNest();
    }

    /** struct ifla_vlan_flags { __u32 flags; __u32 mask; } in host order. */
    private static byte[] flags(int flags, int mask) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(flags).putInt(mask).array();
    }

    private static String ifuid(int ifindex) {
        return "0x" + Long.toHexString(Ifuid.of(0, ifindex));
    }
}
