package org.linuxfpsync.sync.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.featuresync.testing.UapiLink.link;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.CachedInterface;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.DatagramWalker;
import org.linuxfpsync.netlink.codec.IflaBond;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NlMessageWriter;

/**
 * The lag feature on uapi-encoded messages, not a live kernel's: this kernel has no bonding driver.
 * A bond's RTM_NEWLINK is laid out as {@code bond_fill_info} writes it (IFLA_BOND_MODE a u8,
 * IFLA_BOND_ACTIVE_SLAVE a u32 ifindex, IFLA_BOND_MIIMON, IFLA_BOND_XMIT_HASH_POLICY a u8...), a
 * slave's as {@code bond_fill_slave_info} (IFLA_INFO_SLAVE_KIND "bond", IFLA_BOND_SLAVE_STATE and
 * MII_STATUS u8, LINK_FAILURE_COUNT u32, PERM_HWADDR, QUEUE_ID u16, and in 802.3ad AD_AGGREGATOR_ID
 * u16, AD_ACTOR_OPER_PORT_STATE u8, AD_PARTNER_OPER_PORT_STATE u16); built with NlMessageWriter and
 * read by the netlink codec, as a kernel's would be.
 */
class LagFeatureUapiEncodedTest {
    private static final int ETH0 = 2;
    private static final int ETH1 = 3;
    private static final int BOND = 4;
    private static final int ETH2 = 5;
    /** LACP actor/partner state: activity, aggregation, in sync, collecting, distributing. */
    private static final int LACP_UP = 0x3d;

    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final AtomicBoolean frameworkStopping = new AtomicBoolean();
    private final LagFeature feature = new LagFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));

    @BeforeEach
    void an8023adBondOfTwoSlavesDumpedBeforeItsBondAndAnotherLink() {
        // the kernel dumps by ifindex: eth0 and eth1 come before their bond
        kernel.state.add(slave(ETH0, "eth0", BOND, 0, 0, LACP_UP));
        kernel.state.add(slave(ETH1, "eth1", BOND, 0, 0, LACP_UP));
        kernel.state.add(bond(IflaBond.BOND_MODE_8023AD, 0, IflaBond.BOND_XMIT_POLICY_LAYER34));
        kernel.state.add(link(ETH2, "eth2").newLink());
        core.followed.add(new Vrf(0, ""));
    }

    @Test
    void aUapiEncodedDumpSendsTheBondWithEverySlaveBetweenTheReplayMarkers() {
        feature.activate();

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN lag vrf 0",
                "LAG_ADD vrfid=0 ifuid=" + ifuid(BOND) + " mode=4 xmit_hash_policy=1"
                        + " slave={ifuid=" + ifuid(ETH0) + " state=0 link=0 aggregator_id=1 lacp_actor_state=61"
                        + " lacp_partner_state=61}"
                        + " slave={ifuid=" + ifuid(ETH1) + " state=0 link=0 aggregator_id=1 lacp_actor_state=61"
                        + " lacp_partner_state=61}",
                "GR_END lag vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(1);
    }

    @Test
    void aUapiEncodedSlaveChangeJoinOrLeaveSendsItsBondWhole() {
        feature.activate();
        fpc.clear();

        // eth1's partner stops distributing (LINK 1 = BOND_LINK_FAIL): only the bond of eth1 goes again
        kernel.event(slave(ETH1, "eth1", BOND, 1, 1, 0x0d));
        kernel.event(slave(ETH1, "eth1", BOND, 1, 1, 0x0d));
        // eth2 joins; eth0 leaves (its link message no longer has a slave kind)
        kernel.event(slave(ETH2, "eth2", BOND, 1, 0, LACP_UP));
        kernel.event(link(ETH0, "eth0").newLink());

        List<String> lines = fpc.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("slave={ifuid=" + ifuid(ETH1) + " state=1 link=1 aggregator_id=1"
                + " lacp_actor_state=61 lacp_partner_state=13}");
        assertThat(lines.get(1)).contains("slave={ifuid=" + ifuid(ETH2));
        assertThat(lines.get(2)).doesNotContain(ifuid(ETH0)).contains(ifuid(ETH1)).contains(ifuid(ETH2));
    }

    @Test
    void anActiveBackupBondNamesItsActiveSlaveAndADeletedBondIsForgottenWithoutADel() {
        feature.activate();
        fpc.clear();

        kernel.event(bond(IflaBond.BOND_MODE_ACTIVEBACKUP, ETH1, -1));
        assertThat(fpc.lines()).containsExactly("LAG_ADD vrfid=0 ifuid=" + ifuid(BOND) + " mode=1 active_slave_ifuid="
                + ifuid(ETH1) + " slave={ifuid=" + ifuid(ETH0) + " state=0 link=0 aggregator_id=1 lacp_actor_state=61"
                + " lacp_partner_state=61} slave={ifuid=" + ifuid(ETH1) + " state=0 link=0 aggregator_id=1"
                + " lacp_actor_state=61 lacp_partner_state=61}");

        fpc.clear();
        kernel.event(link(BOND, "bond0").kind("bond", null).delLink());
        kernel.event(slave(ETH0, "eth0", BOND, 0, 0, LACP_UP));
        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.syncedObjects()).isZero();
    }

    @Test
    void aSlaveDeletedWhileEventsWereLostLeavesTheBondAtTheNextDump() {
        feature.activate();
        kernel.state.remove(1);
        fpc.clear();

        kernel.overflow();

        // The bond changed: its LAG_ADD, without a replay's markers.
        assertThat(fpc.lines()).containsExactly(
                "LAG_ADD vrfid=0 ifuid=" + ifuid(BOND) + " mode=4 xmit_hash_policy=1"
                        + " slave={ifuid=" + ifuid(ETH0) + " state=0 link=0 aggregator_id=1 lacp_actor_state=61"
                        + " lacp_partner_state=61}");
    }

    @Test
    void theSlavesOfEveryBondAreWhatTheCoresInLBondSaysForTheSameUapiEncodedMessages() throws Exception {
        feature.activate();
        kernel.event(slave(ETH2, "eth2", BOND, 1, 0, LACP_UP));
        kernel.event(link(ETH0, "eth0").newLink());
        String lag = fpc.lines("LAG_ADD").get(fpc.lines("LAG_ADD").size() - 1);

        List<byte[]> now = List.of(link(ETH0, "eth0").newLink(), slave(ETH1, "eth1", BOND, 0, 0, LACP_UP),
                slave(ETH2, "eth2", BOND, 1, 0, LACP_UP), bond(IflaBond.BOND_MODE_8023AD, 0, 1));
        List<String> inLBond = new ArrayList<>();
        for (byte[] m : now) {
            LinkMessage l = decode(m);
            // the core's CachedInterface, made from the link as its LinkSync makes it
            CachedInterface c = new CachedInterface(0, l.ifindex(), Ifuid.of(0, l.ifindex()), l.ifname(), 6, 0,
                    l.flags(), l.mtu(), new byte[0], l.master() != 0 ? Ifuid.of(0, l.master()) : 0, l.kind(),
                    l.slaveKind(), 0, 1);
            if (c.inBond()) {
                inLBond.add(ifuid(l.ifindex()));
            }
            assertThat(lag.contains("slave={ifuid=" + ifuid(l.ifindex()))).as(l.ifname()).isEqualTo(c.inBond());
        }
        assertThat(inLBond).containsExactly(ifuid(ETH1), ifuid(ETH2));
    }

    @Test
    void malformedUapiEncodedMessagesAreCountedAndChangeNothing() {
        feature.activate();
        fpc.clear();

        kernel.event(link(BOND, "bond0").kind("bond", w -> w.attrU32(IflaBond.IFLA_BOND_MODE, 4)).newLink());
        kernel.event(link(BOND, "bond0").kind("bond", w -> w.attrU8(IflaBond.IFLA_BOND_XMIT_HASH_POLICY, 1)).newLink());
        kernel.event(link(ETH1, "eth1").master(BOND).slave("bond", w -> w.attrU8(IflaBond.IFLA_BOND_SLAVE_STATE, 0)
                .attrU8(IflaBond.IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE, 61)).newLink());

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.malformed()).isEqualTo(3);
        kernel.event(slave(ETH1, "eth1", BOND, 1, 0, LACP_UP));
        assertThat(fpc.lines().get(0)).contains("slave={ifuid=" + ifuid(ETH0)).contains("state=1 link=0");
    }

    @Test
    void stoppingWithdrawsTheFamily() {
        feature.activate();
        fpc.clear();
        feature.deactivate();
        assertThat(fpc.lines()).containsExactly("FLUSH lag vrf 0");
    }

    /** As bond_fill_info: mode, active slave (when one), miimon, ..., xmit hash policy. */
    private static byte[] bond(int mode, int activeSlave, int xmitHashPolicy) {
        return link(BOND, "bond0").flags(0x1443).kind("bond", w -> {
            w.attrU8(IflaBond.IFLA_BOND_MODE, mode);
            if (activeSlave != 0) {
                w.attrU32(IflaBond.IFLA_BOND_ACTIVE_SLAVE, activeSlave);
            }
            w.attrU32(IflaBond.IFLA_BOND_MIIMON, 100);
            if (xmitHashPolicy >= 0) {
                w.attrU8(IflaBond.IFLA_BOND_XMIT_HASH_POLICY, xmitHashPolicy);
            }
        }).newLink();
    }

    /** As bond_fill_slave_info, in 802.3ad mode. */
    private static byte[] slave(int ifindex, String name, int bond, int state, int miiStatus, int partnerState) {
        Consumer<NlMessageWriter> data = w -> w.attrU8(IflaBond.IFLA_BOND_SLAVE_STATE, state)
                .attrU8(IflaBond.IFLA_BOND_SLAVE_MII_STATUS, miiStatus)
                .attrU32(IflaBond.IFLA_BOND_SLAVE_LINK_FAILURE_COUNT, 0)
                .attrBytes(IflaBond.IFLA_BOND_SLAVE_PERM_HWADDR, new byte[] {2, 0, 0, 0, 0, (byte) ifindex})
                .attrU16(IflaBond.IFLA_BOND_SLAVE_QUEUE_ID, 0).attrU16(IflaBond.IFLA_BOND_SLAVE_AD_AGGREGATOR_ID, 1)
                .attrU8(IflaBond.IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE, LACP_UP)
                .attrU16(IflaBond.IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE, partnerState);
        return link(ifindex, name).flags(0x1803).master(bond).slave("bond", data).newLink();
    }

    private static LinkMessage decode(byte[] message) throws Exception {
        ByteBuffer b = ByteBuffer.allocateDirect(message.length).order(ByteOrder.nativeOrder()).put(message).flip();
        DatagramWalker walker = new DatagramWalker().reset(b, 0, message.length);
        walker.next();
        return new LinkMessage().wrap(walker.message());
    }

    private static String ifuid(int ifindex) {
        return "0x" + Long.toHexString(Ifuid.of(0, ifindex));
    }
}
