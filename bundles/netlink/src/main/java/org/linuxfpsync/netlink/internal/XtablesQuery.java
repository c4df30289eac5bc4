package org.linuxfpsync.netlink.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jnr.ffi.Pointer;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.codec.Xtables;

/**
 * Reads a legacy x_tables table as iptables-legacy, ip6tables-legacy and ebtables-legacy do: GET_INFO
 * then GET_ENTRIES ({@code getsockopt}) on a raw socket made in the vrf's namespace (the kernel
 * answers with the tables of the socket's namespace). A table replaced between the two calls
 * changes size: the kernel refuses the second (EAGAIN, or EINVAL for ebtables) and both are asked
 * again. One socket per read: a read is rare (a poll, an audit record), and nothing stays open in a
 * namespace the core may release.
 */
final class XtablesQuery {
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int IPPROTO_RAW = 255;
    /** No such socket option: the kernel has no x_tables of this family (Errno has no name for it). */
    private static final int ENOPROTOOPT = 92;
    private static final int ATTEMPTS = 8;
    /** A table larger than this is refused rather than read (the FPC frame holds 1 MiB). */
    private static final int MAX_SIZE = 64 << 20;

    private XtablesQuery() {
    }

    /**
     * The tables the namespace has: {@code /proc/thread-self/net/ip_tables_names} (ip6_tables_names)
     * read inside it, which lists only tables already instantiated there (asking GET_INFO for one
     * would instantiate it). For the bridge, which lists none, the tables whose module is loaded or
     * built in ({@code /sys/module/ebtable_<t>}, {@code modules.builtin}): asking for another would
     * load its module.
     */
    static List<String> names(Posix posix, String netnsName, int nfproto) throws NetlinkException {
        List<String> names = new ArrayList<>();
        if (nfproto == Xtables.NFPROTO_BRIDGE) {
            String builtin = builtinModules();
            for (String t : Xtables.EB_TABLES) {
                if (Files.isDirectory(Path.of("/sys/module/ebtable_" + t)) || builtin.contains("/ebtable_" + t + ".ko")) {
                    names.add(t);
                }
            }
            return names;
        }
        return names(posix, netnsName, new int[] {nfproto}).get(0);
    }

    /**
     * {@link #names(Posix, String, int)} of several families, in their order, with one entry into the
     * namespace for every names file among them (the poll reads IPv4's and IPv6's each period).
     */
    static List<List<String>> names(Posix posix, String netnsName, int[] nfprotos) throws NetlinkException {
        List<List<String>> all = new ArrayList<>(nfprotos.length);
        List<Path> files = new ArrayList<>(nfprotos.length);
        for (int nfproto : nfprotos) {
            if (nfproto != Xtables.NFPROTO_BRIDGE) {
                files.add(Path.of("/proc/thread-self/net",
                        nfproto == Xtables.NFPROTO_IPV4 ? "ip_tables_names" : "ip6_tables_names"));
            }
        }
        String[] texts = files.isEmpty() ? new String[0]
                : NetworkNamespace.readIn(posix, netnsName, files.toArray(new Path[0]));
        int file = 0;
        for (int nfproto : nfprotos) {
            if (nfproto == Xtables.NFPROTO_BRIDGE) {
                all.add(names(posix, netnsName, nfproto));
                continue;
            }
            List<String> names = new ArrayList<>();
            String text = texts[file++];
            if (text != null) {
                for (String line : text.split("\n")) {
                    String t = line.strip();
                    if (!t.isEmpty() && t.length() < Xtables.TABLE_NAME_LENGTH) {
                        names.add(t);
                    }
                }
            }
            all.add(names);
        }
        return all;
    }

    /** The kernel's built-in modules: read once (a kernel does not change them while it runs). */
    private static volatile String builtin;

    private static String builtinModules() {
        String b = builtin;
        if (b == null) {
            try {
                Path p = Path.of("/lib/modules", System.getProperty("os.version", ""), "modules.builtin");
                b = Files.isRegularFile(p) ? Files.readString(p) : "";
            } catch (java.io.IOException e) {
                b = "";
            }
            builtin = b;
        }
        return b;
    }

