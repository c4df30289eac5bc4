package org.linuxfpsync.cmgr.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.AppliedConfiguration;
import org.linuxfpsync.cmgr.CacheManager;
import org.linuxfpsync.cmgr.CachedInterface;
import org.linuxfpsync.cmgr.VrfState;
import org.linuxfpsync.console.JsonCommand;

class ShowVrfsTest {
    private static final CacheManager CACHE = new CacheManager() {
        @Override
        public List<CachedInterface> interfaces() {
            return List.of();
        }

        @Override
        public List<VrfState> vrfs() {
            return List.of(new VrfState(0, "", true, 12, null), new VrfState(2, "red", false, 0,
                    "network namespace 'red' not found (/var/run/netns/red): No such file or directory"));
        }

        @Override
        public AppliedConfiguration vrfsConfiguration() {
            return new AppliedConfiguration("org.linuxfpsync.cmgr", 3, 1, 0);
        }
    };

    @Test
    void eachFollowedVrfIsShownWithWhyItIsNotSyncedAndTheRevisionApplied() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ShowVrfs(CACHE).printText(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(""
                + "Vrfs (org.linuxfpsync.cmgr revision 3; refused: 1 stale, 0 invalid):\n"
                + "vrfid 0 (own namespace): synced, 12 interfaces\n"
                + "vrfid 2 (netns red): not synced, 0 interfaces: network namespace 'red' not found "
                + "(/var/run/netns/red): No such file or directory\n");
    }

    @Test
    void theJsonCarriesTheSameFieldsAndTheConfigurationsCounters() {
        assertThat(JsonCommand.toJson(new ShowVrfs(CACHE).json()).replaceAll("\\s", "")).isEqualTo(""
                + "{\"vrfs\":[{\"vrfid\":0,\"netns\":\"\",\"synced\":true,\"interfaces\":12,\"last_error\":null},"
                + "{\"vrfid\":2,\"netns\":\"red\",\"synced\":false,\"interfaces\":0,\"last_error\":\"networknamespace"
                + "'red'notfound(/var/run/netns/red):Nosuchfileordirectory\"}],\"configuration\":{\"pid\":"
                + "\"org.linuxfpsync.cmgr\",\"revision\":3,\"stale_deliveries\":1,\"invalid_deliveries\":0}}");
    }
}
