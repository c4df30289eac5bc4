package org.linuxfpsync.fpm.internal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;
import org.linuxfpsync.fpm.FpmService;
import org.linuxfpsync.fpm.FpmStats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class CommandsTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** An FPM with a bridge, one port and the loopback. */
    private static final FpmService FPM = new FpmService() {
        @Override
        public String endpoint() {
            return "unix:/run/linux-fp-sync/fpc-0.sock";
        }

        @Override
        public String dumpJson() {
            return "{\"schema\":1}\n";
        }

        @Override
        public List<FpmInterface> interfaces() {
            return List.of(
                    new FpmInterface(0x754c6fa8L, 0, 1, "lo", 24, 0, 0x10049, 65536, new byte[6], 0, null, null, 0, 772),
                    new FpmInterface(0x33117022L, 0, 11, "eth1", 6, 0, 0x11043, 1500,
                            new byte[] {0x52, 0x54, 0, 0x12, 0x34, 0x56}, 0x42e9f282L, null, "bridge", 6, 1),
                    new FpmInterface(0x42e9f282L, 0, 15, "br0", 6, 5, 0x1003, 1500, null, 0, "bridge", null, 2, 1),
                    new FpmInterface(0x99L, 7, 3, "orphan", 6, 0, 0, 1500, null, 0x1234, null, null, 2, 1));
        }

        @Override
        public List<FpmObject> objects(String table) {
            if (table.equals("conntrack")) {
                return List.of(new FpmObject("conntrack", 31, ordered("VRFID", 31L,
                        "ORIG", ordered("FAMILY", 2L, "SRC", ip("10.0.0.1"), "DST", ip("10.0.0.2"), "PROTO", 17L,
                                "SPORT", 40000L, "DPORT", 53L),
                        "REPLY", ordered("FAMILY", 2L, "SRC", ip("10.0.0.2"), "DST", ip("10.0.0.1"), "PROTO", 17L,
                                "SPORT", 53L, "DPORT", 40000L),
                        "STATUS", 0xaL, "ID", 7L, "TIMEOUT", 29L), List.of()));
            }
            if (!table.equals("routes")) {
                return List.of();
            }
            return List.of(new FpmObject("routes", 0, ordered("VRFID", 0L, "TABLE", 254L, "FAMILY", 2L,
                    "DST", ip("10.9.0.0"), "PREFIXLEN", 16L,
                    "NEXTHOP", List.of(ordered("IFUID", 0x33117022L, "WEIGHT", 1L), ordered("IFUID", 0x77L))),
                    List.of()));
        }

        @Override
        public FpmStats stats() {
            return new FpmStats(Map.of("IF_CREATE", 3L, "HELLO", 1L), Map.of("ENOENT", 2L), 1, 2, 1, 1764000000000L,
                    1, 4, 0, 0, 0, Map.of("interfaces", 4, "routes", 0));
        }

        @Override
        public boolean countMroutePackets(FpmObject mroute, long packets, long bytes) {
            return false; // the commands never count
        }
    };

    /** A map in the order given, as the FPM's objects keep their TLV order. */
    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static java.net.InetAddress ip(String literal) {
        try {
            return java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void showInterfacesPrintsOneRowPerInterfaceWithTheMastersName() {
        ShowCommand c = new ShowCommand();
        c.fpm = FPM;
        c.printTo(out);
        c.table = "interfaces";
        c.execute();
        List<String> lines = text().lines().toList();
        assertThat(lines.get(0)).contains("vrfid", "ifindex", "name", "ifuid", "type", "subtype", "flags", "mtu",
                "mac", "master");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(2)).contains("lo", "0x754c6fa8", "24", "0x10049", "65536", "00:00:00:00:00:00");
        assertThat(lines.get(3)).contains("eth1", "0x33117022", "0x11043", "52:54:00:12:34:56").endsWith("br0");
        assertThat(lines.get(4)).contains("br0", "0x1003", " - ");
        assertThat(lines.get(5)).as("a master the FPM does not hold shows as its ifuid").endsWith("0x1234");
    }

    @Test
    void showConntrackWritesTheFlowsAsConntrackListDoes() {
        ShowCommand c = new ShowCommand();
        c.fpm = FPM;
        c.printTo(out);
        c.table = "conntrack";
        c.execute();
        assertThat(text().lines().toList()).containsExactly("vrf 31:", "ipv4     2 udp      17 29 src=10.0.0.1 "
                + "dst=10.0.0.2 sport=40000 dport=53 src=10.0.0.2 dst=10.0.0.1 sport=53 dport=40000 mark=0 id=7",
                "1 flow entries");
    }

    @Test
    void showRefusesAnUnknownTableWithOneLine() {
        ShowCommand c = new ShowCommand();
        c.fpm = FPM;
        c.table = "route";
        List<String> tables = new java.util.ArrayList<>();
        for (org.linuxfpsync.fpc.codec.ObjectFamily f : org.linuxfpsync.fpc.codec.FpcSchema.families()) {
            tables.add(f.name());
        }
        assertThat(tables).startsWith("interfaces", "addresses", "routes", "neighbours", "rules");
        assertThatThrownBy(c::execute).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fpm:show: unknown table 'route' (expected one of " + String.join(", ", tables) + ")");
    }

    @Test
    void showCompletesAndAcceptsEveryTableOfTheProtocol() {
        List<String> schema = new java.util.ArrayList<>();
        for (org.linuxfpsync.fpc.codec.ObjectFamily f : org.linuxfpsync.fpc.codec.FpcSchema.families()) {
            schema.add(f.name());
        }
        assertThat(TableNameCompleter.TABLES).containsExactlyElementsOf(schema);
        List<String> candidates = new java.util.ArrayList<>();
        new TableNameCompleter().complete(null, commandLine("fpm:show "), candidates);
        assertThat(candidates).extracting(String::strip).containsExactlyInAnyOrderElementsOf(schema);
        for (String table : schema) {
            ShowCommand c = new ShowCommand();
            c.fpm = FPM;
            c.printTo(out);
            c.table = table;
            c.execute();
        }
    }

    /** The console's view of {@code buffer} with the cursor at its end, on a new argument after a space. */
    private static org.apache.karaf.shell.api.console.CommandLine commandLine(String buffer) {
        String[] words = buffer.strip().split(" ");
        String[] args = buffer.endsWith(" ") ? java.util.Arrays.copyOf(words, words.length + 1) : words;
        if (buffer.endsWith(" ")) {
            args[words.length] = "";
        }
        return new org.apache.karaf.shell.api.console.CommandLine() {
            public int getCursorArgumentIndex() {
                return args.length - 1;
            }

            public String getCursorArgument() {
                return args[args.length - 1];
            }

            public int getArgumentPosition() {
                return args[args.length - 1].length();
            }

            public String[] getArguments() {
                return args;
            }

            public int getBufferPosition() {
                return buffer.length();
            }

            public String getBuffer() {
                return buffer;
            }
        };
    }

    @Test
    void showRoutesPrintsAColumnPerTlvWithInterfaceNamesForIfuids() {
        ShowCommand c = new ShowCommand();
        c.fpm = FPM;
        c.printTo(out);
        c.table = "routes";
        c.execute();
        assertThat(text().lines()).containsExactly(
                "vrfid | table | family | dst      | prefixlen | nexthop",
                "------+-------+--------+----------+-----------+------------------------------------",
                "    0 | 254   | 2      | 10.9.0.0 | 16        | {ifuid=eth1 weight=1}, {ifuid=0x77}");
    }

    @Test
    void dumpPrintsTheServicesJsonOnlyWhenAskedForJson() {
        DumpCommand c = new DumpCommand();
        c.fpm = FPM;
        c.printTo(out);
        assertThatThrownBy(c::execute).hasMessage(
                "fpm:dump writes JSON only: use 'fpm:dump --json' (or 'fpm:show interfaces' for a table)");
        c.setJson(true);
        c.execute();
        assertThat(text()).isEqualTo("{\"schema\":1}\n");
    }

    @Test
    void statsPrintsEveryCounter() {
        StatsCommand c = new StatsCommand();
        c.fpm = FPM;
        c.printTo(out);
        c.execute();
        assertThat(text()).contains("FPM statistics (unix:/run/linux-fp-sync/fpc-0.sock)", "- epoch: 1764000000000",
                "- connections accepted: 2", "- sessions accepted: 1", "- malformed frames: 1", "- sweeps: 1",
                "- objects swept: 4", "frames received:", "errors sent:");
        assertThat(text().lines()).anyMatch(l -> l.matches("\\s+IF_CREATE\\s+3"))
                .anyMatch(l -> l.matches("\\s+ENOENT\\s+2"));
    }

    @Test
    void statsJsonUsesSnakeCaseNames() throws Exception {
        StatsCommand c = new StatsCommand();
        c.fpm = FPM;
        c.printTo(out);
        c.setJson(true);
        c.execute();
        JsonNode n = new ObjectMapper().readTree(text());
        assertThat(n.path("frames_received").path("HELLO").asLong()).isEqualTo(1);
        assertThat(n.path("errors_sent").path("ENOENT").asLong()).isEqualTo(2);
        assertThat(n.path("malformed_frames").asLong()).isEqualTo(1);
        assertThat(n.path("connections_accepted").asLong()).isEqualTo(2);
        assertThat(n.path("sessions_accepted").asLong()).isEqualTo(1);
        assertThat(n.path("epoch").asLong()).isEqualTo(1764000000000L);
        assertThat(n.path("sweeps").asLong()).isEqualTo(1);
        assertThat(n.path("objects_swept").asLong()).isEqualTo(4);
    }
}
