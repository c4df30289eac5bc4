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
import org.linuxfpsync.cmgr.CacheManager;
import org.linuxfpsync.cmgr.SyncControl;
import org.linuxfpsync.console.JsonCommand;
import org.linuxfpsync.fpstats.FastPathStats;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.MetaTypeService;


/** The manual's {@code show <subject>}; without a subject, the manual's list of subjects. */
@Command(scope = "cmgrd", name = "show", description = "Show cache manager state (the manual's 'daemonctl cmgrd show ...').")
@Service
public class ShowCommand extends JsonCommand {

    @Argument(index = 0, name = "subject", description = "What to show (cmgrd:show alone lists them)", required = false)
    @Completion(ShowSubjectCompleter.class)
    String subject;

    @Argument(index = 1, name = "options", description = "-j/--json may also follow the subject", required = false,
            multiValued = true)
    List<String> trailing;

    @Reference
    CacheManager cache;

    @Reference
    SyncControl sync;

    @Reference
    NetlinkService netlink;

    @Reference
    FpcChannel fpc;

    @Reference
    BundleContext bundleContext;

    @Reference
    ConfigurationAdmin configAdmin;

    @Reference
    MetaTypeService metaType;

    /** Optional: the console keeps working when the statistics feature is stopped. */
    @Reference(optional = true)
    FastPathStats stats;

    @Override
    public Object execute() throws Exception {
        Map<String, ShowSubject> subjects = subjects();
        if (subject == null) {
            Map<String, String> help = new LinkedHashMap<>();
            subjects.values().forEach(s -> help.put(s.name(), s.help()));
            if (json) {
                printJson(help);
            } else {
                help.forEach((name, text) -> out().printf("%-10s - %s%n", name, text));
            }
            return null;
        }
        ShowSubject s = subjects.get(subject);
        if (s == null) {
            throw new IllegalArgumentException("show: unknown subject '" + subject + "'; expected one of "
                    + String.join(", ", subjects.keySet()));
        }
        if (jsonRequested(trailing, "show " + subject)) {
            printJson(s.json());
        } else {
            s.printText(out());
        }
        return null;
    }

    /**
     * The subjects in the manual's order (pid, netlink, queue, conf, modules, interfaces,
     * sync-features), then ours: vrfs, and stats when the fast path statistics feature runs.
     */
    Map<String, ShowSubject> subjects() {
        List<ShowSubject> list = new ArrayList<>(List.of(new ShowPid(), new ShowNetlink(netlink), new ShowQueue(fpc),
                new ShowConf(bundleContext, configAdmin, metaType), new ShowModules(sync), new ShowInterfaces(cache),
                new ShowSyncFeatures(sync), new ShowVrfs(cache)));
        if (stats != null) {
            list.add(new ShowStats(stats, cache));
        }
        Map<String, ShowSubject> map = new LinkedHashMap<>();
        list.forEach(s -> map.put(s.name(), s));
        return map;
    }

    /** For completion, without services: the same names as {@link #subjects()}. */
    static final List<String> SUBJECT_NAMES = List.of("pid", "netlink", "queue", "conf", "modules", "interfaces",
            "sync-features", "vrfs", "stats");
}
