package org.linuxfpsync.fpm.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.ObjectFamily;

/** Completes the FPM's table names: one per object family of {@link FpcSchema}, in code order. */
@Service
public class TableNameCompleter implements Completer {
    static final List<String> TABLES = FpcSchema.families().stream().map(ObjectFamily::name).toList();

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(TABLES).complete(session, commandLine, candidates);
    }
}
