package org.linuxfpsync.sync.bpf;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds which process holds a socket: the socket's inode is the target of one of its
 * {@code /proc/<pid>/fd} links ({@code socket:[12345]}), as {@code ss -p} finds it. A scan reads
 * every process's descriptors, so it runs only for sockets not seen before.
 */
interface SocketOwners {

    /** The holders of {@code inodes}; an inode no process holds is absent from the answer. */
    Map<Long, SocketOwner> find(Set<Long> inodes);

    /** The processes of this machine's {@code /proc}, the cache manager's own first. */
    static SocketOwners proc(long ownPid) {
        return new Proc(Path.of("/proc"), ownPid);
    }

    /** Reads {@code /proc} (or a tree laid out as it is, for tests). */
    final class Proc implements SocketOwners {
        private final Path proc;
        private final long ownPid;

        Proc(Path proc, long ownPid) {
            this.proc = proc;
            this.ownPid = ownPid;
        }

        @Override
        public Map<Long, SocketOwner> find(Set<Long> inodes) {
            Map<Long, Long> pids = new HashMap<>();
            Set<Long> missing = new HashSet<>(inodes);
            // The cache manager's own sockets first: one it shares with a child is still its own.
            holders(ownPid, missing, pids);
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, Proc::isPid)) {
                for (Path p : processes) {
                    if (missing.isEmpty()) {
                        break;
                    }
                    holders(Long.parseLong(p.getFileName().toString()), missing, pids);
                }
            } catch (IOException e) {
                // no /proc: every owner stays unknown
            }
            Map<Long, SocketOwner> owners = new HashMap<>();
            Map<Long, SocketOwner> byPid = new HashMap<>();
            pids.forEach((inode, pid) -> owners.put(inode, byPid.computeIfAbsent(pid, this::owner)));
            return owners;
        }

        private static boolean isPid(Path p) {
            String name = p.getFileName().toString();
            return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
        }

        /** Adds to {@code pids} the sockets of {@code missing} that {@code pid} holds. */
        private void holders(long pid, Set<Long> missing, Map<Long, Long> pids) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve(pid + "/fd"))) {
                for (Path fd : fds) {
                    long inode = socketInode(fd);
                    if (inode >= 0 && missing.remove(inode)) {
                        pids.put(inode, pid);
                    }
                }
            } catch (IOException | SecurityException e) {
                // the process ended during the scan, or is not ours to read
            }
        }

        private static long socketInode(Path fd) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                if (target.startsWith("socket:[") && target.endsWith("]")) {
                    return Long.parseLong(target.substring(8, target.length() - 1));
                }
            } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
                // closed meanwhile, or not a link
            }
            return -1;
        }

        private SocketOwner owner(long pid) {
            return new SocketOwner(pid, comm(pid), comm(parent(pid)));
        }

        private String comm(long pid) {
            if (pid <= 0) {
                return "";
            }
            try {
                return Files.readString(proc.resolve(pid + "/comm")).strip();
            } catch (IOException e) {
                return "";
            }
        }

        /** The PPid line of {@code /proc/<pid>/status}, 0 when unknown. */
        private long parent(long pid) {
            try {
                for (String line : Files.readAllLines(proc.resolve(pid + "/status"))) {
                    if (line.startsWith("PPid:")) {
                        return Long.parseLong(line.substring(5).strip());
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // gone
            }
            return 0;
        }
    }
}
