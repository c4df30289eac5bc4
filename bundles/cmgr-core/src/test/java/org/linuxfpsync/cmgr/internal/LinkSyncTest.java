package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * Link sync fed with RTM_NEWLINK/RTM_DELLINK bytes encoded as linux/rtnetlink.h and
 * linux/if_link.h define them (not captured from a live kernel; the in-container test does that).
 */
class LinkSyncTest {
    private static final int VRF = 2;
    private static final int IFF_UP_BROADCAST_RUNNING_MULTICAST_LOWERUP = 0x1 | 0x2 | 0x40 | 0x1000 | 0x10000;

    private final RecordingFpc fpc = new RecordingFpc(RecordingFpc.Format.COMPACT);
    private final LinkSync sync = new LinkSync(new Vrf(VRF, "blue"), fpc, new LinkRelay());

    @Test
    void aDumpIsAReplayBetweenGracefulRestartMarkers() throws Exception {
        sync.dumpStarted(ResyncReason.INITIAL);
        sync.message(newLink(1, "lo", 772, 65536, 0, null, null), true);
        sync.message(newLink(4, "br0", 1, 1500, 0, "bridge", null), true);
        sync.message(newLink(5, "v0", 1, 1500, 4, "veth", "bridge"), true);
        sync.dumpFinished(true);

        assertThat(fpc.lines()).hasSize(5);
        assertThat(fpc.lines().get(0)).isEqualTo("GR_BEGIN family=1 vrfid=2");
        assertThat(fpc.lines().get(1)).startsWith("IF_CREATE ifuid=" + hex(1) + " vrfid=2 ifindex=1 name=lo type=24 subtype=0");
        assertThat(fpc.lines().get(2)).contains("name=br0 type=6 subtype=5").contains("kind=bridge");
        assertThat(fpc.lines().get(3)).contains("name=v0 type=6 subtype=1").contains("master=" + hex(4))
                .contains("kind=veth slave=bridge").contains("mtu=1500").contains("mac=6B");
        assertThat(fpc.lines().get(4)).isEqualTo("GR_END family=1 vrfid=2");
        assertThat(sync.interfaces()).extracting(i -> i.name()).containsExactly("lo", "br0", "v0");
        assertThat(sync.synced()).isTrue();
    }

    @Test
    void eventsSendCreateThenUpdateOnlyWhenSomethingChanged() throws Exception {
        dumpOf();
        fpc.clear();

        sync.message(newLink(7, "v1", 1, 1500, 0, "veth", null), false);
        sync.message(newLink(7, "v1", 1, 1500, 0, "veth", null), false);
        sync.message(newLink(7, "v1", 1, 1400, 0, "veth", null), false);

        assertThat(fpc.lines()).hasSize(2);
        assertThat(fpc.lines().get(0)).startsWith("IF_CREATE").contains("mtu=1500");
        assertThat(fpc.lines().get(1)).startsWith("IF_UPDATE").contains("mtu=1400");
    }

    @Test
    void aDeletedLinkIsWithdrawnButABridgePortLeavingItsBridgeIsNot() throws Exception {
        dumpOf(newLink(5, "v0", 1, 1500, 4, "veth", "bridge"));
        fpc.clear();

        // The bridge driver says "port left" with an AF_BRIDGE RTM_DELLINK: the device stays.
        sync.message(link(Rtnetlink.RTM_DELLINK, Rtnetlink.AF_BRIDGE, 5, "v0", 1, 1500, 4, null, null), false);
        assertThat(fpc.lines()).isEmpty();
        assertThat(sync.size()).isEqualTo(1);

        sync.message(link(Rtnetlink.RTM_DELLINK, Rtnetlink.AF_UNSPEC, 5, "v0", 1, 1500, 0, "veth", null), false);
        assertThat(fpc.lines()).containsExactly("IF_DELETE ifuid=" + hex(5) + " vrfid=2 name=v0");
        assertThat(sync.size()).isZero();
    }

