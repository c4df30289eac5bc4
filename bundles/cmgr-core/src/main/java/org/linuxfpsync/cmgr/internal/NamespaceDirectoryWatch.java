package org.linuxfpsync.cmgr.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when a name is made or removed under the directory where {@code ip netns} names namespaces
 * (inotify, through the JDK's WatchService): {@code ip netns del} and {@code add} change nothing a
 * netlink socket hears, and a check of every followed name every few seconds woke the core for
 * nothing while no namespace changed. Its thread ({@code cmgr-netns-watch}) sleeps until an event.
 * Once the directory goes (or the watch fails), {@link #valid} is false and the caller polls again.
 */
final class NamespaceDirectoryWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceDirectoryWatch.class);

    private final WatchService service;
    private final Thread thread;
    private volatile boolean valid = true;

    private NamespaceDirectoryWatch(WatchService service, Path directory, Runnable changed) {
        this.service = service;
        this.thread = new Thread(() -> run(directory, changed), "cmgr-netns-watch");
        thread.setDaemon(true);
    }

    /**
     * Watches {@code directory}; {@code changed} runs on the watch's thread after each batch of events
     * (a name made or removed, events lost, the directory gone) and must not block.
     *
     * @return null when the directory cannot be watched (it does not exist yet: {@code ip netns add}
     *         makes it)
     */
    static NamespaceDirectoryWatch start(Path directory, Runnable changed) {
        WatchService service = null;
        try {
            service = FileSystems.getDefault().newWatchService();
            directory.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            if (service != null) {
                try {
                    service.close();
                } catch (IOException ignored) {
                    // nothing was watched
                }
            }
            LOG.debug("{} not watched: {}", directory, e.toString());
            return null;
        }
        NamespaceDirectoryWatch watch = new NamespaceDirectoryWatch(service, directory, changed);
        watch.thread.start();
        return watch;
    }

    /** False once the directory is gone or the watch failed: the caller checks by polling again. */
    boolean valid() {
        return valid;
    }

    private void run(Path directory, Runnable changed) {
        try {
            while (valid) {
                WatchKey key = service.take();
                key.pollEvents(); // which names does not matter: every followed name is checked
                if (!key.reset()) {
                    valid = false; // the directory was removed
                    LOG.info("{} is gone: followed namespaces' names are checked by polling again", directory);
                }
                changed.run();
            }
        } catch (ClosedWatchServiceException | InterruptedException closed) {
            valid = false;
        } catch (RuntimeException e) {
            valid = false;
            LOG.warn("watch of {} stopped, followed namespaces' names are checked by polling again: {}",
                    directory, e.toString());
            changed.run();
        }
    }

    @Override
    public void close() {
        valid = false;
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch: {}", e.toString());
        }
    }
}
