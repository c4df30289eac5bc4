package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.ChannelStats;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkRequests;

/**
 * The acceptance test: 200,000 route adds and deletes flood a listener whose receive
 * buffer is deliberately small (32 KiB, growing to at most 128 KiB), so the kernel drops
 * notifications (ENOBUFS); the channel counts it and resyncs the family, and the subscriber's
 * table ends equal to the kernel's ({@code ip -j route show table all}).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RouteFloodLiveTest extends NamespaceLiveTest {
    private static final int VRFID = 9;
    private static final int ADDS = 120_000;
    private static final int DELETES = 80_000;
    private static final long CONVERGENCE_MILLIS = 60_000;


    @Test
    void a_flood_of_200000_route_changes_overflows_a_small_buffer_and_the_resynced_table_equals_the_kernels()
            throws Exception {
        ns.ipBatch(List.of("link add v0 type veth peer name v1", "link set v0 up", "link set v1 up",
                "addr add 192.0.2.1/24 dev v0", "addr add 2001:db8::1/64 dev v0 nodad"));
        startService(Map.of("receiveBufferBytes", 32 * 1024, "receiveBufferMaxBytes", 128 * 1024));
        RouteTableSubscriber subscriber = new RouteTableSubscriber(devices());
        service.subscribe(new SubscriptionSpec(NetlinkFamily.ROUTE, new Vrf(VRFID, ns.name()),
                new int[] {RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE}, new int[] {RTM_NEWROUTE, RTM_DELROUTE},
                List.of(new DumpRequest(RTM_GETROUTE, NetlinkRequests.rtmsgDump(AF_UNSPEC)))), subscriber);

        List<String> flood = new ArrayList<>(ADDS + DELETES);
        for (int i = 0; i < ADDS; i++) {
            flood.add("route add " + address(i) + "/32 dev v0" + (i % 3 == 0 ? " table 100" : ""));
        }
        for (int i = 0; i < DELETES; i++) {
            int deleted = (int) ((long) i * ADDS / DELETES);
            flood.add("route del " + address(deleted) + "/32 dev v0" + (deleted % 3 == 0 ? " table 100" : ""));
        }
        long start = System.nanoTime();
        ns.ipBatch(flood);
        long floodMillis = (System.nanoTime() - start) / 1_000_000;

        Set<String> kernel = kernelRoutes();
        long deadline = System.currentTimeMillis() + CONVERGENCE_MILLIS;
        while (!subscriber.routes.equals(kernel) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            kernel = kernelRoutes();
        }
        long convergedMillis = (System.nanoTime() - start) / 1_000_000;

        ChannelStats listen = channel("netlink-route-listen-" + VRFID);
        ChannelStats cmd = channel("netlink-route-cmd-" + VRFID);
        System.out.printf("flood of %d route changes: ip -batch %d ms, converged after %d ms; listen: %s; cmd: %s;"
                        + " overflow dumps at the subscriber %d%n", ADDS + DELETES, floodMillis, convergedMillis, listen,
                cmd, subscriber.overflowDumps);
        assertThat(difference("in our table, not in the kernel's", subscriber.routes, kernel)).isEmpty();
        assertThat(difference("in the kernel's table, not in ours", kernel, subscriber.routes)).isEmpty();
        assertThat(kernel).hasSizeGreaterThan(ADDS - DELETES);
        assertThat(listen.enobufs()).as("ENOBUFS counted").isPositive();
        assertThat(listen.resyncs()).as("overflow resyncs counted").isPositive();
        assertThat(subscriber.overflowDumps).as("OVERFLOW dumps seen by the subscriber").isPositive();
        assertThat(listen.receiveBufferBytes()).as("grown, as the kernel reports it (twice what was set)")
                .isEqualTo(2 * 128 * 1024);
    }

    private static String address(int i) {
        return "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
    }

    /** The routes only one side has, one per line, sorted: readable on failure. */
    private static List<String> difference(String what, Set<String> a, Set<String> b) {
        Set<String> only = new TreeSet<>(a);
        only.removeAll(b);
        List<String> lines = new ArrayList<>();
        only.stream().limit(20).forEach(route -> lines.add(what + ": " + route));
        if (only.size() > 20) {
            lines.add("... " + (only.size() - 20) + " more " + what);
        }
        return lines;
    }

    private Map<Integer, String> devices() throws IOException {
        Map<Integer, String> devices = new HashMap<>();
        for (JsonNode link : ipJson("link", "show")) {
            devices.put(link.get("ifindex").asInt(), link.get("ifname").asText());
        }
        return devices;
    }

    /** {@code ip -j route show table all}, keyed as {@link RouteTableSubscriber} keys its routes. */
    private Set<String> kernelRoutes() throws IOException {
        Set<String> routes = new TreeSet<>();
        for (JsonNode route : ipJson("route", "show", "table", "all")) {
            String table = route.path("table").asText("main");
            int tableId = switch (table) {
                case "main" -> RT_TABLE_MAIN;
                case "local" -> RT_TABLE_LOCAL;
                case "default" -> RT_TABLE_DEFAULT;
                default -> Integer.parseInt(table);
            };
            String dst = route.get("dst").asText();
            if (!dst.equals("default")) {
                int slash = dst.indexOf('/');
                String address = InetAddress.getByName(slash < 0 ? dst : dst.substring(0, slash)).getHostAddress();
                dst = slash < 0 ? address : address + dst.substring(slash);
            }
            String gateway = route.has("gateway") ? InetAddress.getByName(route.get("gateway").asText()).getHostAddress() : "";
            routes.add("table=" + tableId + " type=" + route.path("type").asText("unicast") + " dst=" + dst
                    + " dev=" + route.path("dev").asText("") + " gateway=" + gateway);
        }
        return routes;
    }

    private JsonNode ipJson(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "-n", ns.name(), "-j"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ObjectMapper().readTree(output);
    }
}
