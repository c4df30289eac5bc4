package org.linuxfpsync.netlink.internal;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.linuxfpsync.netlink.ChannelStats;

/**
 * The frame of the live tests: each test gets a throw-away namespace {@code cmgr-test-<random>}
 * (skipped without root or iproute2), and whatever happens, the transport is deactivated and the
 * namespace deleted afterwards.
 */
abstract class NamespaceLiveTest {
    TestNamespace ns;
    NetlinkServiceImpl service;

    @BeforeEach
    final void createNamespace() {
        ns = TestNamespace.create();
    }

    @AfterEach
    final void deleteNamespace() {
        try {
            if (service != null) {
                service.deactivate();
            }
        } finally {
            ns.close();
        }
    }

    /** Activates the transport as SCR would, with {@code config} over the defaults. */
    final void startService(Map<String, Object> config) {
        service = new NetlinkServiceImpl();
        service.activate(TestConfigs.with(config));
    }

    final ChannelStats channel(String name) {
        return service.channels().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no channel " + name + " in " + service.channels()));
    }
}
