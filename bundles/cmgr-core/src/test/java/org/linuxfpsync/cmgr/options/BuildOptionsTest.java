package org.linuxfpsync.cmgr.options;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.spi.FeatureCatalog;

class BuildOptionsTest {

    @Test
    void dashOListsEveryFlagAndSaysWhatTapPatternOnlyDoes() throws Exception {
        String out = CmgrOptionsMain.buildOptions(null);

        assertThat(out).contains("  bpf          0x00002000\n", "  tap-pattern  0x00004000\n"
                + "               " + FeatureCatalog.TAP_PATTERN_MEANING + "\n", "  multicast    0x00008000\n",
                "sync features (-S), by default 0x1bfff: all but tap pattern only (0x4000, only with -S):\n");
    }
}
