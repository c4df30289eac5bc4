package org.linuxfpsync.cmgr.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the subjects of {@code cmgrd:show}. */
@Service
public class ShowSubjectCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (String name : ShowCommand.subjects(null).keySet()) {
            delegate.getStrings().add(name);
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
