package org.linuxfpsync.cmgr.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class HelpCommandTest {

    @Test
    void helpListsTheManualsCommandsInItsLayoutThenSync() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HelpCommand.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(""
                + "help       - Show help\n"
                + "?          - Show help\n"
                + "quit       - Quit the shell\n"
                + "show       - show statistics\n"
                + "ipsec      - ipsec commands\n"
                + "sync       - enable/disable synchronized features\n");
    }

    @Test
    void everyListedCommandIsAcceptedByTheConsoleSocket() {
        for (String command : HelpCommand.commands().keySet()) {
            List<String> words = command.equals("ipsec") ? List.of("ipsec", "ha", "show")
                    : command.equals("sync") ? List.of("sync", "mask", "0x1ffff") : List.of(command);
            assertThat(DaemonctlCommandLine.toKaraf(words)).as(command).isNotNull();
        }
    }
}
