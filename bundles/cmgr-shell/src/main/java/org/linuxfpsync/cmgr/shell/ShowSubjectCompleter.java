package org.linuxfpsync.cmgr.shell;

import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes the subjects of {@code cmgrd:show}. */
@Service
public class ShowSubjectCompleter extends FixedWordsCompleter {
    public ShowSubjectCompleter() {
        super(ShowCommand.SUBJECT_NAMES);
    }
}
