package org.linuxfpsync.cmgr.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.FeatureState;
import org.linuxfpsync.cmgr.FeatureState.BundleState;
import org.linuxfpsync.cmgr.SyncControl;

class IpsecHaCommandTest {

    /** IPsec HA as the reconciler would report it: requested or not, wanted (ipsec on) or not. */
    private static SyncControl sync(boolean requested, boolean ipsecSynced, BundleState bundle) {
        FeatureState ha = new FeatureState("ipsec-ha", 0, requested && ipsecSynced, true, bundle, false, false,
                null, 0, null);
        return new SyncControl() {
            @Override
            public List<FeatureState> features() {
                return List.of();
            }

            @Override
            public FeatureState ipsecHa() {
                return ha;
            }

            @Override
            public long requestedMask() {
                return 0;
            }

            @Override
            public long effectiveMask() {
                return 0;
            }

            @Override
            public long fpmFeatures() {
                return -1;
            }

            @Override
            public boolean ipsecHaRequested() {
                return requested;
            }

            @Override
            public void requestMask(long mask, String source) {
            }

            @Override
            public void requestFeature(String name, boolean enabled, String source) {
            }

            @Override
            public void requestIpsecHa(boolean enabled, String source) {
            }
        };
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
