package org.linuxfpsync.cmgr.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.spi.FeatureCatalog;

class CmgrOptionsTest {

    private static CmgrOptions.Result parse(String... kv) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return CmgrOptions.parse(env);
    }

    private static Map<String, String> values(CmgrOptions.Result r) {
        Map<String, String> m = new HashMap<>();
        r.settings().forEach(s -> m.put(s.pid() + "/" + s.key(), s.value() + " (" + s.source() + ")"));
        return m;
    }

    @Test
    void noOptionsMeansEveryDefault() {
        CmgrOptions.Result r = parse();
        assertThat(r.settings()).isEmpty();
        assertThat(r.action()).isEqualTo(CmgrOptions.Action.RUN);
        assertThat(r.daemonName()).isEqualTo("cmgrd");
    }

    @Test
    void disableSyncOptionsClearTheirFlagAndTheirDependents() {
        CmgrOptions.Result r = parse("CMGR_OPTIONS", "--disable-sync-ipsec --disable-sync-vxlan",
                "CMGR_SOURCE_CMGR_OPTIONS", "/etc/cmgr.env");
        // the default 0x1bfff (tap pattern only is not in it) without vxlan (0x1), ipsec (0x100) and svti (0x200,
        // needs ipsec)
        assertThat(values(r)).containsEntry("org.linuxfpsync.cmgr.sync/syncMask", "0x1bcfe (/etc/cmgr.env)");
    }

    @Test
    void tapPatternOnlyIsNotInTheDefaultButAnExplicitMaskGivesIt() {
        assertThat(FeatureCatalog.DEFAULT).isEqualTo(0x1bfff);
        assertThat(values(parse("CMGR_OPTIONS", "--disable-sync-vxlan")))
                .containsEntry("org.linuxfpsync.cmgr.sync/syncMask", "0x1bffe (environment)");
        assertThat(values(parse("CMGR_OPTIONS", "-S 0x1ffff --disable-sync-vxlan")))
                .containsEntry("org.linuxfpsync.cmgr.sync/syncMask", "0x1fffe (environment)");
    }

    @Test
    void aSyncMaskThenDisablesApplyTogether() {
        assertThat(values(parse("CMGR_OPTIONS", "-S 0x10402 --disable-sync-netfilter")))
                .containsEntry("org.linuxfpsync.cmgr.sync/syncMask", "0x10002 (environment)");
        assertThat(values(parse("CMGR_OPTIONS", "--sync-mask=0x3")))
                .containsEntry("org.linuxfpsync.cmgr.sync/syncMask", "0x3 (environment)");
    }

    @Test
    void sizesAcceptTheManualsForms() {
        Map<String, String> v = values(parse("CMGR_OPTIONS", "-b 4M -l 2M"));
        assertThat(v).containsEntry("org.linuxfpsync.fpc/socketBufferBytes", "4194304 (environment)")
                .containsEntry("org.linuxfpsync.netlink/receiveBufferMaxBytes", "2097152 (environment)")
                // the initial buffer may not exceed its bound
                .containsEntry("org.linuxfpsync.netlink/receiveBufferBytes", "2097152 (environment)");
        assertThat(values(parse("CMGR_OPTIONS", "-l 128M"))).doesNotContainKey("org.linuxfpsync.netlink/receiveBufferBytes");
    }

    @Test
    void dedicatedVariablesApplyAfterCmgrOptionsAsTheLastWordWins() {
        Map<String, String> v = values(parse("CMGR_OPTIONS", "-d 0x1", "DEBUG", "0x4", "CMGR_SOURCE_DEBUG", "/etc/cmgr.env",
                "HA_IPSEC", "true", "BPF_OPT", "true", "CMGR_SOURCE_BPF_OPT", "/etc/cmgr.env"));
        assertThat(v).containsEntry("org.linuxfpsync.netlink/debugMask", "4 (/etc/cmgr.env)")
                .containsEntry("org.linuxfpsync.cmgr.sync/ipsecHa", "true (environment)")
                .containsEntry("org.linuxfpsync.cmgr.sync/bpfAll", "true (/etc/cmgr.env)");
        assertThat(v).containsEntry("org.ops4j.pax.logging/log4j2.logger.linuxfpsync.level", "DEBUG (null)");
        assertThat(values(parse("CMGR_OPTIONS", "-d 0"))).doesNotContainKey("org.ops4j.pax.logging/log4j2.logger.linuxfpsync.level");
        assertThat(values(parse("CMGR_OPTIONS", "-R -A"))).containsEntry("org.linuxfpsync.cmgr.sync/ipsecHa", "true (environment)")
                .containsEntry("org.linuxfpsync.cmgr.sync/bpfAll", "true (environment)");
    }

    @Test
    void anInstanceIdGivesItsOwnConsoleEndpointAndPorts() {
        CmgrOptions.Result r = parse("CMGR_OPTIONS", "-I 2 -F");
        assertThat(r.daemonName()).isEqualTo("cmgrd2");
        assertThat(r.foreground()).isTrue();
        assertThat(values(r)).containsEntry("org.linuxfpsync.cmgr.console/path", "/tmp/.cmgrd2 (environment (-I 2))")
                .containsEntry("org.linuxfpsync.fpc/endpoint", "unix:/run/linux-fp-sync/fpc-2.sock (environment (-I 2))")
                .containsEntry("org.linuxfpsync.fpm/endpoint", "unix:/run/linux-fp-sync/fpc-2.sock (environment (-I 2))")
                .containsEntry("org.linuxfpsync.fpc/instanceId", "2 (environment (-I 2))")
                .containsEntry("org.apache.karaf.shell/sshPort", "8104 (environment (-I 2))");
    }

    @Test
    void helpAndBuildOptionsAreActions() {
        assertThat(parse("CMGR_OPTIONS", "-h").action()).isEqualTo(CmgrOptions.Action.HELP);
        assertThat(parse("CMGR_OPTIONS", "-o").action()).isEqualTo(CmgrOptions.Action.BUILD_OPTIONS);
        assertThat(CmgrOptions.help()).contains("--disable-sync-mcast").contains("-S, --sync-mask <mask>")
                .contains("IPv6               0x00010000");
    }

    @Test
    void badInputIsRefusedInOneLineNamingIt() {
        List<String[]> cases = List.of(
                new String[] {"--frobnicate", "CMGR_OPTIONS: unknown option '--frobnicate' (see cmgr.sh -h)"},
                new String[] {"--disable-sync-nosuch", "CMGR_OPTIONS: unknown option '--disable-sync-nosuch' (see cmgr.sh -h)"},
                new String[] {"--disable-sync-tap-pattern", "CMGR_OPTIONS: unknown option '--disable-sync-tap-pattern' (see cmgr.sh -h)"},
                new String[] {"-S zz", "CMGR_OPTIONS: -S: sync mask 'zz' is not a number (expected e.g. 0x1ffff)"},
                new String[] {"-S 0x100000", "CMGR_OPTIONS: -S: sync mask 0x100000 has unknown bits 0x100000 (known: 0x1ffff)"},
                new String[] {"-S", "CMGR_OPTIONS: option -S needs a value (see cmgr.sh -h)"},
                new String[] {"-b 2X", "CMGR_OPTIONS: -b: '2X' is not a size (e.g. 2M, 64M, 512K, 1048576)"},
                new String[] {"-b 1", "CMGR_OPTIONS: -b: 1 is out of range 4K..1G"},
                new String[] {"-l -F", "CMGR_OPTIONS: option -l needs a value (see cmgr.sh -h)"},
                new String[] {"-d 0xzz", "CMGR_OPTIONS: -d: '0xzz' is not a debug mask (e.g. 0x1)"},
                new String[] {"-I 300", "CMGR_OPTIONS: -I: 300 is out of range 0..255"},
                new String[] {"-I one", "CMGR_OPTIONS: -I: 'one' is not an instance number (0..255)"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> parse("CMGR_OPTIONS", c[0])).as(c[0]).hasMessage(c[1]);
        }
        assertThatThrownBy(() -> parse("HA_IPSEC", "yes")).hasMessage("HA_IPSEC: 'yes' is not true or false");
        assertThatThrownBy(() -> parse("HA", "1")).hasMessage("HA: '1' is not true or false");
        assertThatThrownBy(() -> parse("DEBUG", "lots")).hasMessage("DEBUG: 'lots' is not a debug mask (e.g. 0x1)");
    }

    @Test
    void wordsGivenToCmgrShAreReadAsIfAppendedToCmgrOptions() {
        Map<String, String> env = Map.of("CMGR_OPTIONS", "-b 4M -I 1", "CMGR_SOURCE_CMGR_OPTIONS", "/etc/cmgr.env");
        CmgrOptions.Result r = CmgrOptions.parse(env, List.of("-b", "8M", "-F"));
        assertThat(values(r)).containsEntry("org.linuxfpsync.fpc/socketBufferBytes", "8388608 (command line)")
                .containsEntry("org.linuxfpsync.fpc/instanceId", "1 (/etc/cmgr.env (-I 1))");
        assertThat(r.foreground()).isTrue();
        assertThat(CmgrOptions.parse(env, List.of("-h")).action()).isEqualTo(CmgrOptions.Action.HELP);
        assertThat(CmgrOptions.parse(env, List.of("-o")).action()).isEqualTo(CmgrOptions.Action.BUILD_OPTIONS);
        assertThat(CmgrOptions.parse(env, List.of("-I", "4")).daemonName()).isEqualTo("cmgrd4");
        // The dedicated variables still come last.
        assertThat(values(CmgrOptions.parse(Map.of("DEBUG", "0x4"), List.of("-d", "0x1"))))
                .containsEntry("org.linuxfpsync.netlink/debugMask", "4 (environment)");
        assertThatThrownBy(() -> CmgrOptions.parse(env, List.of("--frobnicate")))
                .hasMessage("command line: unknown option '--frobnicate' (see cmgr.sh -h)");
        assertThatThrownBy(() -> CmgrOptions.parse(env, List.of("-I")))
                .hasMessage("command line: option -I needs a value (see cmgr.sh -h)");
    }

    @Test
    void runTimeDirectoriesCanBeRootedElsewhereAndStayTheDefaultsOtherwise() {
        Map<String, String> v = values(parse("LINUX_FP_SYNC_RUN", "/tmp/t1/run", "DAEMONCTL_SOCKET_DIR", "/tmp/t1/console/"));
        assertThat(v).containsEntry("org.linuxfpsync.cmgr.console/path", "/tmp/t1/console/.cmgrd (environment (DAEMONCTL_SOCKET_DIR))")
                .containsEntry("org.linuxfpsync.fpc/endpoint", "unix:/tmp/t1/run/fpc-0.sock (environment (LINUX_FP_SYNC_RUN))")
                .containsEntry("org.linuxfpsync.fpm/endpoint", "unix:/tmp/t1/run/fpc-0.sock (environment (LINUX_FP_SYNC_RUN))");
        v = values(parse("CMGR_OPTIONS", "-I 3", "LINUX_FP_SYNC_RUN", "/tmp/t1/run", "DAEMONCTL_SOCKET_DIR", "/tmp/t1/console"));
        assertThat(v).containsEntry("org.linuxfpsync.cmgr.console/path", "/tmp/t1/console/.cmgrd3 (environment (-I 3))")
                .containsEntry("org.linuxfpsync.fpc/endpoint", "unix:/tmp/t1/run/fpc-3.sock (environment (-I 3))");
        assertThat(values(parse("LINUX_FP_SYNC_RUN", "/tmp/t1/run"))).doesNotContainKey("org.linuxfpsync.cmgr.console/path");

        assertThatThrownBy(() -> parse("LINUX_FP_SYNC_RUN", "run"))
                .hasMessage("LINUX_FP_SYNC_RUN: 'run' is not an absolute path of letters, digits and . _ / -");
        assertThatThrownBy(() -> parse("DAEMONCTL_SOCKET_DIR", "/tmp/a b"))
                .hasMessage("DAEMONCTL_SOCKET_DIR: '/tmp/a b' is not an absolute path of letters, digits and . _ / -");
        String deep = "/tmp/" + "d".repeat(100);
        assertThatThrownBy(() -> parse("DAEMONCTL_SOCKET_DIR", deep))
                .hasMessage("DAEMONCTL_SOCKET_DIR: socket path " + deep + "/.cmgrd is longer than 107 bytes");
    }
}
