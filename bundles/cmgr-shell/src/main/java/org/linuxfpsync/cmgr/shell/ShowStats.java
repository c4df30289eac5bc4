package org.linuxfpsync.cmgr.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.cmgr.CacheManager;
import org.linuxfpsync.cmgr.CachedInterface;
import org.linuxfpsync.fpstats.FastPathStats;
import org.linuxfpsync.fpstats.InterfaceCounters;
import org.linuxfpsync.fpstats.MulticastRouteCounters;

/**
 * {@code show stats}: the fast path's per-interface counters, asked from the FPM first (so they are
 * fresh), with the interface names the cache manager knows; then, when the FPM holds any, what it
 * forwarded on each multicast route (which the kernel's own {@code ip -s mroute} counters never see).
 */
final class ShowStats implements ShowSubject {
    private final FastPathStats stats;
    private final CacheManager cache;

    ShowStats(FastPathStats stats, CacheManager cache) {
        this.stats = stats;
        this.cache = cache;
    }

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public String help() {
        return "show fast path statistics";
    }

    private boolean refresh() {
        try {
            return stats.refresh(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Map<Long, String> names() {
        Map<Long, String> names = new HashMap<>();
        for (CachedInterface i : cache.interfaces()) {
            names.put(i.ifuid(), i.name());
        }
        return names;
    }

    @Override
    public void printText(PrintStream out) {
        boolean fresh = refresh();
        long age = stats.lastUpdateMillis() == 0 ? -1 : System.currentTimeMillis() - stats.lastUpdateMillis();
        out.println(fresh ? "Fast path statistics (from the FPM, now):"
                : age < 0 ? "Fast path statistics: no answer from the FPM yet (no FPM session?)"
                : "Fast path statistics (the FPM did not answer now; last answer " + age / 1000 + " s ago):");
        out.printf("%-16s %5s %12s %14s %12s %14s %9s %9s %8s %8s%n", "interface", "vrfid", "rx-packets", "rx-bytes",
                "tx-packets", "tx-bytes", "rx-drops", "tx-drops", "rx-errs", "tx-errs");
        Map<Long, String> names = names();
        for (InterfaceCounters c : stats.interfaces()) {
            out.printf("%-16s %5d %12d %14d %12d %14d %9d %9d %8d %8d%n",
                    names.getOrDefault(c.getIfuid(), String.format("0x%x", c.getIfuid())), c.getVrfid(),
                    c.getRxPackets(), c.getRxBytes(), c.getTxPackets(), c.getTxBytes(), c.getRxDropped(),
                    c.getTxDropped(), c.getRxErrors(), c.getTxErrors());
        }
        List<MulticastRouteCounters> mroutes = stats.multicastRoutes();
        if (!mroutes.isEmpty()) {
            out.println("Multicast routes:");
            out.printf("%-5s %-6s %-10s %-39s %-39s %12s %14s %9s%n", "vrfid", "family", "table", "source", "group",
                    "packets", "bytes", "wrong-if");
            for (MulticastRouteCounters m : mroutes) {
                out.printf("%5d %-6s %-10s %-39s %-39s %12d %14d %9d%n", m.getVrfid(), m.getFamily(),
                        Long.toUnsignedString(m.getTable()), m.getSource(), m.getGroup(), m.getPackets(),
                        m.getBytes(), m.getWrongIf());
            }
        }
    }

    @Override
    public Object json() {
        boolean fresh = refresh();
        Map<Long, String> names = names();
        List<Object> list = new ArrayList<>();
        for (InterfaceCounters c : stats.interfaces()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ifname", names.get(c.getIfuid()));
            m.put("ifuid", String.format("0x%x", c.getIfuid()));
            m.put("vrfid", c.getVrfid());
            m.put("rx_packets", c.getRxPackets());
            m.put("rx_bytes", c.getRxBytes());
            m.put("tx_packets", c.getTxPackets());
            m.put("tx_bytes", c.getTxBytes());
            m.put("rx_dropped", c.getRxDropped());
            m.put("tx_dropped", c.getTxDropped());
            m.put("rx_errors", c.getRxErrors());
            m.put("tx_errors", c.getTxErrors());
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("fresh", fresh);
        root.put("updated_millis", stats.lastUpdateMillis());
        root.put("requests_sent", stats.requestsSent());
        root.put("requests_unanswered", stats.requestsUnanswered());
        root.put("interfaces", list);
        List<Object> mroutes = new ArrayList<>();
        for (MulticastRouteCounters c : stats.multicastRoutes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("vrfid", c.getVrfid());
            m.put("family", c.getFamily());
            m.put("table", c.getTable());
            m.put("src", c.getSource());
            m.put("dst", c.getGroup());
            m.put("packets", c.getPackets());
            m.put("bytes", c.getBytes());
            m.put("wrong_if", c.getWrongIf());
            mroutes.add(m);
        }
        root.put("mroutes", mroutes);
        return root;
    }
}
