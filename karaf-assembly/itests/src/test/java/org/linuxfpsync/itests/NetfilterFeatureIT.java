package org.linuxfpsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The netfilter, NAT and ebtables features against the real kernel's nftables, driven by {@code nft},
 * {@code iptables-nft} and {@code ebtables-nft} in a test namespace: a ruleset replaced in one
 * transaction, a flush, a rule inserted in the middle of a chain, a set updated without a rule
 * change, each feature toggled live, and seeded random changes. Every step ends with the FPM's
 * {@code netfilter} tables equal to {@code nft -j list ruleset} of the namespace: tables, named sets
 * and their elements, chains with hook, priority and policy, and every chain's rules by handle, in
 * order (nft's decompiled {@code expr} is not compared: the FPM carries the kernel's expressions).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class NetfilterFeatureIT extends NetfilterFeaturesSupport {
    private static final int VRF = 14;
    private static final String RULESET = String.join("\n",
            "table inet fw {",
            "  set allowed { type ipv4_addr; elements = { 10.0.0.1, 10.0.0.2 }; }",
            "  set ports { type inet_service; elements = { 22, 443 }; }",
            "  chain input { type filter hook input priority 0; policy drop;",
            "    ct state established,related accept",
            "    ip saddr @allowed tcp dport @ports accept",
            "    ip daddr { 192.0.2.1, 192.0.2.2 } counter drop",
            "  }",
            "  chain forward { type filter hook forward priority 10; policy accept; jump common; }",
            "  chain common { iifname \"lo\" accept; }",
            "}",
            "table ip nat4 {",
            "  chain post { type nat hook postrouting priority 100; policy accept; oifname \"eth0\" masquerade; }",
            "}",
            "table bridge br {",
            "  chain brfwd { type filter hook forward priority 0; policy accept; ether type arp accept; }",
            "}",
            "");

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void aNamespaceWithAFilterANatAndABridgeTable() throws Exception {
        for (String feature : new String[] {"netfilter", "nat", "ebtables"}) {
            String features = console("cmgrd:show sync-features");
            assertTrue(features, features.contains(String.format("%-20s enabled\n", feature)));
        }
        ns = new TestNamespace();
        nftFile(RULESET);
        followVrfs(VRF + ":" + ns.name);
        awaitKernelRuleset("the initial ruleset");
    }

    @Test
    public void a_aRulesetReplacedInOneTransactionArrivesWholeAndIsCountedPerMessageType() throws Exception {
        nftFile("flush ruleset\n" + RULESET.replace("10.0.0.2", "10.0.0.3").replace("priority 10", "priority 20")
                + "table ip6 extra {\n  chain out { type filter hook output priority 0; policy accept; }\n}\n");
        awaitKernelRuleset("the ruleset replaced in one nft -f");

        String netlink = console("cmgrd:show netlink");
        int at = netlink.indexOf("netlink-netfilter-nftables-listen-" + VRF);
        assertTrue(netlink, at >= 0);
        String channel = netlink.substring(at, netlink.indexOf("\n\n", at) < 0 ? netlink.length()
                : netlink.indexOf("\n\n", at));
        for (String type : new String[] {"NFT_MSG_NEWGEN", "NFT_MSG_NEWTABLE", "NFT_MSG_DELTABLE", "NFT_MSG_NEWCHAIN",
            "NFT_MSG_NEWRULE", "NFT_MSG_NEWSET", "NFT_MSG_NEWSETELEM"}) {
            assertTrue(type + " counted: " + channel, channel.contains("    " + type));
        }
    }

    @Test
    public void b_aFlushedChainAndAFlushedRulesetAreFollowed() throws Exception {
        nft("flush", "chain", "inet", "fw", "input");
        awaitKernelRuleset("a chain flushed");
        nft("flush", "ruleset");
        JsonNode vrf = awaitKernelRuleset("the ruleset flushed");
        assertEquals(0, vrf.path("netfilter").size());
    }

    @Test
    public void c_aRuleInsertedInTheMiddleOfAChainKeepsItsPlace() throws Exception {
        long second = handles("inet", "fw", "input").get(1);
        nft("insert", "rule", "inet", "fw", "input", "position", Long.toString(second), "tcp", "dport", "8080",
                "accept");
        nft("add", "rule", "inet", "fw", "input", "position", Long.toString(second), "udp", "dport", "53", "accept");
        awaitKernelRuleset("rules inserted before and after the second rule");
        List<Long> handles = handles("inet", "fw", "input");
        assertEquals("five rules: " + handles, 5, handles.size());

        nftFile("insert rule inet fw input tcp dport 1 accept\ninsert rule inet fw input tcp dport 2 accept\n"
                + "add rule inet fw input position " + second + " tcp dport 3 accept\n");
        awaitKernelRuleset("three rules placed in one transaction");
        nft("replace", "rule", "inet", "fw", "input", "handle", Long.toString(second), "tcp", "dport", "4", "drop");
        awaitKernelRuleset("a rule replaced");
    }

    @Test
    public void d_aSetUpdatedWithoutARuleChangeIsFollowed() throws Exception {
        nft("add", "element", "inet", "fw", "allowed", "{", "10.0.0.9", "}");
        awaitKernelRuleset("an element added");
        nft("delete", "element", "inet", "fw", "allowed", "{", "10.0.0.1", "}");
        nft("add", "element", "inet", "fw", "ports", "{", "8443", "}");
        awaitKernelRuleset("an element deleted, another added to a second set");
    }

    @Test
    public void e_iptablesNftAndEbtablesNftRulesAreSynced() throws Exception {
        exec("iptables-nft", "-A", "INPUT", "-s", "198.51.100.0/24", "-p", "tcp", "--dport", "22", "-j", "ACCEPT");
        exec("iptables-nft", "-I", "INPUT", "1", "-i", "lo", "-j", "ACCEPT");
        exec("iptables-nft", "-t", "nat", "-A", "POSTROUTING", "-o", "eth1", "-j", "MASQUERADE");
        exec("ip6tables-nft", "-A", "FORWARD", "-j", "DROP");
        exec("ebtables-nft", "-A", "FORWARD", "-p", "IPv4", "-j", "ACCEPT");
        JsonNode vrf = awaitKernelRuleset("iptables-nft, ip6tables-nft and ebtables-nft rules");
        assertTrue(vrf.toString(), vrf.path("netfilter").toString().contains("\"table\":\"nat\""));

        exec("iptables-nft", "-D", "INPUT", "1");
        exec("iptables-nft", "-F");
        awaitKernelRuleset("an iptables-nft rule deleted, then the chains flushed");
    }

    @Test
    public void f_eachFeatureDisabledWithdrawsExactlyItsTablesAndEnabledRestoresThem() throws Exception {
        toggle("nat", NetfilterFeatureIT::holdsNatChain);
        toggle("ebtables", t -> "bridge".equals(t.path("family").asText()));
        // netfilter takes nat with it (its parent)
        disableAndExpectOnlyItsObjectsGone("netfilter", VRF,
                vrf -> strip(vrf, t -> !"bridge".equals(t.path("family").asText())), "netfilter");
        assertTrue(console("cmgrd:show sync-features"), console("cmgrd:show sync-features")
                .contains(String.format("%-20s disabled", "nat")));
        console("cmgrd:sync enable netfilter");
        console("cmgrd:sync enable nat");
        console("cmgrd:sync enable conntrack");
        awaitKernelRuleset("netfilter and nat enabled again");
    }

    private void toggle(String feature, Predicate<JsonNode> itsTable) throws Exception {
        disableAndExpectOnlyItsObjectsGone(feature, VRF, vrf -> strip(vrf, itsTable), "netfilter");
        // a change while disabled: not in the FPM, then there once enabled
        nftFile("table ip nat4 {\n  chain pre { type nat hook prerouting priority -100; policy accept; }\n}\n"
                + "table bridge br {\n  chain in { type filter hook input priority 0; policy accept; }\n}\n");
        String out = console("cmgrd:sync enable " + feature);
        assertTrue(out, out.contains(feature) && out.contains("-> enabled"));
        awaitKernelRuleset(feature + " enabled again");
        nftFile("delete chain ip nat4 pre\ndelete chain bridge br in\n");
        awaitKernelRuleset(feature + ": the changes made while disabled undone");
    }

    private static void strip(ObjectNode vrf, Predicate<JsonNode> itsTable) {
        ArrayNode kept = vrf.arrayNode();
        for (JsonNode t : vrf.path("netfilter")) {
            if (!itsTable.test(t)) {
                kept.add(t);
            }
        }
        if (kept.isEmpty()) {
            vrf.remove("netfilter");
        } else {
            vrf.set("netfilter", kept);
        }
    }

    private static boolean holdsNatChain(JsonNode table) {
        for (JsonNode o : table.path("nftables")) {
            if ("nat".equals(o.path("chain").path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    @Test
    public void g_seededRandomChangesEndEqualToTheKernel() throws Exception {
        long seed = Long.getLong("it.seed", 18L);
        Random random = new Random(seed);
        List<String> sets = List.of("allowed");
        for (int step = 1; step <= 60; step++) {
            String change;
            List<Long> handles = handles("inet", "fw", "input");
            switch (random.nextInt(6)) {
                case 0 -> change = "add rule inet fw input tcp dport " + (1000 + random.nextInt(1000)) + " accept";
                case 1 -> change = handles.isEmpty() ? "add rule inet fw input accept"
                        : "insert rule inet fw input position " + handles.get(random.nextInt(handles.size()))
                        + " udp dport " + random.nextInt(65535) + " drop";
                case 2 -> change = handles.isEmpty() ? "flush chain inet fw common"
                        : "delete rule inet fw input handle " + handles.get(random.nextInt(handles.size()));
                case 3 -> change = "add element inet fw " + sets.get(0) + " { 10.1." + random.nextInt(255) + "."
                        + random.nextInt(255) + " }";
                case 4 -> change = "add chain inet fw c" + random.nextInt(5) + "\nadd rule inet fw c"
                        + random.nextInt(5) + " counter";
                default -> change = "flush set inet fw " + sets.get(0);
            }
            try {
                nftFile(change + "\n");
            } catch (AssertionError refused) {
                continue; // a rule in a chain not created yet: nothing changed
            }
            if (step % 15 == 0) {
                awaitKernelRuleset("seed " + seed + ", step " + step);
            }
        }
        awaitKernelRuleset("seed " + seed + ", the end");
    }

    // ---- the kernel side

    private String nft(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("nft"));
        cmd.addAll(List.of(args));
        return exec(cmd.toArray(new String[0]));
    }

    /** {@code nft -f -}: one transaction. */
    private void nftFile(String text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name, "nft", "-f", "-").redirectErrorStream(true)
                .start();
        try (var in = p.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("nft -f refused:\n" + text + "\n" + out);
        }
    }

    private List<Long> handles(String family, String table, String chain) throws Exception {
        java.util.TreeMap<Integer, Long> handles = new java.util.TreeMap<>();
        for (String line : kernelRuleset()) {
            JsonNode rule = line.startsWith("rule ") ? JSON.readTree(line.substring(5)) : null;
            if (rule != null && rule.path("family").asText().equals(family) && rule.path("table").asText().equals(table)
                    && rule.path("chain").asText().equals(chain)) {
                handles.put(rule.path("index").asInt(), rule.path("handle").asLong());
            }
        }
        return new ArrayList<>(handles.values());
    }

    private List<String> kernelRuleset() throws Exception {
        return NetfilterComparison.kernelNft(ns);
    }

    private static List<String> fpmRuleset(JsonNode vrf) {
        return NetfilterComparison.fpmNft(vrf);
    }

    private JsonNode awaitKernelRuleset(String what) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<String> kernel = kernelRuleset();
            JsonNode vrf = vrf(fpmDump(), VRF);
            List<String> fpm = fpmRuleset(vrf);
            if (kernel.equals(fpm) && kernel.equals(kernelRuleset())) {
                return vrf;
            }
            if (System.nanoTime() > deadline) {
                assertEquals(what + ": the FPM's netfilter tables are nft -j list ruleset's",
                        String.join("\n", kernel), String.join("\n", fpm));
            }
            Thread.sleep(100);
        }
    }
}
