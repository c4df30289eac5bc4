package org.linuxfpsync.cmgr.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class DaemonctlCommandLineTest {

    @Test
    void theManualsWordsBecomeCmgrdCommands() {
        assertThat(DaemonctlCommandLine.toKaraf(List.of("show", "netlink"))).isEqualTo("cmgrd:show netlink");
        assertThat(DaemonctlCommandLine.toKaraf(List.of("show", "interfaces", "--json"))).isEqualTo("cmgrd:show interfaces --json");
        assertThat(DaemonctlCommandLine.toKaraf(List.of("ipsec", "ha", "enable"))).isEqualTo("cmgrd:ipsec-ha enable");
        assertThat(DaemonctlCommandLine.toKaraf(List.of("sync", "mask", "0x1ffff"))).isEqualTo("cmgrd:sync mask 0x1ffff");
        assertThat(DaemonctlCommandLine.toKaraf(List.of("help"))).isEqualTo("cmgrd:help");
        assertThat(DaemonctlCommandLine.toKaraf(List.of("?"))).isEqualTo("cmgrd:help");
        assertThat(DaemonctlCommandLine.toKaraf(List.of())).isEqualTo("cmgrd:help");
        assertThat(DaemonctlCommandLine.toKaraf(List.of("quit"))).isEmpty();
    }

    @Test
    void onlyCmgrdCommandsCanBeReached() {
        assertThatThrownBy(() -> DaemonctlCommandLine.toKaraf(List.of("bundle:uninstall", "1")))
                .hasMessage("unknown command 'bundle:uninstall'; try 'help'");
        assertThatThrownBy(() -> DaemonctlCommandLine.toKaraf(List.of("ipsec", "sa")))
                .hasMessage("ipsec: expected 'ipsec ha show|enable|disable'");
    }

    @Test
    void aWordCannotSmuggleASecondCommand() {
        assertThatThrownBy(() -> DaemonctlCommandLine.toKaraf(List.of("show", "pid;bundle:list")))
                .hasMessage("refused word 'pid;bundle:list': only letters, digits and . _ : -");
        assertThatThrownBy(() -> DaemonctlCommandLine.toKaraf(List.of("show", "$(id)")))
                .hasMessageStartingWith("refused word '$(id)'");
        assertThatThrownBy(() -> DaemonctlCommandLine.toKaraf(List.of("show", "a\u0001")))
                .hasMessage("refused word 'a\\x01': only letters, digits and . _ : -");
    }
}
