package org.linuxfpsync.fpm.internal.command;

import java.io.PrintStream;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.linuxfpsync.console.JsonCommand;
import org.linuxfpsync.fpm.FpmService;
import org.linuxfpsync.fpm.FpmStats;

/** {@code fpm:stats}: what the FPM received, refused and swept. */
@Command(scope = "fpm", name = "stats", description = "Show the counters of the reference fast path manager.")
@Service
public class StatsCommand extends JsonCommand {

    @Reference
    FpmService fpm;

    @Override
    public Object execute() {
        PrintStream o = out();
        FpmStats s = fpm.stats();
        if (json) {
            o.print(StatsJson.toJson(s));
            return null;
        }
        o.println("FPM statistics (" + fpm.endpoint() + ")");
        o.println("- epoch: " + s.epoch());
        o.println("- connections accepted: " + s.connectionsAccepted());
        o.println("- sessions accepted: " + s.sessionsAccepted());
        o.println("- malformed frames: " + s.malformedFrames());
        o.println("- sweeps: " + s.sweeps());
        o.println("- objects swept: " + s.objectsSwept());
        o.println("- objects flushed: " + s.objectsFlushed());
        o.println("- connections refused (limit): " + s.connectionsRefused());
        o.println("- hello timeouts: " + s.helloTimeouts());
        o.println("tables:");
        s.tableSizes().forEach((name, n) -> o.printf("    %-20s%d%n", name, n));
        printCounts(o, "frames received", s.framesReceived());
        printCounts(o, "errors sent", s.errorsSent());
        return null;
    }

    private static void printCounts(PrintStream o, String title, Map<String, Long> counts) {
        o.println(title + ":" + (counts.isEmpty() ? " none" : ""));
        counts.forEach((name, n) -> o.printf("    %-20s%d%n", name, n));
    }
}
