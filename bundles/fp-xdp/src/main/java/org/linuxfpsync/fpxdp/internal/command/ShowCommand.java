package org.linuxfpsync.fpxdp.internal.command;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.linuxfpsync.console.JsonCommand;
import org.linuxfpsync.fpm.FpmFastPath;
import org.linuxfpsync.fpxdp.internal.FpXdp;
import org.linuxfpsync.fpxdp.internal.FpXdpReport;

/** {@code fpxdp:show}: where the XDP fast path is attached, what its maps hold, what it counted and passed to Linux. */
@Command(scope = "fpxdp", name = "show", description = "Show the XDP fast path: attachments, maps, counters, exceptions.")
@Service
public class ShowCommand extends JsonCommand {

    @Reference(optional = true)
    FpmFastPath fastPath;

    @Override
    public Object execute() {
        PrintStream o = out();
        if (!(fastPath instanceof FpXdp)) {
            o.println("fp-xdp is not running (is etc/org.linuxfpsync.fpxdp.cfg there?)");
            return null;
        }
        Map<String, Object> r = FpXdpReport.of((FpXdp) fastPath);
        if (json) {
            printJson(r);
            return null;
        }
        o.println("fp-xdp: " + r.get("changes_applied") + " changes applied, " + r.get("changes_refused") + " refused");
        for (Object vo : (List<?>) r.get("vrfs")) {
            Map<?, ?> v = (Map<?, ?>) vo;
            o.println("vrf " + v.get("vrfid") + " (netns " + (v.get("netns").toString().isEmpty() ? "own" : v.get("netns"))
                    + "), mode " + v.get("mode") + ", attach failures " + v.get("attach_failures") + ", maps "
                    + v.get("maps"));
            o.printf("    %-16s %7s %8s %12s %12s %9s %12s%n", "interface", "ifindex", "attached", "rx-packets",
                    "tx-packets", "rx-drops", "exceptions");
            for (Object io : (List<?>) v.get("interfaces")) {
                Map<?, ?> i = (Map<?, ?>) io;
                o.printf("    %-16s %7s %8s %12s %12s %9s %12s%n", i.get("ifname"), i.get("ifindex"),
                        (Boolean) i.get("attached") ? "yes" : "no", i.get("rx_packets"), i.get("tx_packets"),
                        i.get("rx_dropped"), i.get("exceptions"));
            }
        }
        return null;
    }
}
