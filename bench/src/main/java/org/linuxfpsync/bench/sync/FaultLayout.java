package org.linuxfpsync.bench.sync;

import java.util.List;

/**
 * The namespaces of one run of a fault scenario. The flooded one (vrf 2): two veth pairs, v0/v1
 * (10.0.0.1/8, 2001:db8::1/64 on v0) and v2/v3 (11.0.0.1/8, 2001:db9::1/64 on v2), v1 a port of the
 * bridge br0 with a static FDB entry. The quiet one (vrf 1): a veth pair, addresses, a route and a
 * rule, which must stay equal whatever happens to the other.
 */
final class FaultLayout {
    static final int QUIET_VRF = 1;
    static final int FLOOD_VRF = 2;

    private FaultLayout() {
    }

    static void flooded(Netns ns) throws Exception {
        for (String line : List.of("link add v0 type veth peer name v1", "link add v2 type veth peer name v3",
                "link add br0 type bridge", "link set v1 master br0", "link set v0 up", "link set v1 up",
                "link set v2 up", "link set v3 up", "link set br0 up", "addr add 10.0.0.1/8 dev v0",
                "addr add 2001:db8::1/64 dev v0 nodad", "addr add 11.0.0.1/8 dev v2",
                "addr add 2001:db9::1/64 dev v2 nodad")) {
            ns.ip(line.split(" "));
        }
        ns.bridge("fdb", "add", "02:00:00:00:00:01", "dev", "v1", "master", "static");
    }

    static void quiet(Netns ns) throws Exception {
        for (String line : List.of("link add q0 type veth peer name q1", "link set q0 up", "link set q1 up",
                "addr add 192.168.1.1/24 dev q0", "addr add 2001:db8:1::1/64 dev q0 nodad",
                "route add 172.16.0.0/16 via 192.168.1.2", "rule add from 192.168.1.0/24 table 100 pref 100")) {
            ns.ip(line.split(" "));
        }
    }
}
