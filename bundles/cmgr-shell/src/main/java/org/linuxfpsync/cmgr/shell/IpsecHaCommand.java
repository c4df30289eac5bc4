package org.linuxfpsync.cmgr.shell;

import java.io.PrintStream;
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
import org.linuxfpsync.console.JsonCommand;

/**
 * {@code cmgrd:ipsec-ha show|enable|disable}: IPsec HA toggled live (its bundle started or
 * stopped). Kept for scripts written before {@code cmgrd:ipsec ha ...} ({@link IpsecCommand}).
 */
@Command(scope = "cmgrd", name = "ipsec-ha", description = "Show, enable or disable IPsec HA (SA sequence number sync) live.")
@Service
public class IpsecHaCommand extends JsonCommand {

    @Argument(index = 0, name = "action", description = "show, enable or disable", required = true)
    @Completion(IpsecHaActionCompleter.class)
    String action;

    @Argument(index = 1, name = "options", description = "-j/--json may also follow", required = false, multiValued = true)
    List<String> trailing;

    @Reference
    SyncControl sync;

    @Override
    public Object execute() throws Exception {
        run(sync, action, jsonRequested(trailing, "ipsec-ha " + action), out());
        return null;
    }

    /** Shared with {@code cmgrd:ipsec ha ...}, the manual's spelling. */
    static void run(SyncControl sync, String action, boolean asJson, PrintStream out) throws Exception {
        switch (action) {
            case "show":
                break;
            case "enable":
            case "disable":
                sync.requestIpsecHa(action.equals("enable"), "console");
                break;
            default:
                throw new IllegalArgumentException("ipsec ha: unknown action '" + action + "'; expected show, enable or disable");
        }
        if (asJson) {
            out.println(toJson(json(sync)));
            return;
        }
        printShow(sync, out);
    }

    /** What {@code ipsec ha show --json} prints; {@code show sync-features --json} has it too. */
    static Map<String, Object> json(SyncControl sync) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("requested", sync.ipsecHaRequested());
        root.putAll(ShowSyncFeatures.featureJson(sync.ipsecHa()));
        return root;
    }

    /** What {@code ipsec ha show} prints; {@code show sync-features} ends with it, so that the two agree. */
    static void printShow(SyncControl sync, PrintStream out) {
        FeatureState ha = sync.ipsecHa();
        // The manual's line says what is requested; what really runs follows when it differs.
        out.println("IPsec High Availability " + (sync.ipsecHaRequested() ? "enabled" : "disabled"));
        // HA rides on ipsec: asked for while ipsec is not synchronized, that is the reason, not
        // "not requested" (which the feature table would say of a row nobody asked for).
        String reason = sync.ipsecHaRequested() && !ha.wanted() && ha.fpmSupports()
                ? "needs ipsec, which is not synchronized" : ShowSyncFeatures.reason(ha);
        if (sync.ipsecHaRequested() && !ha.status().equals("enabled")) {
            out.println("  (" + ha.status() + (reason == null ? "" : ": " + reason) + ")");
        }
    }
}
