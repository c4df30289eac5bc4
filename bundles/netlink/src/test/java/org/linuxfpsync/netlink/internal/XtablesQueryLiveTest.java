package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.XtTable;
import org.linuxfpsync.netlink.codec.Xtables;

/**
 * The legacy x_tables read inside a test namespace with the real iptables-legacy, ip6tables-legacy
 * and ebtables-legacy: which tables the namespace has, GET_INFO and GET_ENTRIES, and the counters
 * masked. Skipped (with the reason printed) where the kernel has no legacy ip_tables; the uapi-encoded
 * decoder tests ({@code XtTableUapiEncodedTest}) run everywhere.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class XtablesQueryLiveTest extends NamespaceLiveTest {

    @BeforeEach
    void startTransport() {
        startService(Map.of());
    }

    private Vrf vrf() {
        return new Vrf(7, ns.name());
    }

    @Test
    void an_iptables_legacy_table_is_read_only_once_the_namespace_has_it_and_its_counters_do_not_move_its_blob()
            throws Exception {
        assumeTrue(TestNamespace.hasTool("iptables-legacy"), "iptables-legacy not installed");
        assertThat(service.xtableNames(vrf(), Xtables.NFPROTO_IPV4)).as("a fresh namespace has no table").isEmpty();
        try {
            ns.exec("iptables-legacy", "-N", "from-lo");
        } catch (AssertionError e) {
            System.out.println("XtablesQueryLiveTest: the kernel has no legacy ip_tables here (" + e.getMessage()
                    + "): only XtTableUapiEncodedTest runs");
            assumeTrue(false, "no legacy ip_tables in this kernel");
        }
        ns.exec("iptables-legacy", "-A", "from-lo", "-p", "icmp", "-j", "ACCEPT");
        ns.exec("iptables-legacy", "-A", "INPUT", "-i", "lo", "-s", "127.0.0.0/8", "-j", "from-lo");
        ns.exec("iptables-legacy", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "DROP");
        assertThat(service.xtableNames(vrf(), Xtables.NFPROTO_IPV4)).containsExactly("filter");
        assertThat(service.xtableNames(vrf(), new int[] {Xtables.NFPROTO_IPV6, Xtables.NFPROTO_IPV4}))
                .as("both families with one entry into the namespace, in the order asked")
                .containsExactly(List.of(), List.of("filter"));

        byte[] before = service.xtable(vrf(), Xtables.NFPROTO_IPV4, "filter");
        XtTable table = XtTable.decode(Xtables.NFPROTO_IPV4, "filter", before);
        // INPUT's 2 rules and policy, FORWARD's and OUTPUT's policies, from-lo's head, rule and return, the end.
        assertThat(table.entries()).isEqualTo(3 + 2 + 3 + 1);
        assertThat(table.validHooks()).isEqualTo(0b1110);
        assertThat(new String(table.blob(), StandardCharsets.ISO_8859_1)).contains("from-lo", "tcp");

        ns.ip("link", "set", "lo", "up");
        // A connection refused on loopback: its SYN and RST pass INPUT's jump to from-lo.
        ns.exec("bash", "-c", "(echo > /dev/tcp/127.0.0.1/9) 2>/dev/null; true");
        byte[] after = service.xtable(vrf(), Xtables.NFPROTO_IPV4, "filter");
        assertThat(Arrays.equals(before, after)).as("the kernel's replies carry the counters").isFalse();
        assertThat(XtTable.decode(Xtables.NFPROTO_IPV4, "filter", after).blob())
                .as("masked, the counters do not change the blob").isEqualTo(table.blob());

        ns.exec("iptables-legacy", "-I", "INPUT", "2", "-s", "192.0.2.1", "-j", "RETURN");
        assertThat(XtTable.decode(Xtables.NFPROTO_IPV4, "filter",
                service.xtable(vrf(), Xtables.NFPROTO_IPV4, "filter")).blob()).isNotEqualTo(table.blob());
    }

    @Test
    void ip6tables_legacy_nat_is_read_in_its_namespace() throws Exception {
        assumeTrue(TestNamespace.hasTool("ip6tables-legacy"), "ip6tables-legacy not installed");
        try {
            ns.exec("ip6tables-legacy", "-t", "nat", "-A", "POSTROUTING", "-o", "lo", "-j", "MASQUERADE");
        } catch (AssertionError e) {
            System.out.println("XtablesQueryLiveTest: no legacy ip6_tables nat here: " + e.getMessage());
            assumeTrue(false, "no legacy ip6_tables nat in this kernel");
        }
        assertThat(service.xtableNames(vrf(), Xtables.NFPROTO_IPV6)).containsExactly("nat");
        assertThat(service.xtableNames(vrf(), Xtables.NFPROTO_IPV4)).isEmpty();
        assertThat(service.xtableNames(vrf(), new int[] {Xtables.NFPROTO_IPV4, Xtables.NFPROTO_IPV6,
            Xtables.NFPROTO_BRIDGE})).as("the families read with one entry into the namespace, in their order")
                .containsExactly(List.of(), List.of("nat"), service.xtableNames(vrf(), Xtables.NFPROTO_BRIDGE));
        XtTable nat = XtTable.decode(Xtables.NFPROTO_IPV6, "nat", service.xtable(vrf(), Xtables.NFPROTO_IPV6, "nat"));
        assertThat(nat.entries()).isEqualTo(4 + 1 + 1);
        assertThat(new String(nat.blob(), StandardCharsets.ISO_8859_1)).contains("MASQUERADE");
    }

    @Test
    void ebtables_legacy_tables_are_read_where_the_kernel_has_them() throws Exception {
        assumeTrue(TestNamespace.hasTool("ebtables-legacy"), "ebtables-legacy not installed");
        boolean kernelHasIt;
        try {
            ns.exec("ebtables-legacy", "-A", "FORWARD", "-p", "IPv4", "-j", "DROP");
            kernelHasIt = true;
        } catch (AssertionError e) {
            kernelHasIt = false;
        }
        byte[] replies = service.xtable(vrf(), Xtables.NFPROTO_BRIDGE, "filter");
        if (!kernelHasIt) {
            System.out.println("XtablesQueryLiveTest: the kernel has no legacy ebtables (EBT_SO_GET_INFO refused):"
                    + " the reader says so; XtTableUapiEncodedTest covers the decoding");
            assertThat(replies).isNull();
            return;
        }
        System.out.println("XtablesQueryLiveTest: legacy ebtables read live");
        XtTable filter = XtTable.decode(Xtables.NFPROTO_BRIDGE, "filter", replies);
        assertThat(filter.entries()).isEqualTo(1);
        assertThat(service.xtableNames(vrf(), Xtables.NFPROTO_BRIDGE)).contains("filter");
    }
}
