package org.linuxfpsync.sync.ipv6;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.spi.L3Sync;
import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.VrfListener;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.netlink.Vrf;

/** The feature's life cycle against a core that records what it is asked. */
class Ipv6SyncTest {
    private final RecordingCore core = new RecordingCore();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Ipv6Sync feature = new Ipv6Sync(core, FeatureBundle.context(stopping::get));

    @Test
    void itSyncsIpv6InEveryVrfTheCoreFollowsAndWithdrawsItWhenStopped() {
        core.followed.add(new Vrf(0, ""));
        core.followed.add(new Vrf(3, "blue"));
        feature.activate();
        assertThat(core.log).containsExactly("start 0 family 10", "start 3 family 10");
        assertThat(feature.syncedObjects()).isEqualTo(2 * 5);

        core.listener.vrfFollowed(new Vrf(4, "red"));
        core.listener.vrfReleased(new Vrf(3, "blue"));
        assertThat(core.log).endsWith("start 4 family 10", "close 3 withdraw");

        feature.deactivate();
        assertThat(core.listener).isNull();
        assertThat(core.log).endsWith("close 0 withdraw", "close 4 withdraw");
        assertThat(feature.syncedObjects()).isZero();
    }

    @Test
    void whenTheCacheManagerStopsTheFpmKeepsIpv6ForTheReplayOfTheNextStart() {
        core.followed.add(new Vrf(0, ""));
        feature.activate();
        stopping.set(true);
        feature.deactivate();

        assertThat(core.log).containsExactly("start 0 family 10", "close 0 keep");
    }

    @Test
    void itSaysWhatItIsInTheManualsTable() {
        assertThat(feature.name()).isEqualTo("ipv6");
        assertThat(feature.owns()).contains("IPv6").contains("routes");
    }

    private static final class RecordingCore implements SyncCore {
        final List<Vrf> followed = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        VrfListener listener;

        @Override
        public void addVrfListener(VrfListener l) {
            listener = l;
            followed.forEach(l::vrfFollowed);
        }

        @Override
        public void removeVrfListener(VrfListener l) {
            listener = null;
        }

        @Override
        public L3Sync startL3Sync(Vrf vrf, int addressFamily) {
            log.add("start " + vrf.vrfid() + " family " + addressFamily);
            return new L3Sync() {
                @Override
                public Vrf vrf() {
                    return vrf;
                }

                @Override
                public int addressFamily() {
                    return addressFamily;
                }

                @Override
                public long syncedObjects() {
                    return 5;
                }

                @Override
                public void close(boolean withdraw) {
                    log.add("close " + vrf.vrfid() + (withdraw ? " withdraw" : " keep"));
                }
            };
        }
    }
}