    /**
     * The replies of GET_INFO and GET_ENTRIES for one table, concatenated as
     * {@link org.linuxfpsync.netlink.codec.XtTable#decode} takes them.
     *
     * @return null when the namespace has no such table, or the kernel no x_tables of this family
     */
    static byte[] read(Posix posix, String netnsName, int nfproto, String table) throws NetlinkException {
        byte[] name = table.getBytes(StandardCharsets.US_ASCII);
        if (name.length >= Xtables.TABLE_NAME_LENGTH || table.indexOf('\0') >= 0) {
            throw new NetlinkException("not an x_tables table name: '" + table + "'");
        }
        int domain = nfproto == Xtables.NFPROTO_IPV6 ? AF_INET6 : AF_INET;
        int fd = NetworkNamespace.socketIn(posix, netnsName, domain, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW,
                "x_tables");
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                byte[] replies = nfproto == Xtables.NFPROTO_BRIDGE ? readBridge(posix, fd, name, table)
                        : readIp(posix, fd, nfproto, name, table);
                if (replies != RETRY) {
                    return replies;
                }
            }
            throw new NetlinkException("x_tables table " + table + " kept changing while read (" + ATTEMPTS
                    + " attempts)");
        } finally {
            posix.libc().close(fd);
        }
    }

    private static final byte[] RETRY = new byte[0];

    private static byte[] readIp(Posix posix, int fd, int nfproto, byte[] name, String table) throws NetlinkException {
        int level = nfproto == Xtables.NFPROTO_IPV6 ? Xtables.SOL_IPV6 : Xtables.SOL_IP;
        Pointer info = posix.allocate(Xtables.GETINFO_SIZE);
        info.put(0, name, 0, name.length);
        if (!get(posix, fd, level, Xtables.IPT_SO_GET_INFO, info, Xtables.GETINFO_SIZE, table, "GET_INFO")) {
            return null;
        }
        int size = info.getInt(Xtables.GETINFO_SIZE_FIELD);
        if (size < 0 || size > MAX_SIZE) {
            throw new NetlinkException("x_tables table " + table + ": size " + size + " out of range");
        }
        int length = Xtables.GET_ENTRIES_HEADER + size;
        Pointer entries = posix.allocate(length);
        entries.put(0, name, 0, name.length);
        entries.putInt(Xtables.GET_ENTRIES_SIZE, size);
        int errno = getErrno(posix, fd, level, Xtables.IPT_SO_GET_ENTRIES, entries, length);
        if (errno == Errno.EAGAIN) {
            return RETRY;
        }
        if (errno == Errno.ENOENT) {
            return null;
        }
        if (errno != 0) {
            throw new NetlinkException("x_tables GET_ENTRIES of " + table + ": " + posix.describe(errno));
        }
        byte[] replies = new byte[Xtables.GETINFO_SIZE + length];
        info.get(0, replies, 0, Xtables.GETINFO_SIZE);
        entries.get(0, replies, Xtables.GETINFO_SIZE, length);
        return replies;
    }

    private static byte[] readBridge(Posix posix, int fd, byte[] name, String table) throws NetlinkException {
        Pointer info = posix.allocate(Xtables.EBT_REPLACE_SIZE);
        info.put(0, name, 0, name.length);
        if (!get(posix, fd, Xtables.SOL_IP, Xtables.EBT_SO_GET_INFO, info, Xtables.EBT_REPLACE_SIZE, table,
                "EBT_SO_GET_INFO")) {
            return null;
        }
        int size = info.getInt(Xtables.EBT_REPLACE_ENTRIES_SIZE);
        if (size < 0 || size > MAX_SIZE) {
            throw new NetlinkException("ebtables table " + table + ": entries_size " + size + " out of range");
        }
        int length = Xtables.EBT_REPLACE_SIZE + size;
        Pointer request = posix.allocate(length);
        request.put(0, name, 0, name.length);
        request.putInt(Xtables.EBT_REPLACE_NENTRIES, info.getInt(Xtables.EBT_REPLACE_NENTRIES));
        request.putInt(Xtables.EBT_REPLACE_ENTRIES_SIZE, size);
        // The kernel writes the entries where this user pointer says: right after the structure.
        request.putLong(Xtables.EBT_REPLACE_ENTRIES, request.address() + Xtables.EBT_REPLACE_SIZE);
        int errno = getErrno(posix, fd, Xtables.SOL_IP, Xtables.EBT_SO_GET_ENTRIES, request, length);
        if (errno == Errno.EINVAL) {
            return RETRY; // nentries or entries_size changed since GET_INFO
        }
        if (errno == Errno.ENOENT) {
            return null;
        }
        if (errno != 0) {
            throw new NetlinkException("EBT_SO_GET_ENTRIES of " + table + ": " + posix.describe(errno));
        }
        byte[] replies = new byte[length];
        info.get(0, replies, 0, Xtables.EBT_REPLACE_SIZE);
        request.get(Xtables.EBT_REPLACE_SIZE, replies, Xtables.EBT_REPLACE_SIZE, size);
        return replies;
    }

    /** @return false when the table or the family's x_tables does not exist */
    private static boolean get(Posix posix, int fd, int level, int option, Pointer value, int length, String table,
                               String what) throws NetlinkException {
        int errno = getErrno(posix, fd, level, option, value, length);
        if (errno == Errno.ENOENT || errno == ENOPROTOOPT) {
            return false;
        }
        if (errno != 0) {
            throw new NetlinkException("x_tables " + what + " of " + table + ": " + posix.describe(errno));
        }
        return true;
    }

    private static int getErrno(Posix posix, int fd, int level, int option, Pointer value, int length) {
        Pointer optlen = posix.allocate(4);
        optlen.putInt(0, length);
        return posix.libc().getsockopt(fd, level, option, value, optlen) < 0 ? posix.errno() : 0;
    }
}
