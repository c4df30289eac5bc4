package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * The file of a Unix-socket endpoint: who may connect is who may write it. Its directory is
 * created 0750 when missing; the socket is 0600, or 0660 for a configured group.
 */
final class UnixSocketFile {
    private UnixSocketFile() {
    }

    /**
     * Makes {@code socket} bindable: creates its directory, removes a socket file left by an FPM
     * that died. Refuses to remove anything that is not a socket, or a socket someone listens on.
     */
    static void prepare(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
            // the umask may have taken bits away from the mode asked at creation
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        }
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes attrs = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isOther()) {
            throw new IOException(socket + " exists and is not a socket: not removing it");
        }
        if (listening(socket)) {
            throw new IOException("another server listens on " + socket);
        }
        Files.delete(socket);
    }

    /** 0600, or group {@code group} and 0660. */
    static void restrict(Path socket, String group) throws IOException {
        if (group.isEmpty()) {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            return;
        }
        GroupPrincipal principal;
        try {
            principal = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("socketGroup '" + group + "': no such group");
        }
        Files.getFileAttributeView(socket, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(principal);
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
    }

    private static boolean listening(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
