package org.linuxfpsync.itests;

import java.util.ArrayList;
import java.util.List;

/** What the L2 tests run in their namespaces besides {@code ip}: {@code bridge}, and a command inside one. */
final class L2Namespace {
    private L2Namespace() {
    }

    /** {@code bridge -n <ns> <args>}: its standard output; a non-zero exit fails the test. */
    static String bridge(TestNamespace ns, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bridge", "-n", ns.name));
        cmd.addAll(List.of(args));
        return TestNamespace.run(cmd);
    }

    /**
     * Real traffic from inside a namespace without ping (not installed everywhere): one UDP datagram
     * sent by bash's {@code /dev/udp}, preceded by the ARP exchange that resolves its destination.
     */
    static void sendUdp(TestNamespace ns, String destination, int port) throws Exception {
        exec(ns, "bash", "-c", "echo l2-test > /dev/udp/" + destination + "/" + port);
    }

    /** {@code ip netns exec <ns> <command>}: a process inside the namespace only. */
    static String exec(TestNamespace ns, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name));
        cmd.addAll(List.of(command));
        return TestNamespace.run(cmd);
    }
}
