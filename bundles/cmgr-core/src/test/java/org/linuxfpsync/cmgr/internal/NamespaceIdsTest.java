package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.ChannelStats;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;

class NamespaceIdsTest {
    private static final Vrf HOST = new Vrf(0, "");
    private static final Vrf BLUE = new Vrf(1, "blue");
    private static final Vrf RED = new Vrf(2, "red");

    /** The ids the kernel gives, "in>peer" → id, and every question asked. */
    private final Map<String, Integer> kernel = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final NamespaceIds ids = new NamespaceIds(new NetlinkService() {
        @Override
        public Subscription subscribe(SubscriptionSpec spec, NetlinkListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int netnsid(Vrf in, Vrf peer) throws NetlinkException {
            String q = in.vrfid() + ">" + peer.vrfid();
            asked.add(q);
            if (peer == RED && in == BLUE && kernel.containsKey("fail")) {
                throw new NetlinkException("network namespace 'red' not found");
            }
            return kernel.getOrDefault(q, -1);
        }

        @Override
        public List<ChannelStats> channels() {
            return List.of();
        }
    });

    @Test
    void anIdIsTheFollowedVrfTheKernelSaysItNamesAskedOnceUntilTheFollowedVrfsChange() {
        kernel.put("1>2", 5);
        kernel.put("1>0", 0);

        assertThat(ids.vrfOf(BLUE, 5, List.of(HOST, BLUE, RED))).contains(RED);
        assertThat(ids.vrfOf(BLUE, 0, List.of(HOST, BLUE, RED))).contains(HOST);
        assertThat(asked).containsExactly("1>0", "1>2");

        ids.clear();
        assertThat(ids.vrfOf(BLUE, 5, List.of(HOST, BLUE))).isEmpty();
    }

    @Test
    void anIdOfNoFollowedVrfIsEmptyAndNotAskedAgainAtOnce() {
        kernel.put("1>2", 5);

        assertThat(ids.vrfOf(BLUE, 9, List.of(HOST, BLUE, RED))).isEmpty();
        assertThat(ids.vrfOf(BLUE, 9, List.of(HOST, BLUE, RED))).isEmpty();
        assertThat(asked).hasSize(2);
    }

    @Test
    void aVrfNotFollowedOrANamespaceThatCannotBeAskedNamesNothing() {
        kernel.put("fail", 1);
        assertThat(ids.vrfOf(RED, 0, List.of(HOST, BLUE))).isEmpty();
        assertThat(ids.vrfOf(BLUE, 1, List.of(HOST, BLUE, RED))).isEmpty();
        assertThat(ids.vrfOf(BLUE, -1, List.of(HOST, BLUE, RED))).isEmpty();
    }
}
