package org.linuxfpsync.featuresync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;

class VrfSyncsTest {
    private final List<String> events = new ArrayList<>();

    private VrfSync sync(String name) {
        events.add("start " + name);
        return new VrfSync() {
            @Override
            public long syncedObjects() {
                return 0;
            }

            @Override
            public long malformed() {
                return 0;
            }

            @Override
            public void close(boolean withdraw) {
                events.add("close " + name + (withdraw ? ", withdrawn" : ""));
            }
        };
    }

    /**
     * Found by MacvlanFeatureIT: vrf 11 released and followed again with a new namespace within one
     * configuration poll reaches the features as a second follow; the old sync, closed after the new
     * one had sent its objects, withdrew them (same vrfid, same ifindexes, same keys).
     */
    @Test
    void aVrfFollowedAgainWithdrawsTheOldSyncBeforeTheNewOneSends() {
        int[] n = {0};
        VrfSyncs syncs = new VrfSyncs("macvlan", new RecordingCore(new RecordingFpc()),
                (feature, vrf) -> sync(vrf.netnsName() + "#" + (++n[0])), () -> false);

        syncs.vrfFollowed(new Vrf(11, "ns-a"));
        syncs.vrfFollowed(new Vrf(11, "ns-b"));

        assertThat(events).containsExactly("start ns-a#1", "close ns-a#1, withdrawn", "start ns-b#2");
    }
}