    @Test
    void aReplayDumpDeletesWhatTheKernelNoLongerHas() throws Exception {
        dumpOf(newLink(1, "lo", 772, 65536, 0, null, null), newLink(9, "gone0", 1, 1500, 0, "veth", null));
        fpc.clear();

        sync.dumpStarted(ResyncReason.REQUESTED);
        sync.message(newLink(1, "lo", 772, 65536, 0, null, null), true);
        sync.dumpFinished(true);

        assertThat(fpc.lines()).containsExactly("GR_BEGIN family=1 vrfid=2",
                fpc.lines().get(1), "IF_DELETE ifuid=" + hex(9) + " vrfid=2 name=gone0", "GR_END family=1 vrfid=2");
        assertThat(fpc.lines().get(1)).startsWith("IF_CREATE").contains("name=lo");
    }

    /**
     * After an overflow the FPM still has what was sent: the dump sends what changed, as the lost
     * notifications would have, and an IF_DELETE for what went, without markers.
     */
    @Test
    void anOverflowDumpSendsOnlyWhatChangedAndDeletesWhatWent() throws Exception {
        dumpOf(newLink(1, "lo", 772, 65536, 0, null, null), newLink(5, "v0", 1, 1500, 0, "veth", null),
                newLink(9, "gone0", 1, 1500, 0, "veth", null));
        fpc.clear();

        sync.dumpStarted(ResyncReason.OVERFLOW);
        sync.message(newLink(1, "lo", 772, 65536, 0, null, null), true);
        sync.message(newLink(5, "v0", 1, 9000, 0, "veth", null), true);
        sync.message(newLink(6, "v1", 1, 1500, 0, "veth", null), true);
        sync.dumpFinished(true);

        assertThat(fpc.lines()).hasSize(3);
        assertThat(fpc.lines().get(0)).startsWith("IF_UPDATE ifuid=" + hex(5)).contains("mtu=9000");
        assertThat(fpc.lines().get(1)).startsWith("IF_CREATE ifuid=" + hex(6)).contains("name=v1");
        assertThat(fpc.lines().get(2)).isEqualTo("IF_DELETE ifuid=" + hex(9) + " vrfid=2 name=gone0");
        assertThat(sync.interfaces()).extracting(i -> i.name()).containsExactly("lo", "v0", "v1");
    }

    @Test
    void anInterruptedDumpNeitherSweepsNorClosesTheReplay() throws Exception {
        dumpOf(newLink(9, "kept0", 1, 1500, 0, "veth", null));
        fpc.clear();

        sync.dumpStarted(ResyncReason.REQUESTED);
        sync.dumpFinished(false);
        sync.dumpStarted(ResyncReason.OVERFLOW);
        sync.dumpFinished(false);

        assertThat(fpc.lines()).containsExactly("GR_BEGIN family=1 vrfid=2");
        assertThat(sync.size()).isEqualTo(1);
    }

    @Test
    void aMalformedLinkMessageIsCountedAndLosesNothing() throws Exception {
        dumpOf(newLink(3, "eth0", 1, 1500, 0, null, null));
        fpc.clear();

        NlMessageWriter w = new NlMessageWriter(256);
        w.beginMessage(Rtnetlink.RTM_NEWLINK, 0, 0, 0).ifinfomsg(0, 1, 3, 0, 0);
        w.attrU32(Rtnetlink.IFLA_MTU, 9000);
        byte[] bytes = w.endMessage().toByteArray();
        bytes[NlMsg.HEADER_LENGTH + 16] = 2; // nla_len 2: shorter than an attribute header
        sync.message(wrap(ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.nativeOrder())), false);

