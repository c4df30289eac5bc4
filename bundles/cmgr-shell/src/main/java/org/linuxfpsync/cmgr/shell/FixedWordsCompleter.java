package org.linuxfpsync.cmgr.shell;

import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes from a fixed list of words. */
abstract class FixedWordsCompleter implements Completer {
    private final List<String> words;

    FixedWordsCompleter(List<String> words) {
        this.words = words;
    }

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(words).complete(session, commandLine, candidates);
    }
}
