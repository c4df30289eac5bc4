package org.linuxfpsync.cmgr.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfgFilesTest {
    @TempDir
    Path home;

    @Test
    void theFirstStartCopiesTheDistributionsEtcAndWritesSettingsWithTheirSource() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.linuxfpsync.fpc.cfg"), "# comment kept\nendpoint = unix:/x.sock\nother = 1\n");
        Path instance = home.resolve("state/cmgrd1");
        Files.createDirectories(instance);

        CfgFiles.ensureInstance(home, instance);
        CfgFiles.apply(instance.resolve("etc"), List.of(
                new Setting("org.linuxfpsync.fpc", "endpoint", "unix:/run/linux-fp-sync/fpc-1.sock", "/etc/cmgr.env (-I 1)")));

        assertThat(Files.readAllLines(instance.resolve("etc/org.linuxfpsync.fpc.cfg"))).containsExactly(
                "# comment kept", "other = 1", CfgFiles.MARKER, "endpoint = unix:/run/linux-fp-sync/fpc-1.sock",
                "endpoint.source = /etc/cmgr.env (-I 1)");
        assertThat(Files.readString(home.resolve("etc/org.linuxfpsync.fpc.cfg"))).contains("endpoint = unix:/x.sock");
    }

    @Test
    void anOptionRemovedSinceTheLastStartFallsBackToItsDefault() throws Exception {
        Path etc = home.resolve("etc");
        Files.createDirectories(etc);
        CfgFiles.apply(etc, List.of(new Setting("org.linuxfpsync.cmgr.sync", "syncMask", "0x2", "environment")));
        assertThat(Files.readString(etc.resolve("org.linuxfpsync.cmgr.sync.cfg"))).contains("syncMask = 0x2");

        CfgFiles.apply(etc, List.of());

        assertThat(Files.readAllLines(etc.resolve("org.linuxfpsync.cmgr.sync.cfg"))).isEmpty();
    }
}
