package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.Vrf;

/**
 * The id a namespace gives another is what {@code ip netns list-id} shows: a veth pair across two
 * namespaces makes the kernel assign one, as it does for any link whose lower device is elsewhere.
 */
class NetnsidLiveTest extends NamespaceLiveTest {

    @Test
    void theIdANamespaceGivesAnotherIsAskedWithItsFileAndIsTheOneIpShows() throws Exception {
        try (TestNamespace peer = TestNamespace.create()) {
            startService(Map.of());
            Vrf in = new Vrf(1, ns.name());
            Vrf other = new Vrf(2, peer.name());
            assertThat(service.netnsid(in, other)).isEqualTo(NetnsidQuery.NOT_ASSIGNED);

            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1", "netns", peer.name());
            int id = service.netnsid(in, other);
            String listed = ns.exec("ip", "netns", "list-id");

            assertThat(id).isGreaterThanOrEqualTo(0);
            assertThat(listed).contains("nsid " + id + " (iproute2 netns name: " + peer.name() + ")");
        }
    }

    @Test
    void aNamespaceThatDoesNotExistIsANetlinkExceptionNamingIt() {
        startService(Map.of());
        assertThatThrownBy(() -> service.netnsid(new Vrf(1, ns.name()), new Vrf(2, "cmgr-test-absent")))
                .isInstanceOf(NetlinkException.class).hasMessageContaining("cmgr-test-absent");
    }
}
