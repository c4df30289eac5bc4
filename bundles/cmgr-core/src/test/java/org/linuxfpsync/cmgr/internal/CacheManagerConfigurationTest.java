package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.cmgr.internal.CacheManagerSessionTest.config;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.VrfState;
import org.linuxfpsync.cmgr.AppliedConfiguration;
import org.linuxfpsync.fpc.testing.RecordingFpc;

/**
 * CI's KernelDifferentialIT lost vrfs 1 and 2 from the FPM after they were equal: a stale echo of
 * {@code org.linuxfpsync.cmgr} (an older revision, {@code vrfs = 0}) reached the cache manager, which
 * followed it. It must keep following the newest revision and write that one back.
 */
class CacheManagerConfigurationTest {
    private final List<Dictionary<String, Object>> writtenBack = new ArrayList<>();
    private final CacheManagerImpl cacheManager = new CacheManagerImpl(new FakeNetlink(),
            new RecordingFpc(RecordingFpc.Format.COMPACT), (pid, revision, newest) -> writtenBack.add(newest));

    @AfterEach
    void stop() {
        cacheManager.deactivate();
    }

    @Test
    void aStaleEchoOfAnOlderRevisionLeavesTheVrfsFollowedAndIsHealed() {
        cacheManager.activate(config("0"), props("vrfs", "0", "revision", "6"));
        cacheManager.modified(config("0, 1:blue, 2:red"), props("vrfs", "0, 1:blue, 2:red", "revision", "7"));

        cacheManager.modified(config("0"), props("vrfs", "0", "revision", "6"));

        assertThat(cacheManager.vrfs()).extracting(VrfState::vrfid).containsExactly(0, 1, 2);
        assertThat(cacheManager.vrfsConfiguration()).isEqualTo(new AppliedConfiguration("org.linuxfpsync.cmgr", 7, 1, 0));
        assertThat(writtenBack).containsExactly(new Hashtable<>(Map.of("vrfs", "0, 1:blue, 2:red", "revision", "7")));
    }

    @Test
    void withoutRevisionsTheEchoOfTheTruncatedFileLeavesTheVrfsFollowed() {
        String file = "file:/opt/linux-fp-sync/etc/org.linuxfpsync.cmgr.cfg";
        cacheManager.activate(config("0, 1:blue"), props("vrfs", "0, 1:blue", "felix.fileinstall.filename", file));

        // the file read empty: no vrfs, so the default, 0
        cacheManager.modified(config("0"), props("felix.fileinstall.filename", file));

        assertThat(cacheManager.vrfs()).extracting(VrfState::vrfid).containsExactly(0, 1);
        assertThat(writtenBack).containsExactly(new Hashtable<>(Map.of("vrfs", "0, 1:blue",
                "felix.fileinstall.filename", file)));
    }

    @Test
    void aNewerRevisionIsFollowed() {
        cacheManager.activate(config("0, 1:blue"), props("vrfs", "0, 1:blue", "revision", "3"));

        cacheManager.modified(config("0"), props("vrfs", "0", "revision", "4"));

        assertThat(cacheManager.vrfs()).extracting(VrfState::vrfid).containsExactly(0);
        assertThat(writtenBack).isEmpty();
    }

    @Test
    void anOperatorsFileWithoutARevisionIsFollowedEachTime() {
        cacheManager.activate(config("0"), props("vrfs", "0"));

        cacheManager.modified(config("0, 1:blue"), props("vrfs", "0, 1:blue"));
        cacheManager.modified(config("1:blue"), props("vrfs", "1:blue"));

        assertThat(cacheManager.vrfs()).extracting(VrfState::vrfid).containsExactly(1);
        assertThat(cacheManager.vrfsConfiguration()).isEqualTo(new AppliedConfiguration("org.linuxfpsync.cmgr", 0, 0, 0));
    }

    /** What Declarative Services passes for a configuration of org.linuxfpsync.cmgr holding these. */
    private static Map<String, Object> props(String... keysAndValues) {
        Map<String, Object> m = new Hashtable<>();
        m.put("service.pid", CacheManagerImpl.PID);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
