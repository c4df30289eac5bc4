package org.linuxfpsync.cmgr.shell;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.linuxfpsync.console.JsonCommand;

/**
 * The console's {@code help}, in the linux-fp-sync manual's layout: its commands ({@code help},
 * {@code ?}, {@code quit}, {@code show}, {@code ipsec}), then ours ({@code sync}).
 */
@Command(scope = "cmgrd", name = "help", description = "List the cmgrd console commands.")
@Service
public class HelpCommand extends JsonCommand {

    static Map<String, String> commands() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("help", "Show help");
        m.put("?", "Show help");
        m.put("quit", "Quit the shell");
        m.put("show", "show statistics");
        m.put("ipsec", "ipsec commands");
        m.put("sync", "enable/disable synchronized features");
        return m;
    }

    static void print(PrintStream out) {
        commands().forEach((name, text) -> out.printf("%-10s - %s%n", name, text));
    }

    @Override
    public Object execute() throws Exception {
        if (json) {
            printJson(commands());
        } else {
            print(out());
        }
        return null;
    }
}
