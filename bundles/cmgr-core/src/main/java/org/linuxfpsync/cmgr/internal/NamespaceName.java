package org.linuxfpsync.cmgr.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A followed namespace's name under /var/run/netns, and which namespace it names. {@code ip netns
 * del} removes the name only: our sockets keep the old namespace alive, so {@code ip netns add} of
 * the same name makes another namespace under it. Checking that the name exists cannot tell the
 * two apart; the identity of what it names (device and inode of the nsfs file, unique among live
 * namespaces) can.
 */
final class NamespaceName {
    /** What the name names now, against what it named when the vrf was followed. */
    enum State { SAME, GONE, REPLACED }

    private final Path path;
    private Object followed;

    NamespaceName(Path directory, String name) {
        this.path = directory.resolve(name);
    }

    /** Remembers what the name names now: called before the sockets are opened in it. */
    void remember() {
        followed = identity();
    }

    State check() {
        Object now = identity();
        if (now == null) {
            return State.GONE;
        }
        if (followed == null) {
            followed = now; // not known when followed (made meanwhile): what it names now is what we opened
            return State.SAME;
        }
        return now.equals(followed) ? State.SAME : State.REPLACED;
    }

    private Object identity() {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }
}
