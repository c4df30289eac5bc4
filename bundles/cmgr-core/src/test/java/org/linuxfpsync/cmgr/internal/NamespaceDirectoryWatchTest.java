package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What wakes the core's namespace check: names made and removed, the directory gone. */
class NamespaceDirectoryWatchTest {
    /** Bounds a wait for an event that must come (a failure, not a measurement). */
    private static final long EVENT_BOUND_SECONDS = 30;

    @TempDir
    Path dir;

    @Test
    void a_name_made_then_removed_wakes_the_check_each_time() throws Exception {
        Semaphore changes = new Semaphore(0);
        try (NamespaceDirectoryWatch watch = NamespaceDirectoryWatch.start(dir, changes::release)) {
            assertThat(watch).isNotNull();
            Files.createFile(dir.resolve("blue"));
            assertThat(changes.tryAcquire(EVENT_BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
            changes.drainPermits();
            Files.delete(dir.resolve("blue"));
            assertThat(changes.tryAcquire(EVENT_BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.valid()).isTrue();
        }
    }

    @Test
    void the_directory_removed_wakes_the_check_and_ends_the_watch() throws Exception {
        Path netns = Files.createDirectory(dir.resolve("netns"));
        Semaphore changes = new Semaphore(0);
        try (NamespaceDirectoryWatch watch = NamespaceDirectoryWatch.start(netns, changes::release)) {
            Files.delete(netns);
            // the deletion may come as one batch or two (the directory's own events, then its end)
            while (watch.valid()) {
                assertThat(changes.tryAcquire(EVENT_BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(watch.valid()).isFalse();
        }
    }

    @Test
    void a_directory_that_does_not_exist_is_not_watched() {
        assertThat(NamespaceDirectoryWatch.start(dir.resolve("absent"), () -> { })).isNull();
    }

    @Test
    void a_closed_watch_is_no_longer_valid() {
        NamespaceDirectoryWatch watch = NamespaceDirectoryWatch.start(dir, () -> { });
        assertThat(watch).isNotNull();
        watch.close();
        assertThat(watch.valid()).isFalse();
    }
}
