package org.linuxfpsync.cmgr.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.cmgr.FeatureState;
import org.linuxfpsync.cmgr.FeatureState.BundleState;
import org.linuxfpsync.cmgr.SyncControl;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.console.JsonCommand;

class ShowModulesTest {

    private static SyncControl sync(FeatureState... features) {
        return FakeSyncControl.of(features).withIpsecHa(
                new FeatureState("ipsec-ha", 0, false, true, BundleState.STOPPED, false, false, null, 0, null), false);
    }

    private static final FeatureState GRE = new FeatureState("gre", 0x40, true, true, BundleState.ACTIVE, false, true,
            "GRE tunnels", 3, null, 1, Map.of("lower device in a namespace not followed", 2L));
    private static final FeatureState VXLAN = new FeatureState("vxlan", 0x1, true, true, BundleState.ACTIVE, false,
            true, "VXLAN devices", 5, null);

    @Test
    void aModuleThatRefusedOrCouldNotParseSomethingSaysSoBesideItsObjects() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ShowModules(sync(VXLAN, GRE)).printText(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "links        interfaces of every followed vrf (base sync)\n"
                + "vxlan        VXLAN devices (5 objects)\n"
                + "gre          GRE tunnels (3 objects; 1 malformed message; refused: lower device in a namespace "
                + "not followed 2)\n");
    }

    @Test
    void aFeaturesSubModulesFollowItsLine() {
        FeatureState ipsec = new FeatureState("ipsec", 0x100, true, true, BundleState.ACTIVE, false, true,
                "XFRM SAs and policies", 2, null, 0, Map.of(), List.of("xfrm-migrate SAs and policies moved"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ShowModules(sync(ipsec, VXLAN)).printText(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "links        interfaces of every followed vrf (base sync)\n"
                + "ipsec        XFRM SAs and policies (2 objects)\n"
                + "xfrm-migrate SAs and policies moved\n"
                + "vxlan        VXLAN devices (5 objects)\n");
    }

    @Test
    void theJsonCountsRefusedObjectsByReason() {
        String json = JsonCommand.toJson(new ShowModules(sync(GRE)).json()).replaceAll("\\s", "");

        assertThat(json).contains("\"name\":\"gre\",\"owns\":\"GREtunnels\",\"synced_objects\":\"3\","
                + "\"malformed_messages\":1,\"refused_objects\":{\"lowerdeviceinanamespacenotfollowed\":2}");
    }
}
