package org.linuxfpsync.cmgr.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.linuxfpsync.cmgr.SyncControl;
import org.linuxfpsync.console.JsonCommand;

/** The manual's {@code ipsec ha show|enable|disable}: IPsec HA toggled live. */
@Command(scope = "cmgrd", name = "ipsec", description = "IPsec commands: 'ipsec ha show|enable|disable' (IPsec HA, SA sequence number sync, live).")
@Service
public class IpsecCommand extends JsonCommand {

    @Argument(index = 0, name = "subject", description = "ha", required = true)
    @Completion(IpsecSubjectCompleter.class)
    String subject;

    @Argument(index = 1, name = "action", description = "show, enable or disable", required = true)
    @Completion(IpsecHaActionCompleter.class)
    String action;

    @Argument(index = 2, name = "options", description = "-j/--json may also follow", required = false, multiValued = true)
    List<String> trailing;

    @Reference
    SyncControl sync;

    @Override
    public Object execute() throws Exception {
        if (!subject.equals("ha")) {
            throw new IllegalArgumentException("ipsec: unknown subject '" + subject + "'; expected 'ipsec ha show|enable|disable'");
        }
        IpsecHaCommand.run(sync, action, jsonRequested(trailing, "ipsec ha " + action), out());
        return null;
    }
}
