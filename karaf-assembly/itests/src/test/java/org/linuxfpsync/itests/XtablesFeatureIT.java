package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The legacy x_tables tables of the netfilter, nat and ebtables features against the real kernel,
 * driven by iptables-legacy and ip6tables-legacy in a test namespace: every step ends with the FPM's
 * {@code save} of each legacy table equal to {@code iptables-legacy-save} of the namespace (counters
 * aside); a counter-only change sends nothing; each feature toggled live withdraws and restores
 * exactly its tables; a table changed while its feature is stopped is found at its start. Skipped
 * (and said) where the kernel has no legacy ip_tables. ebtables-legacy: see XtablesQueryLiveTest and
 * the uapi-encoded tests (this kernel has none).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class XtablesFeatureIT extends NetfilterFeaturesSupport {
    private static final int VRF = 15;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void aNamespaceWithLegacyFilterNatAndMangleTables() throws Exception {
        ns = new TestNamespace();
        try {
            exec("iptables-legacy", "-N", "from-lo");
        } catch (AssertionError | IOException e) {
            System.out.println("XtablesFeatureIT: no iptables-legacy or no legacy ip_tables in this kernel ("
                    + e.getMessage() + "): skipped");
            assumeTrue("no legacy ip_tables", false);
        }
        exec("iptables-legacy", "-A", "from-lo", "-p", "icmp", "-j", "ACCEPT");
        exec("iptables-legacy", "-A", "INPUT", "-i", "lo", "-s", "127.0.0.0/8", "-j", "from-lo");
        exec("iptables-legacy", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "DROP");
        exec("iptables-legacy", "-t", "nat", "-A", "POSTROUTING", "-o", "eth0", "-j", "MASQUERADE");
        exec("iptables-legacy", "-t", "mangle", "-A", "PREROUTING", "-p", "udp", "--dport", "53", "-j", "ACCEPT");
        exec("ip6tables-legacy", "-A", "INPUT", "-s", "2001:db8::/32", "-p", "tcp", "--dport", "443", "-j", "ACCEPT");
        followVrfs(VRF + ":" + ns.name);
        awaitKernelTables("the initial tables");
    }

    @Test
    public void a_rulesInsertedDeletedAndPoliciesChangedAreFollowedAndAuditIsListenedTo() throws Exception {
        exec("iptables-legacy", "-I", "INPUT", "2", "-s", "192.0.2.1", "-j", "RETURN");
        exec("iptables-legacy", "-P", "FORWARD", "DROP");
        exec("ip6tables-legacy", "-t", "nat", "-A", "POSTROUTING", "-o", "eth0", "-j", "MASQUERADE");
        awaitKernelTables("a rule inserted, a policy changed, an ip6tables nat table created");
        exec("iptables-legacy", "-D", "INPUT", "1");
        exec("iptables-legacy", "-F", "from-lo");
        exec("iptables-legacy", "-X", "from-lo");
        awaitKernelTables("a rule deleted, a chain flushed and removed");

        String netlink = console("cmgrd:show netlink");
        assertTrue(netlink, netlink.contains("netlink-audit-listen-0"));
    }

    @Test
    public void b_aCounterOnlyChangeSendsNothing() throws Exception {
        // First a change in a table of each feature: once both are in the FPM, every read the start queued
        // (replays of the netfilter window) has run, and no frame but those of the changes below is due.
        exec("iptables-legacy", "-t", "mangle", "-A", "OUTPUT", "-j", "ACCEPT");
        exec("iptables-legacy", "-t", "nat", "-A", "OUTPUT", "-j", "ACCEPT");
        awaitKernelTables("a rule in mangle and one in nat");
        long before = tableAdds();
        // traffic through INPUT's rules: their counters move, the rules do not
        ns.ip("link", "set", "lo", "up");
        // (port 9, not 22: INPUT drops 22, and a dropped SYN would wait for its connect timeout)
        exec("bash", "-c", "for i in 1 2 3; do (timeout 2 bash -c 'echo > /dev/tcp/127.0.0.1/9') 2>/dev/null; done;"
                + " true");
        // then a real change in each feature: once in the FPM, each feature has read all its tables since
        exec("iptables-legacy", "-t", "mangle", "-A", "OUTPUT", "-p", "udp", "-j", "ACCEPT");
        exec("iptables-legacy", "-t", "nat", "-A", "OUTPUT", "-p", "udp", "-j", "ACCEPT");
        awaitKernelTables("mangle and nat changed after the traffic");
        assertEquals("only mangle and nat were sent again, not filter, whose counters moved", before + 2,
                tableAdds());
    }

    @Test
    public void c_eachFeatureStoppedWithdrawsItsLegacyTablesAndFindsChangesMadeMeanwhileAtItsStart() throws Exception {
        disableAndExpectOnlyItsObjectsGone("nat", VRF, vrf -> strip(vrf, "nat"), "netfilter");
        exec("iptables-legacy", "-t", "nat", "-A", "PREROUTING", "-p", "tcp", "--dport", "80", "-j", "ACCEPT");
        console("cmgrd:sync enable nat");
        awaitKernelTables("nat enabled again, with the rule added while it was stopped");

        disableAndExpectOnlyItsObjectsGone("netfilter", VRF, vrf -> vrf.remove("netfilter"), "netfilter");
        exec("iptables-legacy", "-A", "OUTPUT", "-o", "lo", "-j", "ACCEPT");
        console("cmgrd:sync enable netfilter");
        console("cmgrd:sync enable nat");
        console("cmgrd:sync enable conntrack");
        awaitKernelTables("netfilter and nat enabled again");
    }

    private static void strip(com.fasterxml.jackson.databind.node.ObjectNode vrf, String table) {
        com.fasterxml.jackson.databind.node.ArrayNode kept = vrf.arrayNode();
        for (JsonNode t : vrf.path("netfilter")) {
            if (!(table.equals(t.path("table").asText()) && "legacy".equals(t.path("origin").asText()))) {
                kept.add(t);
            }
        }
        vrf.set("netfilter", kept);
    }

    // ---- the kernel side

    private Map<String, List<String>> kernelTables() throws Exception {
        return NetfilterComparison.kernelLegacy(ns);
    }

    private static Map<String, List<String>> fpmTables(JsonNode vrf) {
        return NetfilterComparison.fpmLegacy(vrf);
    }

    private long tableAdds() throws Exception {
        return JSON.readTree(console("fpm:stats --json")).path("frames_received").path("NF_TABLE_ADD").asLong();
    }

    private JsonNode awaitKernelTables(String what) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Map<String, List<String>> kernel = kernelTables();
            JsonNode vrf = vrf(fpmDump(), VRF);
            Map<String, List<String>> fpm = fpmTables(vrf);
            if (kernel.equals(fpm) && kernel.equals(kernelTables())) {
                return vrf;
            }
            if (System.nanoTime() > deadline) {
                assertEquals(what + ": the FPM's legacy tables are iptables-legacy-save's", kernel.toString(),
                        fpm.toString());
            }
            Thread.sleep(100);
        }
    }
}