        assertThat(sync.malformed()).isEqualTo(1);
        assertThat(fpc.lines()).isEmpty();
        assertThat(sync.interfaces()).singleElement().satisfies(i -> assertThat(i.mtu()).isEqualTo(1500));
    }

    @Test
    void withdrawingAVrfDeletesEachOfItsInterfaces() throws Exception {
        dumpOf(newLink(1, "lo", 772, 65536, 0, null, null), newLink(2, "eth0", 1, 1500, 0, null, null));
        fpc.clear();

        sync.withdrawAll();

        assertThat(fpc.lines()).containsExactlyInAnyOrder("IF_DELETE ifuid=" + hex(1) + " vrfid=2 name=lo",
                "IF_DELETE ifuid=" + hex(2) + " vrfid=2 name=eth0");
        assertThat(sync.synced()).isFalse();
    }

    /** What LinkSync tells the vrf's route-side syncs through its relay, on a reader that runs tasks at once. */
    @Test
    void linkChangesAndAnOverflowsLostEventsAreHandedToTheRouteSyncs() throws Exception {
        LinkRelay relay = new LinkRelay();
        LinkSync links = new LinkSync(new Vrf(VRF, "blue"), fpc, relay);
        RecordingDependent routes = new RecordingDependent();
        routes.interest = LinkInterest.ALL;
        java.util.List<String> told = routes.told;
        relay.register(routes).attach(new org.linuxfpsync.netlink.Subscription() {
            @Override
            public org.linuxfpsync.netlink.SubscriptionSpec spec() {
                return null;
            }

            @Override
            public void resync(ResyncReason reason) {
            }

            @Override
            public void runAfterQueued(Runnable task) {
                task.run();
            }

            @Override
            public void close() {
            }
        });
        links.dumpStarted(ResyncReason.INITIAL);
        links.message(newLink(1, "lo", 772, 65536, 0, null, null), true);
        links.message(newLink(5, "v0", 1, 1500, 0, "veth", null), true);
        links.message(newLink(6, "v1", 1, 1500, 0, "veth", null), true);
        links.dumpFinished(true);
        assertThat(told).as("a dump's links are new: nothing through them yet").isEmpty();

        links.message(newLink(5, "v0", 1, 1400, 0, "veth", null), false);
        assertThat(told).containsExactly("CHANGED 5");

        // An overflow's resync: v1 is no longer reported (its deletion was lost), and events were lost.
        told.clear();
        links.dumpStarted(ResyncReason.OVERFLOW);
        links.message(newLink(1, "lo", 772, 65536, 0, null, null), true);
        links.message(newLink(5, "v0", 1, 1400, 0, "veth", null), true);
        links.dumpFinished(true);
        assertThat(told).containsExactly("DELETED 6", "LOST");

        told.clear();
        links.dumpStarted(ResyncReason.REQUESTED); // a new FPM session's replay: nothing was lost
        links.message(newLink(1, "lo", 772, 65536, 0, null, null), true);
        links.message(newLink(5, "v0", 1, 1400, 0, "veth", null), true);
        links.dumpFinished(true);
        assertThat(told).isEmpty();
    }

    private void dumpOf(NlMsg... messages) {
        sync.dumpStarted(ResyncReason.INITIAL);
        for (NlMsg m : messages) {
            sync.message(m, true);
        }
        sync.dumpFinished(true);
    }

    private static String hex(int ifindex) {
        return Long.toHexString(Ifuid.of(VRF, ifindex));
    }

    private static NlMsg newLink(int ifindex, String name, int arphrd, int mtu, int master, String kind,
                                 String slaveKind) throws NetlinkFormatException {
        return link(Rtnetlink.RTM_NEWLINK, Rtnetlink.AF_UNSPEC, ifindex, name, arphrd, mtu, master, kind, slaveKind);
    }

    private static NlMsg link(int type, int family, int ifindex, String name, int arphrd, int mtu, int master,
                              String kind, String slaveKind) throws NetlinkFormatException {
        NlMessageWriter w = new NlMessageWriter(512);
        w.beginMessage(type, 0, 0, 0).ifinfomsg(family, arphrd, ifindex, IFF_UP_BROADCAST_RUNNING_MULTICAST_LOWERUP, 0);
        w.attrString(Rtnetlink.IFLA_IFNAME, name);
        w.attrU32(Rtnetlink.IFLA_MTU, mtu);
        w.attrU8(Rtnetlink.IFLA_OPERSTATE, 6);
        w.attrBytes(Rtnetlink.IFLA_ADDRESS, new byte[] {2, 0, 0, 0, 0, (byte) ifindex});
        if (master != 0) {
            w.attrU32(Rtnetlink.IFLA_MASTER, master);
        }
        if (kind != null || slaveKind != null) {
            w.beginNest(Rtnetlink.IFLA_LINKINFO);
            if (kind != null) {
                w.attrString(Rtnetlink.IFLA_INFO_KIND, kind);
            }
            if (slaveKind != null) {
                w.attrString(Rtnetlink.IFLA_INFO_SLAVE_KIND, slaveKind);
            }
            w.endNest();
        }
        return wrap(w.endMessage().toDirectBuffer());
    }

    private static NlMsg wrap(ByteBuffer datagram) throws NetlinkFormatException {
        return new NlMsg().wrap(datagram, 0, datagram.remaining());
    }
}
