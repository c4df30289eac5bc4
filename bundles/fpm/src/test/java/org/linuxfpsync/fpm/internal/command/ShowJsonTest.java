package org.linuxfpsync.fpm.internal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;
import org.linuxfpsync.fpm.FpmService;
import org.linuxfpsync.fpm.FpmStats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShowJsonTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** An FPM with a port of a bridge, its bridge, a link whose master it does not hold, a route and an SA. */
    private static final FpmService FPM = new FpmService() {
        @Override
        public String endpoint() {
            return "unix:/run/linux-fp-sync/fpc-0.sock";
        }

        @Override
        public String dumpJson() {
            return "{}\n";
        }

        @Override
        public List<FpmInterface> interfaces() {
            return List.of(
                    new FpmInterface(0x33117022L, 0, 11, "eth1", 6, 0, 0x11043, 1500,
                            new byte[] {0x52, 0x54, 0, 0x12, 0x34, 0x56}, 0x42e9f282L, null, "bridge", 6, 1),
                    new FpmInterface(0x42e9f282L, 0, 15, "br0", 6, 5, 0x1003, 1500, null, 0, "bridge", null, 2, 1),
                    new FpmInterface(0x99L, -2, 3, "orphan", 6, 0, 0, 1500, null, 0x1234, null, null, 2, 1));
        }

        @Override
        public List<FpmObject> objects(String table) {
            if (table.equals("routes")) {
                return List.of(new FpmObject("routes", 0, ordered("VRFID", 0L, "TABLE", 254L, "FAMILY", 2L,
                        "DST", ip("10.9.0.0"), "PREFIXLEN", 16L,
                        "NEXTHOP", List.of(ordered("IFUID", 0x33117022L, "WEIGHT", 1L), ordered("IFUID", 0x77L))),
                        List.of()));
            }
            if (table.equals("ipsec-sa")) {
                return List.of(new FpmObject("ipsec-sa", 0, ordered("VRFID", 0L, "SPI", 0x1001L,
                        "AUTH_KEY", new FpmBytes(new byte[20], true)), List.of()));
            }
            return List.of();
        }

        @Override
        public FpmStats stats() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean countMroutePackets(FpmObject mroute, long packets, long bytes) {
            return false; // the commands never count
        }
    };

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private ShowCommand show(String table, String... trailing) {
        ShowCommand c = new ShowCommand();
        c.fpm = FPM;
        c.printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        c.table = table;
        c.trailing = trailing.length == 0 ? null : List.of(trailing);
        return c;
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_table_after_which_json_is_typed_is_written_as_the_dump_writes_its_objects() throws Exception {
        show("routes", "--json").execute();

        JsonNode routes = json().path("routes");
        assertThat(routes).hasSize(1);
        JsonNode route = routes.get(0);
        assertThat(route.path("vrfid").asLong()).isZero();
        assertThat(route.path("table").asLong()).isEqualTo(254);
        assertThat(route.path("dst").asText()).isEqualTo("10.9.0.0");
        assertThat(route.path("prefixlen").asLong()).isEqualTo(16);
        JsonNode hops = route.path("nexthop");
        assertThat(hops.get(0).path("ifuid").asText()).isEqualTo("0x33117022");
        assertThat(hops.get(0).path("ifname").asText()).as("the name of an interface the FPM holds").isEqualTo("eth1");
        assertThat(hops.get(0).path("weight").asLong()).isEqualTo(1);
        assertThat(hops.get(1).path("ifuid").asText()).isEqualTo("0x77");
        assertThat(hops.get(1).has("ifname")).isFalse();
    }

    @Test
    void a_secret_is_written_as_its_length_only() throws Exception {
        ShowCommand c = show("ipsec-sa");
        c.setJson(true);
        c.execute();

        JsonNode sa = json().path("ipsec_sa").get(0);
        assertThat(sa.path("spi").asLong()).isEqualTo(0x1001);
        assertThat(sa.path("auth_key_len").asInt()).isEqualTo(20);
        assertThat(sa.has("auth_key")).isFalse();
    }

    @Test
    void an_empty_table_is_an_empty_array() throws Exception {
        show("fdb", "-j").execute();

        assertThat(json().path("fdb").isArray()).isTrue();
        assertThat(json().path("fdb")).isEmpty();
    }

    @Test
    void the_interfaces_have_the_columns_of_the_text_table_with_numbers_unsigned() throws Exception {
        ShowCommand c = show("interfaces");
        c.setJson(true);
        c.execute();

        JsonNode interfaces = json().path("interfaces");
        assertThat(interfaces).hasSize(3);
        JsonNode eth1 = interfaces.get(0);
        assertThat(eth1.path("vrfid").asLong()).isZero();
        assertThat(eth1.path("ifindex").asLong()).isEqualTo(11);
        assertThat(eth1.path("ifname").asText()).isEqualTo("eth1");
        assertThat(eth1.path("ifuid").asText()).isEqualTo("0x33117022");
        assertThat(eth1.path("type").asInt()).isEqualTo(6);
        assertThat(eth1.path("subtype").asInt()).isZero();
        assertThat(eth1.path("flags").asLong()).isEqualTo(0x11043);
        assertThat(eth1.path("mtu").asLong()).isEqualTo(1500);
        assertThat(eth1.path("mac").asText()).isEqualTo("52:54:00:12:34:56");
        assertThat(eth1.path("master_ifuid").asText()).isEqualTo("0x42e9f282");
        assertThat(eth1.path("master_ifname").asText()).isEqualTo("br0");
        JsonNode br0 = interfaces.get(1);
        assertThat(br0.has("mac")).as("no address, no field").isFalse();
        assertThat(br0.has("master_ifuid")).isFalse();
        JsonNode orphan = interfaces.get(2);
        assertThat(orphan.path("vrfid").asLong()).isEqualTo(4294967294L);
        assertThat(orphan.path("master_ifuid").asText()).isEqualTo("0x1234");
        assertThat(orphan.has("master_ifname")).as("a master the FPM does not hold").isFalse();
    }

    @Test
    void another_word_after_the_table_is_refused_in_one_line() {
        assertThatIllegalArgumentException().isThrownBy(show("routes", "--json", "all")::execute)
                .withMessage("fpm:show routes: unexpected 'all'");
        assertThatIllegalArgumentException().isThrownBy(show("interfaces", "x")::execute)
                .withMessage("fpm:show interfaces: unexpected 'x'");
    }

    @Test
    void without_json_the_text_table_is_printed() {
        show("routes").execute();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("vrfid | table | family");
    }
}
