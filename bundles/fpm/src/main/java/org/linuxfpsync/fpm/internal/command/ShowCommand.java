package org.linuxfpsync.fpm.internal.command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.linuxfpsync.console.JsonCommand;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmService;

/**
 * {@code fpm:show <table>}: one table of the FPM, one per object family of FpcSchema. The interfaces
 * in their own layout, the conntrack flows as {@code conntrack -L} writes them ({@link ConntrackText});
 * every other table (docs/fpc-protocol.md, table 7.1.1) with a column per TLV that some row holds. With
 * {@code -j/--json}, the table as JSON ({@link ShowJson}).
 */
@Command(scope = "fpm", name = "show", description = "Show a table of the reference fast path manager.")
@Service
public class ShowCommand extends JsonCommand {

    @Argument(index = 0, name = "table", description = "The table to show: interfaces, addresses, routes, "
            + "neighbours, rules, bridge-ports, ... (tab completes)", required = true)
    @Completion(TableNameCompleter.class)
    String table;

    @Argument(index = 1, name = "options", description = "-j/--json may also follow the table", required = false,
            multiValued = true)
    List<String> trailing;

    @Reference
    FpmService fpm;

    @Override
    public Object execute() {
        if (!"interfaces".equals(table)) {
            if (!TableNameCompleter.TABLES.contains(table)) {
                throw new IllegalArgumentException("fpm:show: unknown table '" + table + "' (expected one of "
                        + String.join(", ", TableNameCompleter.TABLES) + ")");
            }
            if (jsonRequested(trailing, "fpm:show " + table)) {
                printJson(ShowJson.objects(table, fpm.objects(table), fpm.interfaces()));
                return null;
            }
            if ("conntrack".equals(table)) {
                ConntrackText.print(fpm.objects(table), out());
            } else {
                ObjectTableText.print(fpm.objects(table), fpm.interfaces(), out());
            }
            return null;
        }
        List<FpmInterface> interfaces = fpm.interfaces();
        if (jsonRequested(trailing, "fpm:show " + table)) {
            printJson(ShowJson.interfaces(interfaces));
            return null;
        }
        Map<Long, String> names = new HashMap<>();
        for (FpmInterface i : interfaces) {
            names.put(i.ifuid(), i.ifname());
        }
        ShellTable t = new ShellTable().emptyTableText("no interfaces");
        t.column("vrfid").alignRight();
        t.column("ifindex").alignRight();
        t.column("name");
        t.column("ifuid");
        t.column("type").alignRight();
        t.column("subtype").alignRight();
        t.column("flags");
        t.column("mtu").alignRight();
        t.column("mac");
        t.column("master");
        for (FpmInterface i : interfaces) {
            t.addRow().addContent(Integer.toUnsignedString(i.vrfid()), Integer.toUnsignedString(i.ifindex()),
                    i.ifname(), i.ifuidHex(), i.type(), i.subtype(), "0x" + Integer.toHexString(i.flags()),
                    Integer.toUnsignedString(i.mtu()), i.macHex().isEmpty() ? "-" : i.macHex(), master(i, names));
        }
        t.print(out());
        return null;
    }

    /** The master's name when the FPM knows it, its ifuid otherwise, "-" when there is none. */
    private static String master(FpmInterface i, Map<Long, String> names) {
        if (i.masterIfuid() == 0) {
            return "-";
        }
        return names.getOrDefault(i.masterIfuid(), "0x" + Long.toHexString(i.masterIfuid()));
    }
}
