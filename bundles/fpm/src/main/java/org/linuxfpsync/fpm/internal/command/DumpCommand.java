package org.linuxfpsync.fpm.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.linuxfpsync.console.JsonCommand;
import org.linuxfpsync.fpm.FpmService;

/** {@code fpm:dump --json}: the FPM's tables as JSON (docs/fpm-dump.md). */
@Command(scope = "fpm", name = "dump",
        description = "Dump the tables of the reference fast path manager as JSON (field names of ip -j -d link).")
@Service
public class DumpCommand extends JsonCommand {

    @Reference
    FpmService fpm;

    @Override
    public Object execute() {
        if (!json) {
            // The dump exists for tools (jq, diffs against ip -j): say so rather than invent a text form.
            throw new IllegalArgumentException("fpm:dump writes JSON only: use 'fpm:dump --json' "
                    + "(or 'fpm:show interfaces' for a table)");
        }
        out().print(fpm.dumpJson());
        return null;
    }
}
