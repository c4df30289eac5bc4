package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.cmgr.internal.L3Messages.fibRuleHdr;
import static org.linuxfpsync.cmgr.internal.L3Messages.ifaddrmsg;
import static org.linuxfpsync.cmgr.internal.L3Messages.ip;
import static org.linuxfpsync.cmgr.internal.L3Messages.msg;
import static org.linuxfpsync.cmgr.internal.L3Messages.ndmsg;
import static org.linuxfpsync.cmgr.internal.L3Messages.route;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * The enobufs fault (bench/faults), for every kind of L3 object: IPv4 and IPv6 share the family's
 * replay window; IPv4's replay opened it and IPv6's has not run yet, so the window stays open. An
 * object was notified after GR_BEGIN; then it and one that the replay sent were deleted with their
 * notifications lost. GR_END keeps whatever was sent since GR_BEGIN: the dump that follows, an
 * overflow's (differential) or a replay joining the open window, deletes them itself, or they stay
 * in the FPM for good.
 */
class LostDeletionTest {
    private static final int VRF = 2;
    private static final Vrf BLUE = new Vrf(VRF, "blue");

    private final RecordingFpc fpc = new RecordingFpc(RecordingFpc.Format.COMPACT);

    /** One kind: how to make its syncs, and three objects of it (kept, sent by the replay then deleted, notified then deleted). */
    enum Kind {
        ADDRESSES((family, fpc) -> new AddressSync(BLUE, family, fpc), "ADDR_DEL vrfid=2 ifuid=%s family=2 local=10.1.0.2 prefixlen=24",
                "ADDR_DEL vrfid=2 ifuid=%s family=2 local=10.1.0.3 prefixlen=24") {
            @Override
            NlMsg object(int n) throws NetlinkFormatException {
                return msg(ifaddrmsg(RTM_NEWADDR, AF_INET, 24, IFA_F_PERMANENT, RT_SCOPE_UNIVERSE, 3)
                        .attrBytes(IFA_ADDRESS, ip("10.1.0." + n)).attrBytes(IFA_LOCAL, ip("10.1.0." + n)));
            }
        },
        NEIGHBOURS((family, fpc) -> new NeighbourSync(BLUE, family, fpc), "NEIGH_DEL vrfid=2 ifuid=%s family=2 dst=10.1.0.2",
                "NEIGH_DEL vrfid=2 ifuid=%s family=2 dst=10.1.0.3") {
            @Override
            NlMsg object(int n) throws NetlinkFormatException {
                return msg(ndmsg(RTM_NEWNEIGH, AF_INET, 3, NUD_PERMANENT, 0).attrBytes(NDA_DST, ip("10.1.0." + n))
                        .attrBytes(NDA_LLADDR, new byte[] {2, 0, 0, 0, 0, (byte) n}));
            }
        },
        RULES((family, fpc) -> new RuleSync(BLUE, family, fpc), "RULE_DEL vrfid=2 family=2 priority=102 action=1 table=102",
                "RULE_DEL vrfid=2 family=2 priority=103 action=1 table=103") {
            @Override
            NlMsg object(int n) throws NetlinkFormatException {
                return msg(fibRuleHdr(RTM_NEWRULE, AF_INET, 0, 0, 100 + n, FR_ACT_TO_TBL, 0)
                        .attrU32(FRA_PRIORITY, 100 + n).attrU32(FRA_TABLE, 100 + n));
            }
        },
        ROUTES((family, fpc) -> new RouteSync(BLUE, family, fpc, () -> { }, () -> { }, ifindex -> { }),
                "ROUTE_DEL vrfid=2 table=254 family=2 dst=20.0.0.2 prefixlen=32 oif_ifuid=%s",
                "ROUTE_DEL vrfid=2 table=254 family=2 dst=20.0.0.3 prefixlen=32 oif_ifuid=%s") {
            @Override
            NlMsg object(int n) throws NetlinkFormatException {
                return route(RTM_NEWROUTE, "20.0.0." + n, 32, "10.1.0.9", 3);
            }
        };

        private final Factory factory;
        private final String sentThenDeleted;
        private final String notifiedThenDeleted;

        Kind(Factory factory, String sentThenDeleted, String notifiedThenDeleted) {
            this.factory = factory;
            this.sentThenDeleted = sentThenDeleted;
            this.notifiedThenDeleted = notifiedThenDeleted;
        }

        /** Object 1 stays; 2 is sent by the replay, 3 notified; both are then deleted. */
        abstract NlMsg object(int n) throws NetlinkFormatException;

        List<String> deletions() {
            String ifuid = Long.toHexString(Ifuid.of(VRF, 3));
            return List.of(String.format(sentThenDeleted, ifuid), String.format(notifiedThenDeleted, ifuid));
        }
    }

    /** Makes the sync of one kind for an address family. */
    @FunctionalInterface
    interface Factory {
        L3ObjectSync make(int addressFamily, FpcChannel fpc);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anOverflowInsideAnOpenWindowDeletesWhatWentWithItsNotificationLost(Kind kind) throws Exception {
        List<String> lines = lostDeletions(kind, ResyncReason.OVERFLOW);

        assertThat(lines).containsExactlyInAnyOrderElementsOf(kind.deletions());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aReplayJoiningTheOpenWindowDeletesWhatWentWithItsNotificationLost(Kind kind) throws Exception {
        List<String> lines = lostDeletions(kind, ResyncReason.REQUESTED);

        assertThat(lines.get(0)).as("the kept object, sent again in the window").startsWith(
                kind.deletions().get(0).substring(0, kind.deletions().get(0).indexOf('_')) + "_ADD");
        assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrderElementsOf(kind.deletions());
    }

    /** What IPv4's second dump sends, by {@code reason}, once objects 2 and 3 went with their notifications lost. */
    private List<String> lostDeletions(Kind kind, ResyncReason reason) throws Exception {
        L3ObjectSync four = kind.factory.make(AF_INET, fpc);
        L3ObjectSync six = kind.factory.make(AF_INET6, fpc);
        ReplayWindow window = new ReplayWindow(four.kind.fpcFamily, VRF, fpc);
        four.joinWindow(window.join("IPv4", () -> { }));
        six.joinWindow(window.join("IPv6", () -> { })); // asked to replay, it has not yet: the window stays open

        four.dumpStarted(ResyncReason.INITIAL);
        four.message(kind.object(1), true);
        four.message(kind.object(2), true);
        four.dumpFinished(true);
        four.message(kind.object(3), false); // notified after GR_BEGIN
        assertThat(window.isOpen()).isTrue();
        fpc.clear();

        four.dumpStarted(reason);
        four.message(kind.object(1), true);
        four.dumpFinished(true);
        List<String> lines = fpc.lines();
        assertThat(four.size()).isEqualTo(1);

        // IPv6 replays at last: GR_END keeps what was sent since GR_BEGIN, 2 and 3 among it.
        six.dumpStarted(ResyncReason.REQUESTED);
        six.dumpFinished(true);
        assertThat(window.isOpen()).isFalse();
        return lines;
    }
}
