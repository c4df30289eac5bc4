package org.linuxfpsync.cmgr.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes the subjects of cmgrd:ipsec. */
@Service
public class IpsecSubjectCompleter extends FixedWordsCompleter {
    public IpsecSubjectCompleter() {
        super(List.of("ha"));
    }
}
