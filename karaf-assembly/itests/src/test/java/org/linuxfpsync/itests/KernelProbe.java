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
     * {@code ip link add … type ipip|sit|ip6tnl|vti|vti6 local … remote …}: a tunnel kind (its module). The
     * endpoints are not wildcards: a wildcard tunnel would collide with the kind's fallback device (EEXIST) on a
     * kernel that has it.
     */
    static Result tunnel(TestNamespace ns, String kind, String... parameters) throws Exception {
        boolean v6 = kind.equals("ip6tnl") || kind.equals("vti6");
        List<String> args = new ArrayList<>(List.of("link", "add", "probetun0", "type", kind, "local",
                v6 ? "2001:db8::8" : "192.0.2.8", "remote", v6 ? "2001:db8::9" : "192.0.2.9"));
        args.addAll(List.of(parameters));
        return attempt(ns, kind + " tunnels", "probetun0", args.toArray(String[]::new));
    }

    /** {@code ip link add … type xfrm if_id 9}: xfrm interfaces. */
    static Result xfrm(TestNamespace ns) throws Exception {
        return attempt(ns, "xfrm interfaces", "probexfrm0", "link", "add", "probexfrm0", "type", "xfrm", "if_id", "9");
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
