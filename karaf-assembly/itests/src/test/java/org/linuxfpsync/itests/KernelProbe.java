package org.linuxfpsync.itests;

import java.util.ArrayList;
import java.util.List;

/**
 * What the kernel can do, asked in a test's own namespace before the test relies on it: VLAN
 * sub-interfaces, bonds, bridge VLAN filtering, IP tunnels, vti and xfrm interfaces exist on some kernels and not
 * on others. A test
 * runs live where the kernel can, and says in its output which part ran live and which did not and
 * why ({@link #report}); on a kernel without them, the translation is tested on uapi-encoded bytes
 * (VlanFeatureUapiEncodedTest, LagFeatureUapiEncodedTest, the bridge's encoded tests).
 *
 * <p>Each probe creates its device under a name of its own ({@code probe*}) and deletes it, so it
 * leaves the namespace as it found it.
 */
final class KernelProbe {
    /** The kernel can: null; or what it answered when it could not. */
    record Result(String what, String refusal) {
        boolean supported() {
            return refusal == null;
        }
    }

    private KernelProbe() {
    }

    /** {@code ip link add link <veth> name … type vlan id 9}: 802.1Q sub-interfaces (8021q). */
    static Result vlan(TestNamespace ns) throws Exception {
        ns.ip("link", "add", "probev0", "type", "veth", "peer", "name", "probev1");
        try {
            return attempt(ns, "vlan sub-interfaces", "probev0.9", "link", "add", "link", "probev0", "name",
                    "probev0.9", "type", "vlan", "id", "9");
        } finally {
            ns.ip("link", "del", "probev0");
        }
    }

    /** {@code ip link add … type bond}: bonding. */
    static Result bond(TestNamespace ns) throws Exception {
        return attempt(ns, "bonds", "probebond0", "link", "add", "probebond0", "type", "bond");
    }

    /** {@code ip link add … type bridge vlan_filtering 1}: bridge VLAN filtering. */
    static Result bridgeVlanFiltering(TestNamespace ns) throws Exception {
        return attempt(ns, "bridge VLAN filtering", "probebr0", "link", "add", "probebr0", "type", "bridge",
                "vlan_filtering", "1");
    }

    /**
     * IPv4 and IPv6 multicast routing (CONFIG_IP_MROUTE, CONFIG_IPV6_MROUTE: the namespace's
     * {@code /proc/net/ip_mr_vif} and {@code ip6_mr_vif}) and smcroute's daemon to install entries.
     */
    static Result multicastRouting(TestNamespace ns) throws Exception {
        String what = "IPv4 and IPv6 multicast routing and smcrouted";
        for (String table : new String[] {"ip_mr_vif", "ip6_mr_vif"}) {
            try {
                TestNamespace.run(List.of("ip", "netns", "exec", ns.name, "test", "-e", "/proc/net/" + table));
            } catch (AssertionError absent) {
                return new Result(what, "no /proc/net/" + table + ": a kernel without multicast routing");
            }
        }
        try {
            TestNamespace.run(List.of("smcrouted", "-v"));
        } catch (AssertionError | java.io.IOException absent) {
            return new Result(what, "smcrouted does not run: " + absent.getMessage());
        }
        return new Result(what, null);
    }

    /**
     * {@code ip link add … type <kind>} with the parameters the kind needs: a tunnel link kind (gre,
     * gretap, ip6gre, ip6gretap, erspan, ip6erspan, ipip, sit, ip6tnl, vti, vti6, xfrm), whose module
     * a kernel may not have. Loading it makes the kind's fallback device in every namespace.
     */
    static Result linkKind(TestNamespace ns, String kind) throws Exception {
        boolean v6 = kind.startsWith("ip6") || kind.equals("vti6");
        List<String> args = new ArrayList<>(List.of("link", "add", "probetnl0", "type", kind));
        if (kind.equals("xfrm")) {
            args.addAll(List.of("dev", "lo", "if_id", "1"));
        } else {
            args.addAll(List.of("local", v6 ? "2001:db8::1" : "192.0.2.1", "remote", v6 ? "2001:db8::2" : "192.0.2.2"));
        }
        if (kind.contains("erspan")) {
            args.addAll(List.of("seq", "key", "1", "erspan_ver", "1", "erspan", "1"));
        }
        return attempt(ns, kind, "probetnl0", args.toArray(String[]::new));
    }

    /**
     * Prints one line that says which link kinds {@code test} draws and which it does not, and why:
     * the kernel refused to create them.
     */
    static void reportDrawn(String test, String part, List<Result> kinds) {
        List<String> drawn = new ArrayList<>();
        List<String> notDrawn = new ArrayList<>();
        for (Result r : kinds) {
            if (r.supported()) {
                drawn.add(r.what());
            } else {
                notDrawn.add(r.what() + " (" + r.refusal().replaceAll("\\s+", " ").trim() + ")");
            }
        }
        System.out.printf("live: %s: %s: drawn: %s; NOT drawn, this kernel has no such link kind: %s%n", test, part,
                drawn.isEmpty() ? "none" : String.join(", ", drawn),
                notDrawn.isEmpty() ? "none" : String.join(", ", notDrawn));
    }

    /**
     * Prints one line that says whether {@code part} of {@code test} runs live, and why not when it
     * does not: the test output tells which live tests ran on this machine.
     */
    static void report(String test, String part, Result r) {
        if (r.supported()) {
            System.out.printf("live: %s: %s: runs live (the kernel has %s)%n", test, part, r.what());
        } else {
            System.out.printf("live: %s: %s: NOT run live: %s%n", test, part, reason(r));
        }
    }

    /** Why a part does not run: for an Assume message as for the printed line. */
    static String reason(Result r) {
        return "this kernel has no " + r.what() + " (" + r.refusal() + ")";
    }

    private static Result attempt(TestNamespace ns, String what, String device, String... ipArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns.name));
        cmd.addAll(List.of(ipArgs));
        try {
            TestNamespace.run(cmd);
        } catch (AssertionError refused) {
            // run() fails with the command, its exit status and what ip printed
            return new Result(what, refused.getMessage());
        }
        ns.ip("link", "del", device);
        return new Result(what, null);
    }
}
