package org.linuxfpsync.cmgr.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.linuxfpsync.cmgr.FeatureState;
import org.linuxfpsync.cmgr.SyncControl;
import org.linuxfpsync.cmgr.spi.FeatureCatalog;
import org.linuxfpsync.console.JsonCommand;

/**
 * Live sync-mask changes: {@code sync enable|disable <feature>}, {@code sync mask <hex>}. Each
 * starts or stops feature bundles before returning, then prints what changed.
 */
@Command(scope = "cmgrd", name = "sync", description = "Enable or disable synchronized features live (the manual's -S and --disable-sync-*).")
@Service
public class SyncCommand extends JsonCommand {

    @Argument(index = 0, name = "action", description = "enable, disable or mask", required = true)
    @Completion(SyncActionCompleter.class)
    String action;

    @Argument(index = 1, name = "value", description = "A feature name (enable/disable) or a mask such as 0x1ffff", required = true)
    @Completion(FeatureNameCompleter.class)
    String value;

    @Argument(index = 2, name = "options", description = "-j/--json may also follow", required = false, multiValued = true)
    List<String> trailing;

    @Reference
    SyncControl sync;

    @Override
    public Object execute() throws Exception {
        boolean asJson = jsonRequested(trailing, "sync " + action);
        List<FeatureState> before = sync.features();
        switch (action) {
            case "enable":
            case "disable":
                if (FeatureCatalog.row(value) == null) {
                    throw new IllegalArgumentException("sync " + action + ": unknown feature '" + value + "'; known: "
                            + String.join(", ", FeatureCatalog.names()));
                }
                sync.requestFeature(value, action.equals("enable"), "console");
                break;
            case "mask":
                sync.requestMask(FeatureCatalog.parseMask(value), "console");
                break;
            default:
                throw new IllegalArgumentException("sync: unknown action '" + action + "'; expected enable, disable or mask");
        }
        List<Map<String, Object>> changes = new ArrayList<>();
        List<FeatureState> after = sync.features();
        for (int i = 0; i < after.size(); i++) {
            if (!after.get(i).status().equals(before.get(i).status())) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", after.get(i).name());
                c.put("from", before.get(i).status());
                c.put("to", after.get(i).status());
                changes.add(c);
            }
        }
        if (asJson) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("requested_mask", String.format("0x%x", sync.requestedMask()));
            root.put("effective_mask", String.format("0x%x", sync.effectiveMask()));
            root.put("changes", changes);
            printJson(root);
        } else {
            for (Map<String, Object> c : changes) {
                out().printf("%-20s %s -> %s%n", c.get("name"), c.get("from"), c.get("to"));
            }
            out().printf("sync mask: requested 0x%x, effective 0x%x%s%n", sync.requestedMask(),
                    sync.effectiveMask(), changes.isEmpty() ? " (no feature changed)" : "");
        }
        return null;
    }
}
