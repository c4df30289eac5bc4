package org.linuxfpsync.fpxdp.internal;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three test namespaces: host A — router — host B, joined by veths; Linux forwarding is off in the
 * router (IPv4 and IPv6), so that a packet crosses only through the fast path. Hosts: 10.1.0.2 and
 * 2001:db8:1::2 behind r0 (10.1.0.1, 2001:db8:1::1); 10.2.0.2 and 2001:db8:2::2 behind r1.
 * A second link r2 — b1 (10.3.0.0/24) gives host B another path for route changes.
 */
final class RouterTopology implements AutoCloseable {
    final String a;
    final String router;
    final String b;

    RouterTopology() {
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        a = "cmgr-test-xa" + id;
        router = "cmgr-test-xr" + id;
        b = "cmgr-test-xb" + id;
        try {
            for (String ns : new String[] {a, router, b}) {
                Sh.must("ip", "netns", "add", ns);
                Sh.must("ip", "-n", ns, "link", "set", "lo", "up");
            }
            Sh.must("ip", "-n", router, "link", "add", "r0", "type", "veth", "peer", "name", "a0", "netns", a);
            Sh.must("ip", "-n", router, "link", "add", "r1", "type", "veth", "peer", "name", "b0", "netns", b);
            Sh.must("ip", "-n", router, "link", "add", "r2", "type", "veth", "peer", "name", "b1", "netns", b);
            sysctl(router, "net.ipv4.ip_forward", "0");
            sysctl(router, "net.ipv6.conf.all.forwarding", "0");
            for (String ns : new String[] {a, router, b}) {
                sysctl(ns, "net.ipv6.conf.all.accept_dad", "0");
                sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
            }
            addr(router, "r0", "10.1.0.1/24", "2001:db8:1::1/64");
            addr(router, "r1", "10.2.0.1/24", "2001:db8:2::1/64");
            addr(router, "r2", "10.3.0.1/24", "2001:db8:3::1/64");
            addr(a, "a0", "10.1.0.2/24", "2001:db8:1::2/64");
            addr(b, "b0", "10.2.0.2/24", "2001:db8:2::2/64");
            addr(b, "b1", "10.3.0.2/24", "2001:db8:3::2/64");
            // A veth hands its peer segments as the local stack made them: up to 64 KiB (GSO) and with
            // the checksum left to the "hardware" (CHECKSUM_PARTIAL), which a frame the program
            // redirects no longer carries. The hosts make wire-like frames, as a NIC would deliver.
            for (String[] end : new String[][] {{a, "a0"}, {b, "b0"}, {b, "b1"}}) {
                Sh.must("ip", "netns", "exec", end[0], "ethtool", "-K", end[1], "tso", "off", "gso", "off", "tx", "off");
            }
            Sh.must("ip", "-n", a, "route", "add", "default", "via", "10.1.0.1");
            Sh.must("ip", "-n", a, "-6", "route", "add", "default", "via", "2001:db8:1::1");
            Sh.must("ip", "-n", b, "route", "add", "default", "via", "10.2.0.1");
            Sh.must("ip", "-n", b, "-6", "route", "add", "default", "via", "2001:db8:2::1");
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private static void sysctl(String ns, String key, String value) {
        Sh.must("ip", "netns", "exec", ns, "sysctl", "-q", "-w", key + "=" + value);
    }

    private static void addr(String ns, String dev, String v4, String v6) {
        Sh.must("ip", "-n", ns, "addr", "add", v4, "dev", dev);
        Sh.must("ip", "-n", ns, "addr", "add", v6, "dev", dev, "nodad");
        Sh.must("ip", "-n", ns, "link", "set", dev, "up");
    }

    static int ifindex(String ns, String dev) {
        Matcher m = Pattern.compile("^(\\d+):").matcher(Sh.must("ip", "-n", ns, "-o", "link", "show", "dev", dev));
        if (!m.find()) {
            throw new AssertionError("no ifindex for " + dev);
        }
        return Integer.parseInt(m.group(1));
    }

    static byte[] mac(String ns, String dev) {
        Matcher m = Pattern.compile("link/ether ([0-9a-f:]{17})").matcher(
                Sh.must("ip", "-n", ns, "-o", "link", "show", "dev", dev));
        if (!m.find()) {
            throw new AssertionError("no MAC for " + dev);
        }
        return HexFormat.ofDelimiter(":").parseHex(m.group(1));
    }

    static String macText(String ns, String dev) {
        return HexFormat.ofDelimiter(":").formatHex(mac(ns, dev));
    }

    /** {@code ping} from a namespace: true when every echo was answered. */
    static boolean ping(String ns, String dst, int count) {
        return Sh.run("ip", "netns", "exec", ns, "ping", dst.contains(":") ? "-6" : "-4", "-c",
                Integer.toString(count), "-i", "0.2", "-W", "1", "-q", dst).ok();
    }

    /**
     * Sends {@code bytes} over TCP from host A to host B's {@code dst} (netcat) and returns how many
     * bytes B received.
     */
    long tcpTransfer(String dst, int bytes) throws Exception {
        Process server = new ProcessBuilder("bash", "-c", "ip netns exec " + b + " timeout 20 nc -l 5001 | wc -c")
                .redirectErrorStream(true).start();
        try {
            Thread.sleep(300); // the listener
            Sh.Result sent = Sh.run("bash", "-c", "head -c " + bytes + " /dev/zero | ip netns exec " + a
                    + " timeout 15 nc -N " + dst + " 5001");
            if (!sent.ok()) {
                return -1;
            }
            server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            return Long.parseLong(new String(server.getInputStream().readAllBytes()).strip());
        } finally {
            server.destroyForcibly();
        }
    }

    @Override
    public void close() {
        for (String ns : new String[] {a, router, b}) {
            Sh.run("ip", "netns", "del", ns);
        }
    }
}
