package org.linuxfpsync.cmgr.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.linuxfpsync.cmgr.FeatureState;
import org.linuxfpsync.cmgr.SyncControl;

/** {@code show modules}: the modules registered with the core, one per line as in the manual. */
final class ShowModules implements ShowSubject {
    private final SyncControl sync;

    ShowModules(SyncControl sync) {
        this.sync = sync;
    }

    @Override
    public String name() {
        return "modules";
    }

    @Override
    public String help() {
        return "show registered modules";
    }

    /** One registered module: what it syncs, and what an operator must know is wrong with it. */
    private record Module(String name, String owns, Long syncedObjects, long malformed, Map<String, Long> refused) {
        /** " (12 objects; 1 malformed message; refused: lower device in a namespace not followed 2)" */
        String details() {
            List<String> parts = new ArrayList<>();
            if (syncedObjects != null) {
                parts.add(syncedObjects + " objects");
            }
            if (malformed > 0) {
                parts.add(malformed + " malformed message" + (malformed == 1 ? "" : "s"));
            }
            if (!refused.isEmpty()) {
                List<String> reasons = new ArrayList<>();
                new TreeMap<>(refused).forEach((reason, n) -> reasons.add(reason + " " + n));
                parts.add("refused: " + String.join(", ", reasons));
            }
            return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
        }
    }

    /**
     * Base link sync is always there; the others are feature bundles that registered a SyncFeature,
     * each followed by the modules it brings (the manual's {@code xfrm-migrate}, the ipsec feature's).
     */
    private List<Module> modules() {
        List<Module> modules = new ArrayList<>();
        modules.add(new Module("links", "interfaces of every followed vrf (base sync)", null, 0, Map.of()));
        for (FeatureState f : sync.features()) {
            if (f.implemented()) {
                add(modules, f);
            }
        }
        FeatureState ha = sync.ipsecHa();
        if (ha.implemented()) {
            add(modules, ha);
        }
        return modules;
    }

    private static void add(List<Module> modules, FeatureState f) {
        modules.add(of(f));
        for (String sub : f.subModules()) {
            int space = sub.indexOf(' ');
            modules.add(new Module(space < 0 ? sub : sub.substring(0, space),
                    space < 0 ? "" : sub.substring(space + 1).trim(), null, 0, Map.of()));
        }
    }

    private static Module of(FeatureState f) {
        return new Module(f.name(), f.owns(), f.syncedObjects(), f.malformedMessages(), f.refusedObjects());
    }

    @Override
    public void printText(PrintStream out) {
        for (Module m : modules()) {
            out.printf("%-12s %s%s%n", m.name(), m.owns(), m.details());
        }
    }

    @Override
    public Object json() {
        List<Object> list = new ArrayList<>();
        for (Module m : modules()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", m.name());
            o.put("owns", m.owns());
            o.put("synced_objects", m.syncedObjects() == null ? "-" : Long.toString(m.syncedObjects()));
            o.put("malformed_messages", m.malformed());
            o.put("refused_objects", new TreeMap<>(m.refused()));
            list.add(o);
        }
        return list;
    }
}
