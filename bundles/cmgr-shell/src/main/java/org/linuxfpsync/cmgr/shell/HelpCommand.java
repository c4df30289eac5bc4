package org.linuxfpsync.cmgr.shell;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.linuxfpsync.console.JsonCommand;

/** The seed's {@code help}: the console's commands, as {@code daemonctl cmgrd help} lists them. */
@Command(scope = "cmgrd", name = "help", description = "List the cmgrd console commands.")
@Service
public class HelpCommand extends JsonCommand {

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
            printJson(commands());
        } else {
            commands().forEach((name, text) -> out().printf("%-10s - %s%n", name, text));
        }
        return null;
    }
}
