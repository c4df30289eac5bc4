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

class ShowInterfacesTest {
    private static final byte[] MAC = {2, 0, 0, 0, 0, 1};

    private static String text(CachedInterface... interfaces) {
        CacheManager cache = new CacheManager() {
            @Override
            public List<CachedInterface> interfaces() {
                return List.of(interfaces);
            }

            @Override
            public List<VrfState> vrfs() {
                return List.of();
            }

            @Override
            public AppliedConfiguration vrfsConfiguration() {
                return new AppliedConfiguration("org.linuxfpsync.cmgr", 0, 0, 0);
            }
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ShowInterfaces(cache).printText(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bridgePortsAreListedAgainWithType249InTheManualsLayout() {
        CachedInterface br0 = new CachedInterface(0, 15, 0x42e9f282L, "br0", 6, 5, 0x60, 1500, MAC, 0, "bridge", null, 0, 1);
        CachedInterface eth1 = new CachedInterface(0, 11, 0x33117022L, "eth1", 6, 0, 0x60, 1500, MAC, 0x42e9f282L, null, "bridge", 0, 1);
        CachedInterface lo = new CachedInterface(0, 1, 0x754c6fa8L, "lo", 24, 0, 0x63, 65536, new byte[0], 0, null, null, 0, 772);
        // The manual's sample output of show interfaces, for these three interfaces.
        assertThat(text(br0, eth1, lo)).isEqualTo(""
                + "Interfaces list:\n"
                + "br0 vrfid 0 (ifindex: 15, ifuid: 0x42e9f282)\n"
                + "        type: 6, subtype: 5, flags: 0x60, mtu: 1500\n"
                + "        master_ifuid: 0x0,\n"
                + "        in_l_bond: no\n"
                + "eth1 vrfid 0 (ifindex: 11, ifuid: 0x33117022)\n"
                + "        type: 6, subtype: 0, flags: 0x60, mtu: 1500\n"
                + "        master_ifuid: 0x42e9f282,\n"
                + "        in_l_bond: no\n"
                + "lo vrfid 0 (ifindex: 1, ifuid: 0x754c6fa8)\n"
                + "        type: 24, subtype: 0, flags: 0x63, mtu: 65536\n"
                + "        master_ifuid: 0x0,\n"
                + "        in_l_bond: no\n"
                + "Bridge interfaces list:\n"
                + "eth1 vrfid 0 (ifindex: 11, ifuid: 0x33117022)\n"
                + "        type: 249, subtype: 0, master_ifuid: 0x42e9f282\n");
    }

    @Test
    void aBondSlaveIsNoBridgePort() {
        CachedInterface slave = new CachedInterface(0, 3, 0x3L, "eth2", 6, 0, 0x1003, 1500, MAC, 0x9L, null, "bond", 0, 1);
        String out = text(slave);
        assertThat(out).contains("        in_l_bond: yes\n");
        assertThat(out.substring(out.indexOf("Bridge interfaces list:\n"))).isEqualTo("Bridge interfaces list:\n");
    }
}
