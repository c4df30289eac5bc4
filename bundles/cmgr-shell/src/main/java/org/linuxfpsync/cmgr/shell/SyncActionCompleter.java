package org.linuxfpsync.cmgr.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes the actions of cmgrd:sync. */
@Service
public class SyncActionCompleter extends FixedWordsCompleter {
    public SyncActionCompleter() {
        super(List.of("enable", "disable", "mask"));
    }
}
