package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.testing.RecordingFpc;

/**
 * The FPM session coming up while a vrf is being followed: frames sent before the session are
 * discarded, so the interfaces the vrf's first dump sent must be replayed into the session. The
 * race was found by InterfaceSyncIT (the FPM bundle starting while the cache manager followed a
 * new namespace: its loopback never reached the FPM).
 */
class CacheManagerSessionTest {
    private static final FpcPeer FPM = new FpcPeer("fpm", 1, 0x1ffff, 42);

    private final FakeNetlink netlink = new FakeNetlink();
    private final CacheManagerImpl cacheManager = new CacheManagerImpl(netlink, new RecordingFpc(RecordingFpc.Format.COMPACT),
            (pid, revision, newest) -> false);

    @AfterEach
    void stop() {
        cacheManager.deactivate();
    }

    @Test
    void aSessionUpDuringTheLinksFirstDumpReplaysTheLinks() {
        // The session comes up while the links' subscription runs its initial dump.
        netlink.sessionUpDuringSubscription(0, () -> cacheManager.sessionUp(FPM));

        cacheManager.activate(config("0"), Map.of());

        assertThat(netlink.subscriptions.get(0).resyncs).isEqualTo(1);
    }

    @Test
    void aSessionUpWhileTheVrfsIpv4SyncStartsReplaysTheLinks() {
        // The links' subscription is made; the session comes up during the next one (IPv4's).
        netlink.sessionUpDuringSubscription(1, () -> cacheManager.sessionUp(FPM));

        cacheManager.activate(config("0"), Map.of());

        assertThat(netlink.subscriptions.get(0).resyncs).isEqualTo(1);
    }

    @Test
    void aSessionUpAfterTheVrfIsFollowedReplaysTheLinksOnce() {
        cacheManager.activate(config("0"), Map.of());

        cacheManager.sessionUp(FPM);

        assertThat(netlink.subscriptions.get(0).resyncs).isEqualTo(1);
    }

    @Test
    void withoutASessionTheLinksAreNotDumpedTwice() {
        cacheManager.activate(config("0"), Map.of());

        assertThat(netlink.subscriptions.get(0).resyncs).isZero();
    }

    static CacheManagerConfig config(String vrfs) {
        return new CacheManagerConfig() {
            @Override
            public String vrfs() {
                return vrfs;
            }

            @Override
            public int retrySeconds() {
                return 3600;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return CacheManagerConfig.class;
            }
        };
    }
}
