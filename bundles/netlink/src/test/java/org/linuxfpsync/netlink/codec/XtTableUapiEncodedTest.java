package org.linuxfpsync.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.linuxfpsync.netlink.codec.UapiXtables.ACCEPT;
import static org.linuxfpsync.netlink.codec.UapiXtables.DROP;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.codec.UapiXtables.Extension;
import org.linuxfpsync.netlink.codec.UapiXtables.Rule;

/**
 * {@link XtTable} over getsockopt replies encoded as ip_tables.h, ip6_tables.h and ebtables.h lay
 * them out ({@link UapiXtables}): the blob it makes (replace structure, entries, counters masked),
 * and the replies it refuses. The layouts themselves are checked against the installed headers by a
 * C compiler where there is one.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class XtTableUapiEncodedTest {
    private static final int LOCAL_IN = 1;
    private static final int FORWARD = 2;
    private static final int LOCAL_OUT = 3;
    private static final int POST_ROUTING = 4;

    /** xt_tcp: source ports 0-65535, destination port 22. */
    static Extension tcpDport22() {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) 0).putShort(2, (short) 0xffff).putShort(4, (short) 22).putShort(6, (short) 22);
        return new Extension("tcp", 0, b.array());
    }

    /**
     * The filter table of {@code iptables -N from-lo; -A from-lo -p icmp -j ACCEPT;
     * -A INPUT -i lo -s 127/8 -j from-lo; -A INPUT -p tcp --dport 22 -j DROP; -P FORWARD DROP}.
     */
    static UapiXtables ipv4Filter() {
        return UapiXtables.table(Xtables.NFPROTO_IPV4, "filter")
                .base("INPUT", LOCAL_IN, ACCEPT,
                        Rule.standard(UapiXtables.ipv4(0x7f000000, 0xff000000, 0, 0, "lo", null, 0, 0, 0), List.of(),
                                0, "from-lo"),
                        Rule.standard(UapiXtables.ipv4(0, 0, 0, 0, null, null, 6, 0, 0), List.of(tcpDport22()), DROP,
                                null))
                .base("FORWARD", FORWARD, DROP)
                .base("OUTPUT", LOCAL_OUT, ACCEPT)
                .user("from-lo", Rule.standard(UapiXtables.ipv4(0, 0, 0, 0, null, null, 1, 0, 0), List.of(), ACCEPT,
                        null));
    }

    @Test
    void an_iptables_filter_table_becomes_an_ipt_replace_blob_with_its_counters_zeroed() throws Exception {
        XtTable table = XtTable.decode(Xtables.NFPROTO_IPV4, "filter", ipv4Filter().counters(7).replies());

        assertThat(table.entries()).isEqualTo(2 + 1 + 1 + 1 + 3 + 1);
        assertThat(table.validHooks()).isEqualTo(0b1110);
        ByteBuffer b = ByteBuffer.wrap(table.blob()).order(ByteOrder.nativeOrder());
        assertThat(new String(table.blob(), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("filter");
        assertThat(b.getInt(Xtables.REPLACE_VALID_HOOKS)).isEqualTo(0b1110);
        assertThat(b.getInt(Xtables.REPLACE_NUM_ENTRIES)).isEqualTo(9);
        assertThat(b.getInt(Xtables.REPLACE_SIZE_FIELD)).isEqualTo(table.blob().length - Xtables.REPLACE_SIZE);
        assertThat(b.getInt(Xtables.REPLACE_HOOK_ENTRY + 4 * LOCAL_IN)).isZero();
        int inputRules = 112 + 40 + 112 + 48 + 40;
        assertThat(b.getInt(Xtables.REPLACE_UNDERFLOW + 4 * LOCAL_IN)).isEqualTo(inputRules);
        assertThat(b.getInt(Xtables.REPLACE_HOOK_ENTRY + 4 * FORWARD)).isEqualTo(inputRules + 152);
        assertThat(b.getInt(84)).as("num_counters").isZero();
        assertThat(b.getLong(88)).as("counters").isZero();
        assertThat(b.getLong(Xtables.REPLACE_SIZE + Xtables.IPT_COUNTERS)).as("the first rule's packets").isZero();

        XtTable busier = XtTable.decode(Xtables.NFPROTO_IPV4, "filter", ipv4Filter().counters(123456).replies());
        assertThat(busier.blob()).as("only counters differ: the same blob").isEqualTo(table.blob());
        XtTable other = XtTable.decode(Xtables.NFPROTO_IPV4, "filter", UapiXtables.table(Xtables.NFPROTO_IPV4,
                "filter").base("INPUT", LOCAL_IN, ACCEPT).base("FORWARD", FORWARD, ACCEPT).base("OUTPUT", LOCAL_OUT,
                ACCEPT).replies());
        assertThat(other.blob()).isNotEqualTo(table.blob());
    }

    @Test
    void an_ip6tables_nat_table_with_an_extension_target_decodes() throws Exception {
        byte[] v6 = new byte[16];
        byte[] mask = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        mask[0] = (byte) 0xff;
        mask[1] = (byte) 0xff;
        byte[] replies = UapiXtables.table(Xtables.NFPROTO_IPV6, "nat")
                .base("OUTPUT", LOCAL_OUT, ACCEPT)
                .base("POSTROUTING", POST_ROUTING, ACCEPT, Rule.withTarget(UapiXtables.ipv6(v6, mask, null, "eth0+", 0,
                        0, 0), List.of(), new Extension("MASQUERADE", 0, new byte[40])))
                .replies();

        XtTable nat = XtTable.decode(Xtables.NFPROTO_IPV6, "nat", replies);
        assertThat(nat.family()).isEqualTo(Xtables.NFPROTO_IPV6);
        assertThat(nat.entries()).isEqualTo(4);
        assertThat(new String(nat.blob(), StandardCharsets.ISO_8859_1)).contains("MASQUERADE", "eth0");
        assertThat(nat.blob().length).isEqualTo(Xtables.REPLACE_SIZE + 168 + 40 + 168 + 72 + 168 + 40 + 168 + 64);
    }

    static UapiXtables bridgeFilter() {
        byte[] mac = {2, 0, 0, 0, 0, 1};
        byte[] ones = {-1, -1, -1, -1, -1, -1};
        return UapiXtables.table(Xtables.NFPROTO_BRIDGE, "filter")
                .base("INPUT", 1, UapiXtables.EBT_ACCEPT)
                .base("FORWARD", 2, UapiXtables.EBT_ACCEPT,
                        Rule.standard(UapiXtables.bridge(0x4, 0, 0x0800, "veth0", null, mac, ones),
                                List.of(new Extension("ip", 0, new byte[20])), 0, "blocked"),
                        new Rule(UapiXtables.bridge(0, 0, 0, null, "veth1", null, null), List.of(),
                                List.of(new Extension("log", 0, new byte[40])), null, UapiXtables.EBT_DROP, null))
                .base("OUTPUT", 3, UapiXtables.EBT_ACCEPT)
                .user("blocked", Rule.standard(UapiXtables.bridge(0, 0, 0, null, null, null, null), List.of(),
                        UapiXtables.EBT_DROP, null));
    }

    @Test
    void an_ebtables_filter_table_becomes_an_ebt_replace_blob_with_its_chains_as_offsets() throws Exception {
        XtTable filter = XtTable.decode(Xtables.NFPROTO_BRIDGE, "filter", bridgeFilter().replies());

        assertThat(filter.entries()).isEqualTo(3);
        assertThat(filter.validHooks()).isEqualTo(0b1110);
        ByteBuffer b = ByteBuffer.wrap(filter.blob()).order(ByteOrder.nativeOrder());
        assertThat(b.getLong(Xtables.EBT_REPLACE_HOOK_ENTRY)).as("no PREROUTING").isZero();
        assertThat(b.getLong(Xtables.EBT_REPLACE_HOOK_ENTRY + 8)).as("INPUT, the first chain").isZero();
        assertThat(b.getLong(Xtables.EBT_REPLACE_HOOK_ENTRY + 16)).as("FORWARD after INPUT's empty chain")
                .isEqualTo(48);
        int forward = 48 + 48 + (112 + 40 + 24 + 48) + (112 + 40 + 40 + 48);
        assertThat(b.getLong(Xtables.EBT_REPLACE_HOOK_ENTRY + 24)).isEqualTo(forward);
        assertThat(b.getLong(Xtables.EBT_REPLACE_ENTRIES)).as("no user pointer").isZero();
        assertThat(b.getInt(Xtables.EBT_REPLACE_ENTRIES_SIZE)).isEqualTo(filter.blob().length
                - Xtables.EBT_REPLACE_SIZE);
    }

    @Test
    void replies_that_are_not_as_the_kernel_writes_them_are_refused_with_the_reason() {
        byte[] good = ipv4Filter().replies();
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("size", java.util.Arrays.copyOf(good, good.length - 8));
        byte[] name = good.clone();
        name[0] = 'x';
        bad.put("another table", name);
        byte[] entries = good.clone();
        ByteBuffer.wrap(entries).order(ByteOrder.nativeOrder()).putInt(Xtables.GETINFO_NUM_ENTRIES, 8);
        bad.put("num_entries", entries);
        byte[] next = good.clone();
        ByteBuffer.wrap(next).order(ByteOrder.nativeOrder()).putShort(124 + Xtables.IPT_TARGET_OFFSET + 2, (short) 44);
        bad.put("next_offset", next);
        byte[] hook = good.clone();
        ByteBuffer.wrap(hook).order(ByteOrder.nativeOrder()).putInt(Xtables.GETINFO_HOOK_ENTRY + 4 * FORWARD, 8);
        bad.put("not an entry", hook);
        byte[] match = good.clone();
        ByteBuffer.wrap(match).order(ByteOrder.nativeOrder()).putShort(124 + 152 + 112, (short) 400);
        bad.put("match at", match);
        bad.forEach((reason, replies) -> assertThatThrownBy(() -> XtTable.decode(Xtables.NFPROTO_IPV4, "filter",
                replies)).as(reason).isInstanceOf(NetlinkFormatException.class).hasMessageContaining(reason));

        byte[] bridge = bridgeFilter().replies();
        byte[] count = bridge.clone();
        ByteBuffer.wrap(count).order(ByteOrder.nativeOrder()).putInt(Xtables.EBT_REPLACE_NENTRIES, 4);
        assertThatThrownBy(() -> XtTable.decode(Xtables.NFPROTO_BRIDGE, "filter", count))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("nentries says 4");
        byte[] hooks = bridge.clone();
        ByteBuffer.wrap(hooks).order(ByteOrder.nativeOrder()).putInt(Xtables.EBT_REPLACE_VALID_HOOKS, 0x3e);
        assertThatThrownBy(() -> XtTable.decode(Xtables.NFPROTO_BRIDGE, "filter", hooks))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("base chains");
        byte[] target = bridge.clone();
        ByteBuffer.wrap(target).order(ByteOrder.nativeOrder()).putInt(Xtables.EBT_REPLACE_SIZE + 96
                + Xtables.EBT_TARGET_OFFSET, 4000);
        assertThatThrownBy(() -> XtTable.decode(Xtables.NFPROTO_BRIDGE, "filter", target))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("target_offset 4000");
        assertThatThrownBy(() -> XtTable.decode(3, "filter", good)).isInstanceOf(NetlinkFormatException.class);
    }

    @Test
    void the_layouts_are_those_of_the_installed_uapi_headers() throws Exception {
        Path gcc = Path.of("/usr/bin/gcc");
        assumeTrue(Files.isExecutable(gcc)
                && Files.isRegularFile(Path.of("/usr/include/linux/netfilter_bridge/ebtables.h")),
                "no C compiler or uapi headers: the layouts are not checked here");
        Path dir = Files.createTempDirectory("xtlayout");
        try {
            Map<String, Integer> expected = new LinkedHashMap<>();
            expected.put("sizeof(struct ipt_getinfo)", Xtables.GETINFO_SIZE);
            expected.put("offsetof(struct ipt_getinfo, hook_entry)", Xtables.GETINFO_HOOK_ENTRY);
            expected.put("offsetof(struct ipt_getinfo, underflow)", Xtables.GETINFO_UNDERFLOW);
            expected.put("offsetof(struct ipt_getinfo, num_entries)", Xtables.GETINFO_NUM_ENTRIES);
            expected.put("offsetof(struct ipt_getinfo, size)", Xtables.GETINFO_SIZE_FIELD);
            expected.put("sizeof(struct ip6t_getinfo)", Xtables.GETINFO_SIZE);
            expected.put("sizeof(struct ipt_get_entries)", Xtables.GET_ENTRIES_HEADER);
            expected.put("sizeof(struct ip6t_get_entries)", Xtables.GET_ENTRIES_HEADER);
            expected.put("sizeof(struct ipt_replace)", Xtables.REPLACE_SIZE);
            expected.put("offsetof(struct ipt_replace, hook_entry)", Xtables.REPLACE_HOOK_ENTRY);
            expected.put("offsetof(struct ipt_replace, underflow)", Xtables.REPLACE_UNDERFLOW);
            expected.put("sizeof(struct ip6t_replace)", Xtables.REPLACE_SIZE);
            expected.put("sizeof(struct ipt_entry)", Xtables.IPT_ENTRY_SIZE);
            expected.put("offsetof(struct ipt_entry, target_offset)", Xtables.IPT_TARGET_OFFSET);
            expected.put("offsetof(struct ipt_entry, counters)", Xtables.IPT_COUNTERS);
            expected.put("sizeof(struct ip6t_entry)", Xtables.IP6T_ENTRY_SIZE);
            expected.put("offsetof(struct ip6t_entry, target_offset)", Xtables.IP6T_TARGET_OFFSET);
            expected.put("offsetof(struct ip6t_entry, counters)", Xtables.IP6T_COUNTERS);
            expected.put("sizeof(struct xt_entry_match)", Xtables.XT_EXTENSION_HEADER);
            expected.put("sizeof(struct xt_entry_target)", Xtables.XT_EXTENSION_HEADER);
            expected.put("sizeof(struct ebt_replace)", Xtables.EBT_REPLACE_SIZE);
            expected.put("offsetof(struct ebt_replace, hook_entry)", Xtables.EBT_REPLACE_HOOK_ENTRY);
            expected.put("offsetof(struct ebt_replace, num_counters)", Xtables.EBT_REPLACE_NUM_COUNTERS);
            expected.put("offsetof(struct ebt_replace, counters)", Xtables.EBT_REPLACE_COUNTERS);
            expected.put("offsetof(struct ebt_replace, entries)", Xtables.EBT_REPLACE_ENTRIES);
            expected.put("sizeof(struct ebt_entries)", Xtables.EBT_CHAIN_SIZE);
            expected.put("offsetof(struct ebt_entries, policy)", Xtables.EBT_CHAIN_POLICY);
            expected.put("offsetof(struct ebt_entries, nentries)", Xtables.EBT_CHAIN_NENTRIES);
            expected.put("sizeof(struct ebt_entry)", Xtables.EBT_ENTRY_SIZE);
            expected.put("offsetof(struct ebt_entry, watchers_offset)", Xtables.EBT_WATCHERS_OFFSET);
            expected.put("offsetof(struct ebt_entry, target_offset)", Xtables.EBT_TARGET_OFFSET);
            expected.put("offsetof(struct ebt_entry, next_offset)", Xtables.EBT_NEXT_OFFSET);
            expected.put("sizeof(struct ebt_entry_match)", Xtables.EBT_EXTENSION_HEADER);
            expected.put("offsetof(struct ebt_entry_match, match_size)", Xtables.EBT_EXTENSION_SIZE);
            expected.put("IPT_SO_GET_INFO", Xtables.IPT_SO_GET_INFO);
            expected.put("IPT_SO_GET_ENTRIES", Xtables.IPT_SO_GET_ENTRIES);
            expected.put("IP6T_SO_GET_INFO", Xtables.IP6T_SO_GET_INFO);
            expected.put("IP6T_SO_GET_ENTRIES", Xtables.IP6T_SO_GET_ENTRIES);
            expected.put("EBT_SO_GET_INFO", Xtables.EBT_SO_GET_INFO);
            expected.put("EBT_SO_GET_ENTRIES", Xtables.EBT_SO_GET_ENTRIES);
            expected.put("NF_BR_NUMHOOKS", Xtables.NF_BR_NUMHOOKS);
            expected.put("NF_INET_NUMHOOKS", Xtables.NF_INET_NUMHOOKS);
            expected.put("EBT_ENTRY_OR_ENTRIES", Xtables.EBT_ENTRY_OR_ENTRIES);
            StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <net/if.h>\n"
                    + "#include <netinet/in.h>\n#include <linux/netfilter_ipv4/ip_tables.h>\n"
                    + "#include <linux/netfilter_ipv6/ip6_tables.h>\n#include <linux/netfilter_bridge/ebtables.h>\n"
                    + "int main(void) {\n");
            expected.keySet().forEach(e -> c.append("  printf(\"%zu\\n\", (size_t) (").append(e).append("));\n"));
            c.append("  return 0;\n}\n");
            Files.writeString(dir.resolve("layout.c"), c);
            Process cc = new ProcessBuilder(gcc.toString(), "-o", dir.resolve("layout").toString(),
                    dir.resolve("layout.c").toString()).redirectErrorStream(true).start();
            String ccOutput = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0).as(ccOutput).isTrue();
            Process run = new ProcessBuilder(dir.resolve("layout").toString()).start();
            List<String> values = List.of(new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .split("\n"));
            run.waitFor(10, TimeUnit.SECONDS);
            Map<String, Integer> actual = new LinkedHashMap<>();
            int i = 0;
            for (String e : expected.keySet()) {
                actual.put(e, Integer.parseInt(values.get(i++).trim()));
            }
            assertThat(actual).isEqualTo(expected);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            } catch (IOException ignored) {
                // best effort
            }
            Files.deleteIfExists(dir);
        }
    }
}
