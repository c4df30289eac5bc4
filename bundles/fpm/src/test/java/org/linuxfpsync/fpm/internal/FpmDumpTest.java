package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpm.FpmInterface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class FpmDumpTest {
    private final ObjectMapper json = new ObjectMapper();

    private static FpmInterface lo(long ifuid, int vrfid) {
        return new FpmInterface(ifuid, vrfid, 1, "lo", 24, 0, 0x10049, 65536, new byte[6], 0, null, null, 0, 772);
    }

    @Test
    void linksAreGroupedPerVrfWithIproute2FieldsFirstAndOursAfter() throws Exception {
        FpmTables tables = new FpmTables();
        InterfaceTable t = tables.interfaces();
        t.put(new FpmInterface(0x42e9f282L, 0, 15, "br0", 6, 5, 0x1003, 1500,
                new byte[] {0x42, 0x0e, (byte) 0xbe, (byte) 0xc1, (byte) 0xb0, 0x0a}, 0, "bridge", null, 2, 1));
        t.put(new FpmInterface(0x8000000000000001L, 0, 11, "v0", 6, 1, 0x11043, 1500,
                new byte[] {0x42, 0x0e, (byte) 0xbe, (byte) 0xc1, (byte) 0xb0, 0x0b}, 0x42e9f282L, "veth", "bridge",
                6, 1));
        t.put(lo(0x754c6fa8L, 0));
        t.put(lo(0x11L, 3));

        JsonNode dump = json.readTree(FpmDump.toJson(1764000000000L, tables));

        assertThat(dump.path("schema").asInt()).isEqualTo(1);
        assertThat(dump.path("epoch").asLong()).isEqualTo(1764000000000L);
        assertThat(dump.path("vrfs")).extracting(v -> v.path("vrfid").asInt()).containsExactly(0, 3);
        JsonNode links = dump.path("vrfs").get(0).path("links");
        assertThat(links).extracting(l -> l.path("ifname").asText()).containsExactly("lo", "v0", "br0");

        JsonNode lo = links.get(0);
        assertThat(fieldNames(lo)).containsExactly("ifindex", "ifname", "flags", "mtu", "operstate", "link_type",
                "address", "addr_info", "ifuid", "vrfid", "fp_type", "fp_subtype");
        assertThat(lo.toString()).isEqualTo("{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\","
                + "\"LOWER_UP\"],\"mtu\":65536,\"operstate\":\"UNKNOWN\",\"link_type\":\"loopback\","
                + "\"address\":\"00:00:00:00:00:00\",\"addr_info\":[],\"ifuid\":\"0x754c6fa8\",\"vrfid\":0,\"fp_type\":24,"
                + "\"fp_subtype\":0}");

        JsonNode v0 = links.get(1);
        assertThat(v0.path("master").asText()).isEqualTo("br0");
        assertThat(v0.path("linkinfo").toString()).isEqualTo("{\"info_kind\":\"veth\",\"info_slave_kind\":\"bridge\"}");
        assertThat(v0.path("ifuid").asText()).isEqualTo("0x8000000000000001");
        assertThat(v0.path("master_ifuid").asText()).isEqualTo("0x42e9f282");

        JsonNode br0 = links.get(2);
        assertThat(br0.path("flags")).extracting(JsonNode::asText)
                .containsExactly("NO-CARRIER", "BROADCAST", "MULTICAST", "UP");
        assertThat(br0.path("operstate").asText()).isEqualTo("DOWN");
        assertThat(br0.path("linkinfo").toString()).isEqualTo("{\"info_kind\":\"bridge\"}");
        assertThat(br0.has("master")).isFalse();
    }

    @Test
    void aMasterInAnotherVrfOrUnknownIsNotNamedButItsIfuidStays() throws Exception {
        FpmTables tables = new FpmTables();
        InterfaceTable t = tables.interfaces();
        t.put(new FpmInterface(0x10, 1, 5, "br0", 6, 5, 0, 1500, null, 0, "bridge", null, 2, 1));
        t.put(new FpmInterface(0x20, 2, 6, "eth1", 6, 0, 0, 1500, null, 0x10, null, "bridge", 2, 1));
        JsonNode eth1 = json.readTree(FpmDump.toJson(1, tables)).path("vrfs").get(1).path("links").get(0);
        assertThat(eth1.has("master")).isFalse();
        assertThat(eth1.path("master_ifuid").asText()).isEqualTo("0x10");
        assertThat(eth1.has("address")).as("no MAC sent, no address").isFalse();
    }

    @Test
    void absentAttributesAreOmittedAndUnnamedOperstatesUseIpsIndexField() throws Exception {
        FpmTables tables = new FpmTables();
        InterfaceTable t = tables.interfaces();
        t.put(new FpmInterface(0x1, 0, 4, "tun0", 131, 14, 0x1091, 1500, null, 0, "tun", null,
                FpmInterface.ABSENT, FpmInterface.ABSENT));
        t.put(new FpmInterface(0x2, 0, 5, "odd", 1, 0, 0, 1500, null, 0, null, null, 9, 290));
        List<JsonNode> links = List.of(json.readTree(FpmDump.toJson(1, tables)).path("vrfs").get(0)
                .path("links").get(0), json.readTree(FpmDump.toJson(1, tables)).path("vrfs").get(0)
                .path("links").get(1));
        assertThat(links.get(0).has("operstate")).isFalse();
        assertThat(links.get(0).has("link_type")).isFalse();
        assertThat(links.get(1).path("operstate_index").asInt()).isEqualTo(9);
        assertThat(links.get(1).path("link_type").asText()).isEqualTo("[290]");
    }

    @Test
    void interfacesAwaitingTheReplayAreMarkedStale() throws Exception {
        FpmTables tables = new FpmTables();
        InterfaceTable t = tables.interfaces();
        t.put(lo(0x1, 0));
        t.beginReplay(0);
        JsonNode link = json.readTree(FpmDump.toJson(1, tables)).path("vrfs").get(0).path("links").get(0);
        assertThat(link.path("fp_stale").asBoolean()).isTrue();
        t.put(lo(0x1, 0));
        link = json.readTree(FpmDump.toJson(1, tables)).path("vrfs").get(0).path("links").get(0);
        assertThat(link.has("fp_stale")).isFalse();
    }

    @Test
    void anEmptyTableIsAnEmptyVrfList() throws Exception {
        JsonNode dump = json.readTree(FpmDump.toJson(0, new FpmTables()));
        assertThat(dump.path("vrfs").isArray()).isTrue();
        assertThat(dump.path("vrfs")).isEmpty();
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
