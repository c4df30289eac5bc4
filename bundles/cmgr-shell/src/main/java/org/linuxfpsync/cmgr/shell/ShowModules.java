package org.linuxfpsync.cmgr.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

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

    /** Base link sync is always there; the others are feature bundles that registered a SyncFeature. */
    private List<String[]> modules() {
        List<String[]> modules = new ArrayList<>();
        modules.add(new String[] {"links", "interfaces of every followed vrf (base sync)", "-"});
        for (FeatureState f : sync.features()) {
            if (f.implemented()) {
                modules.add(new String[] {f.name(), f.owns(), Long.toString(f.syncedObjects())});
            }
        }
        FeatureState ha = sync.ipsecHa();
        if (ha.implemented()) {
            modules.add(new String[] {ha.name(), ha.owns(), Long.toString(ha.syncedObjects())});
        }
        return modules;
    }

    @Override
    public void printText(PrintStream out) {
        for (String[] m : modules()) {
            out.printf("%-12s %s%s%n", m[0], m[1], m[2].equals("-") ? "" : " (" + m[2] + " objects)");
        }
    }

    @Override
    public Object json() {
        List<Object> list = new ArrayList<>();
        for (String[] m : modules()) {
            list.add(java.util.Map.of("name", m[0], "owns", m[1], "synced_objects", m[2]));
        }
        return list;
    }
}
