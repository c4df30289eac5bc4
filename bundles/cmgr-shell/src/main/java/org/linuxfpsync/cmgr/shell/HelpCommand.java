package org.linuxfpsync.cmgr.shell;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The seed's {@code help}: the console's commands, as {@code daemonctl cmgrd help} lists them. */
@Command(scope = "cmgrd", name = "help", description = "List the cmgrd console commands.")
@Service
public class HelpCommand implements Action {

    @Option(name = "-j", aliases = "--json", description = "Print JSON")
    boolean json;

    static Map<String, String> commands() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("help", "Show help");
        m.put("show", "show statistics");
        m.put("sync", "enable/disable synchronized features");
        m.put("ipsec-ha", "ipsec ha commands (show, enable, disable)");
        return m;
    }

    @Override
    public Object execute() throws Exception {
        if (json) {
            System.out.println(JsonOption.write(commands()));
        } else {
            commands().forEach((name, text) -> System.out.printf("%-10s - %s%n", name, text));
        }
        return null;
    }
}
