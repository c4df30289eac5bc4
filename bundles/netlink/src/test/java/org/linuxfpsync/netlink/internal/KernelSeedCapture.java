package org.linuxfpsync.netlink.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * Captures real kernel datagrams as seeds for the fuzz test: run by hand (as root) with the test
 * class path and the seed directory as argument, e.g.
 * {@code java -cp ... org.linuxfpsync.netlink.internal.KernelSeedCapture
 * src/test/resources/org/linuxfpsync/netlink/codec/LinkMessageFuzzTestInputs/arbitraryDatagramsDecodeOrFailCleanly}.
 * It works in its own namespace: a dump of its links, then the notifications of a veth pair,
 * a bridge, a veth enslaved to it, an MTU change and deletions.
 */
public final class KernelSeedCapture {
    private KernelSeedCapture() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Posix posix = Posix.load();
        try (TestNamespace ns = TestNamespace.create();
             NetlinkSocket listen = NetlinkSocket.open(posix, NetlinkFamily.ROUTE, ns.name(), "capture-listen");
             NetlinkSocket cmd = NetlinkSocket.open(posix, NetlinkFamily.ROUTE, ns.name(), "capture-cmd")) {
            listen.joinGroup(Rtnetlink.RTNLGRP_LINK);
            listen.setReceiveTimeoutMillis(500);
            cmd.setReceiveTimeoutMillis(500);
            ns.ipBatch(List.of("link add br0 type bridge", "link add v0 type veth peer name v1",
                    "link set v0 master br0", "link set v1 mtu 1400", "link set br0 up", "link set v0 up",
                    "link add vx0 type vxlan id 42 dstport 4789 local 10.0.0.1", "link add mv0 link v1 type macvlan mode bridge"));
            int seeds = drain(listen, dir, "event");

            ByteBuffer request = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());
            int length = NetlinkRequests.writeDumpRequest(request, 0, Rtnetlink.RTM_GETLINK, 1,
                    NetlinkRequests.ifinfomsgDump(Rtnetlink.AF_UNSPEC));
            cmd.send(posix.wrap(request), length, 0);
            seeds += drain(cmd, dir, "dump");

            ns.ipBatch(List.of("link del v0", "link del br0", "link del vx0"));
            seeds += drain(listen, dir, "delete");
            System.out.println(seeds + " seeds written to " + dir);
        }
    }

    private static int drain(NetlinkSocket socket, Path dir, String prefix) throws IOException, NetlinkException {
        int count = 0;
        while (true) {
            int n = socket.receive(0);
            if (n < 0) {
                return count;
            }
            byte[] bytes = new byte[n];
            socket.receiveBuffer().get(0, bytes);
            Files.write(dir.resolve(String.format("%s-%02d", prefix, count++)), bytes);
        }
    }
}
