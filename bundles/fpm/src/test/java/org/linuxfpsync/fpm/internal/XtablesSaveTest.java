package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link XtablesSave} over blobs captured from a kernel with the save of the same tables by
 * iptables-legacy-save and ip6tables-legacy-save (resources {@code xtables/}, README there): the
 * lines are the kernel's, counters aside, but for the extensions written as hex (DNAT here).
 */
class XtablesSaveTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = XtablesSaveTest.class.getResourceAsStream("xtables/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** The lines of one table of a save, chain counters removed, as our dump writes them. */
    private static List<String> table(String save, String table) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : save.split("\n")) {
            if (line.equals("*" + table)) {
                in = true;
            }
            if (in) {
                lines.add(line.replaceAll(" \\[\\d+:\\d+\\]$", ""));
                if (line.equals("COMMIT")) {
                    break;
                }
            }
        }
        return lines;
    }

    @Test
    void the_tables_are_written_as_iptables_legacy_save_writes_them() throws IOException {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the blobs were captured little-endian");
        String v4 = new String(resource("iptables-legacy-save.txt"), StandardCharsets.UTF_8);
        String v6 = new String(resource("ip6tables-legacy-save.txt"), StandardCharsets.UTF_8);

        assertThat(XtablesSave.lines(2, resource("2-filter.blob"))).isEqualTo(table(v4, "filter"));
        assertThat(XtablesSave.lines(10, resource("10-filter.blob"))).isEqualTo(table(v6, "filter"));
        assertThat(XtablesSave.lines(10, resource("10-nat.blob"))).isEqualTo(table(v6, "nat"));

        List<String> nat = XtablesSave.lines(2, resource("2-nat.blob"));
        List<String> kernel = table(v4, "nat");
        assertThat(nat).hasSameSizeAs(kernel);
        for (int i = 0; i < nat.size(); i++) {
            if (kernel.get(i).contains("-j DNAT")) {
                assertThat(nat.get(i)).as("an extension without its own writer: its data in hex")
                        .startsWith(kernel.get(i).substring(0, kernel.get(i).indexOf(" --to-destination")) + " #");
            } else {
                assertThat(nat.get(i)).isEqualTo(kernel.get(i));
            }
        }
    }

    @Test
    void an_ebtables_table_is_written_as_ebtables_legacy_save_writes_it() {
        // ebt_replace, then INPUT (empty, ACCEPT), FORWARD (DROP) with one rule:
        // -p IPv4 -i veth0 -s 2:0:0:0:0:1 -j ACCEPT, laid out as ebtables.h says (the kernel here has none)
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(120 + 48 + 48 + 112 + 48).order(ByteOrder.nativeOrder());
        b.put(0, "filter".getBytes(StandardCharsets.US_ASCII)).putInt(32, 0b110).putInt(36, 1).putInt(40, 256);
        b.put(120 + 4, "INPUT".getBytes(StandardCharsets.US_ASCII)).putInt(120 + 40, -1);
        b.put(168 + 4, "FORWARD".getBytes(StandardCharsets.US_ASCII)).putInt(168 + 40, -2).putInt(168 + 44, 1);
        int rule = 216;
        b.putInt(rule, 0x01 | 0x08).put(rule + 8, (byte) 0x08).put(rule + 9, (byte) 0);
        b.put(rule + 10, "veth0".getBytes(StandardCharsets.US_ASCII));
        b.put(rule + 74, new byte[] {2, 0, 0, 0, 0, 1}).put(rule + 80, new byte[] {-1, -1, -1, -1, -1, -1});
        b.putInt(rule + 100, 112).putInt(rule + 104, 112).putInt(rule + 108, 160);
        b.put(rule + 112, "standard".getBytes(StandardCharsets.US_ASCII)).putInt(rule + 112 + 32, 8)
                .putInt(rule + 112 + 40, -1);

        assertThat(XtablesSave.lines(7, b.array())).containsExactly("*filter", ":INPUT ACCEPT", ":FORWARD DROP",
                "-A FORWARD -p IPv4 -i veth0 -s 2:0:0:0:0:1 -j ACCEPT", "COMMIT");
    }

    @Test
    void a_blob_that_is_not_a_table_is_said_so_in_one_line() {
        assertThat(XtablesSave.lines(2, new byte[10])).singleElement().asString().startsWith("# not an x_tables blob");
    }
}
