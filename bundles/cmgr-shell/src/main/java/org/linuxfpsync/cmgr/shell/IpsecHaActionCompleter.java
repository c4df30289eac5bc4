package org.linuxfpsync.cmgr.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes the actions of cmgrd:ipsec ha and cmgrd:ipsec-ha. */
@Service
public class IpsecHaActionCompleter extends FixedWordsCompleter {
    public IpsecHaActionCompleter() {
        super(List.of("show", "enable", "disable"));
    }
}
