package org.linuxfpsync.cmgr.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.cmgr.CacheManager;
import org.linuxfpsync.cmgr.VrfState;
import org.linuxfpsync.cmgr.AppliedConfiguration;

/**
 * {@code show vrfs} (ours, not the manual's): the namespaces the cache manager follows, whether each
 * is synced or why not, and the revision of {@code org.linuxfpsync.cmgr} applied with the deliveries
 * of it refused, so a vrf that left the FPM can be told from a configuration that changed.
 */
final class ShowVrfs implements ShowSubject {
    private final CacheManager cache;

    ShowVrfs(CacheManager cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return "vrfs";
    }

    @Override
    public String help() {
        return "show followed namespaces";
    }

    @Override
    public void printText(PrintStream out) {
        AppliedConfiguration c = cache.vrfsConfiguration();
        out.printf("Vrfs (org.linuxfpsync.cmgr revision %d; refused: %d stale, %d invalid):%n", c.revision(),
                c.staleDeliveries(), c.invalidDeliveries());
        for (VrfState v : cache.vrfs()) {
            out.printf("vrfid %d (%s): %s, %d interfaces%s%n", v.vrfid(),
                    v.netns().isEmpty() ? "own namespace" : "netns " + v.netns(), v.synced() ? "synced" : "not synced",
                    v.interfaces(), v.lastError() == null ? "" : ": " + v.lastError());
        }
    }

    @Override
    public Object json() {
        List<Object> vrfs = new ArrayList<>();
        for (VrfState v : cache.vrfs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("vrfid", v.vrfid());
            m.put("netns", v.netns());
            m.put("synced", v.synced());
            m.put("interfaces", v.interfaces());
            m.put("last_error", v.lastError());
            vrfs.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("vrfs", vrfs);
        root.put("configuration", json(cache.vrfsConfiguration()));
        return root;
    }

    /** A configuration's revision and refused deliveries, as show vrfs and show sync-features give them. */
    static Map<String, Object> json(AppliedConfiguration c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", c.pid());
        m.put("revision", c.revision());
        m.put("stale_deliveries", c.staleDeliveries());
        m.put("invalid_deliveries", c.invalidDeliveries());
        return m;
    }
}
