package org.linuxfpsync.netlink.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jnr.ffi.Pointer;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.codec.AttributeWalker;
import org.linuxfpsync.netlink.codec.DatagramWalker;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The id one namespace gives another ({@code RTM_GETNSID} with {@code NETNSA_FD}, as {@code ip netns
 * list-id} asks): the number a link message of the first carries in {@code IFLA_LINK_NETNSID} when the
 * lower device is in the second. Asked on a socket of its own, made in the first namespace, so that
 * no reader thread's command channel is borrowed; rare (a cache keeps the answers), so not pooled.
 */
final class NetnsidQuery {
    /** {@code NETNSA_NSID_NOT_ASSIGNED} of linux/net_namespace.h (a define inside the enum). */
    static final int NOT_ASSIGNED = -1;
    private static final String OWN_NAMESPACE = "/proc/self/ns/net";
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int REPLY_TIMEOUT_MILLIS = 2000;
    /** nlmsghdr, struct rtgenmsg padded to 4, NETNSA_FD (4 + 4). */
    private static final int REQUEST_LENGTH = NlMsg.HEADER_LENGTH + 4 + 8;

    private NetnsidQuery() {
    }

    /**
     * @param in   the namespace that names ({@code ""}: our own)
     * @param peer the namespace named ({@code ""}: our own)
     * @return the id, or {@link #NOT_ASSIGNED} when {@code in} has given {@code peer} none
     */
    static int ask(Posix posix, String in, String peer) throws NetlinkException {
        String path = peer.isEmpty() ? OWN_NAMESPACE : NetworkNamespace.NETNS_DIR + peer;
        int peerFd = posix.libc().open(path, O_RDONLY | O_CLOEXEC);
        if (peerFd < 0) {
            throw new NetlinkException("cannot open network namespace " + path + ": " + posix.describe(posix.errno()));
        }
        try (NetlinkSocket socket = NetlinkSocket.open(posix, NetlinkFamily.ROUTE, in, "nsid query")) {
            socket.setReceiveTimeoutMillis(REPLY_TIMEOUT_MILLIS);
            ByteBuffer request = ByteBuffer.allocateDirect(REQUEST_LENGTH).order(ByteOrder.nativeOrder());
            byte[] payload = new byte[12];
            ByteBuffer p = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
            p.put(0, (byte) Rtnetlink.AF_UNSPEC);
            p.putShort(4, (short) 8).putShort(6, (short) Rtnetlink.NETNSA_FD).putInt(8, peerFd);
            int length = NetlinkRequests.writeRequest(request, 0, Rtnetlink.RTM_GETNSID, Rtnetlink.NLM_F_REQUEST, 1,
                    payload);
            Pointer pointer = posix.wrap(request);
            socket.send(pointer, length, 0);
            return reply(posix, socket, in, peer);
        } finally {
            posix.libc().close(peerFd);
        }
    }

    private static int reply(Posix posix, NetlinkSocket socket, String in, String peer) throws NetlinkException {
        String what = "RTM_GETNSID of '" + peer + "' in '" + in + "'";
        DatagramWalker walker = new DatagramWalker();
        AttributeWalker attributes = new AttributeWalker();
        while (true) {
            int n = socket.receive(0);
            if (n < 0) {
                throw new NetlinkException(what + " failed: " + posix.describe(-n));
            }
            if (socket.senderPortId() != 0 || n > socket.receiveBuffer().capacity()) {
                continue;
            }
            try {
                walker.reset(socket.receiveBuffer(), 0, n);
                while (walker.next()) {
                    NlMsg msg = walker.message();
                    if (msg.seq() != 1) {
                        continue;
                    }
                    if (msg.type() == Rtnetlink.NLMSG_ERROR) {
                        int error = msg.payloadLength() >= 4 ? socket.receiveBuffer().getInt(msg.payloadOffset()) : 0;
                        throw new NetlinkException(what + " failed: " + posix.describe(-error));
                    }
                    if (msg.type() == Rtnetlink.RTM_NEWNSID) {
                        attributes.reset(msg, 4, "RTM_NEWNSID");
                        while (attributes.next()) {
                            if (attributes.type() == Rtnetlink.NETNSA_NSID) {
                                return attributes.int32();
                            }
                        }
                        return NOT_ASSIGNED;
                    }
                }
            } catch (NetlinkFormatException e) {
                throw new NetlinkException(what + ": malformed reply: " + e.getMessage(), e);
            }
        }
    }
}
