package org.linuxfpsync.cmgr.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.cmgr.FeatureState;
import org.linuxfpsync.cmgr.FeatureState.BundleState;
import org.linuxfpsync.cmgr.SyncControl;
import org.linuxfpsync.cmgr.spi.FeatureCatalog;

/**
 * {@code show sync-features}: the manual's table, from the real state of each feature bundle, with
 * the reason when a feature is not synchronized (what a 3 a.m. operator needs to know first), then
 * the sync mask and IPsec HA's line (as {@code ipsec ha show} prints it).
 */
final class ShowSyncFeatures implements ShowSubject {
    private final SyncControl sync;

    ShowSyncFeatures(SyncControl sync) {
        this.sync = sync;
    }

    @Override
    public String name() {
        return "sync-features";
    }

    @Override
    public String help() {
        return "show synchronized features";
    }

    @Override
    public void printText(PrintStream out) {
        long offer = sync.fpmFeatures();
        out.println(offer < 0 ? "Cache manager uses its own configuration (no FPM session yet)"
                : "Cache manager uses FPM configuration");
        out.println();
        out.printf("%-20s %s%n", "Features", "Status (enabled/disabled)");
        for (FeatureState f : sync.features()) {
            String reason = reason(f);
            out.printf("%-20s %s%s%n", f.name(), f.status(), reason == null ? "" : " (" + reason + ")");
        }
        out.println();
        for (FeatureState f : sync.features()) {
            if (FeatureCatalog.meaning(f.name()) != null) {
                out.printf("%s: %s%n", f.name(), FeatureCatalog.meaning(f.name()));
            }
        }
        out.printf("sync mask: requested 0x%x, FPM offers %s, effective 0x%x%n", sync.requestedMask(),
                offer < 0 ? "-" : String.format("0x%x", offer), sync.effectiveMask());
        // IPsec HA is no row of the manual's table (it has no mask bit): its own line, as ipsec ha show prints it
        IpsecHaCommand.printShow(sync, out);
    }

    /** Why a feature is not doing what the mask asks, or null when all is as wanted. */
    static String reason(FeatureState f) {
        if (f.lastError() != null) {
            return "error: " + f.lastError();
        }
        if (f.bundle() == BundleState.MISSING) {
            return "no bundle installed";
        }
        if (f.starting() || f.stopping()) {
            // On its way to the wanted state (the status says which): nobody's doing but ours.
            return null;
        }
        boolean running = f.bundle() == BundleState.ACTIVE;
        if (f.wanted() && !running) {
            return "bundle stopped by hand";
        }
        if (!f.wanted() && running) {
            return "bundle started by hand";
        }
        if (!f.wanted()) {
            if (!f.fpmSupports()) {
                return "not offered by the FPM";
            }
            FeatureCatalog.Row row = FeatureCatalog.row(f.name());
            if (row != null && row.parent != null) {
                return "not requested, or needs " + row.parent;
            }
            return "not requested";
        }
        return null;
    }

    @Override
    public Object json() {
        List<Object> features = new ArrayList<>();
        for (FeatureState f : sync.features()) {
            features.add(featureJson(f));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("uses_fpm_configuration", sync.fpmFeatures() >= 0);
        root.put("requested_mask", String.format("0x%x", sync.requestedMask()));
        root.put("fpm_features", sync.fpmFeatures() < 0 ? null : String.format("0x%x", sync.fpmFeatures()));
        root.put("effective_mask", String.format("0x%x", sync.effectiveMask()));
        root.put("features", features);
        root.put("ipsec_ha", IpsecHaCommand.json(sync));
        root.put("configuration", ShowVrfs.json(sync.syncConfiguration()));
        return root;
    }

    static Map<String, Object> featureJson(FeatureState f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("flag", String.format("0x%08x", f.bit()));
        m.put("status", f.status());
        m.put("wanted", f.wanted());
        m.put("fpm_supports", f.fpmSupports());
        m.put("bundle", f.bundle().name().toLowerCase());
        m.put("implemented", f.implemented());
        m.put("synced_objects", f.syncedObjects());
        m.put("malformed_messages", f.malformedMessages());
        m.put("refused_objects", f.refusedObjects());
        m.put("reason", reason(f));
        if (FeatureCatalog.meaning(f.name()) != null) {
            m.put("meaning", FeatureCatalog.meaning(f.name()));
        }
        return m;
    }
}
