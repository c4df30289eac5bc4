package org.linuxfpsync.cmgr.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.FeatureState;
import org.linuxfpsync.cmgr.FeatureState.BundleState;
import org.linuxfpsync.cmgr.SyncControl;

class IpsecHaCommandTest {

    /** IPsec HA as the reconciler would report it: requested or not, wanted (ipsec on) or not. */
    private static SyncControl sync(boolean requested, boolean ipsecSynced, BundleState bundle) {
        FeatureState ha = new FeatureState("ipsec-ha", 0, requested && ipsecSynced, true, bundle, false, false,
                null, 0, null);
        return FakeSyncControl.of().withIpsecHa(ha, requested);
    }

    private static String show(SyncControl sync) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IpsecHaCommand.run(sync, "show", false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void haRequestedWhileIpsecIsNotSynchronizedSaysThatIpsecIsWhatIsMissing() throws Exception {
        assertThat(show(sync(true, false, BundleState.STOPPED)))
                .isEqualTo("IPsec High Availability enabled\n  (disabled: needs ipsec, which is not synchronized)\n");
    }

    @Test
    void haNotRequestedIsTheManualsOneLine() throws Exception {
        assertThat(show(sync(false, true, BundleState.STOPPED))).isEqualTo("IPsec High Availability disabled\n");
    }
}
