package org.linuxfpsync.fpxdp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java side writes the maps' keys and values where the compiled program reads them: sizes and
 * member offsets come from the BTF of the object the build made (bpftool), not from a copy.
 */
class MapLayoutTest {
    /** struct name → size, and "struct.member" → byte offset. */
    private static final Map<String, Integer> BTF = new HashMap<>();

    @BeforeAll
    static void readTheObjectsBtf() throws Exception {
        Path object = Path.of("target/classes/org/linuxfpsync/fpxdp/internal/" + BpfObject.RESOURCE);
        Sh.Result dump = Sh.run("bpftool", "btf", "dump", "file", object.toString(), "format", "raw");
        Assumptions.assumeTrue(Files.exists(object) && dump.ok(), "needs bpftool and the built object: " + dump.out());
        Matcher struct = Pattern.compile("STRUCT '(fp_\\w+)' size=(\\d+)").matcher("");
        Matcher member = Pattern.compile("^\\s+'(\\w+)' type_id=\\d+ bits_offset=(\\d+)").matcher("");
        String current = null;
        for (String line : dump.out().split("\n")) {
            if (struct.reset(line).find()) {
                current = struct.group(1);
                BTF.put(current, Integer.parseInt(struct.group(2)));
            } else if (current != null && member.reset(line).find()) {
                BTF.put(current + "." + member.group(1), Integer.parseInt(member.group(2)) / 8);
            } else if (!line.startsWith("\t")) {
                current = null;
            }
        }
    }

    private static int at(String member) {
        assertThat(BTF).as("BTF of " + member).containsKey(member);
        return BTF.get(member);
    }

    private static ByteBuffer host(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
    }

    @Test
    void sizesAreTheCompiledStructs() {
        assertThat(MapLayout.IFACE_VALUE).isEqualTo(BTF.get("fp_iface"));
        assertThat(MapLayout.PATH).isEqualTo(BTF.get("fp_path"));
        assertThat(MapLayout.ROUTE_VALUE).isEqualTo(BTF.get("fp_route"));
        assertThat(MapLayout.LPM4_KEY).isEqualTo(BTF.get("fp_lpm4_key"));
        assertThat(MapLayout.LPM6_KEY).isEqualTo(BTF.get("fp_lpm6_key"));
        assertThat(MapLayout.NEIGH_KEY).isEqualTo(BTF.get("fp_neigh_key"));
        assertThat(MapLayout.NEIGH_VALUE).isEqualTo(BTF.get("fp_neigh"));
        assertThat(MapLayout.COUNTERS_VALUE).isEqualTo(BTF.get("fp_counters"));
    }

    @Test
    void anInterfaceIsWhereTheProgramReadsIt() {
        byte[] mac = HexFormat.ofDelimiter(":").parseHex("52:54:00:12:34:56");
        ByteBuffer v = host(MapLayout.iface(new InterfaceEntry(7, 0x01020304, 9000, 33, mac, true)));
        assertThat(v.getInt(at("fp_iface.vrfid"))).isEqualTo(0x01020304);
        assertThat(v.getInt(at("fp_iface.mtu"))).isEqualTo(9000);
        assertThat(v.getInt(at("fp_iface.slot"))).isEqualTo(33);
        assertThat(v.get(at("fp_iface.mac") + 5)).isEqualTo((byte) 0x56);
        assertThat(v.get(at("fp_iface.up"))).isEqualTo((byte) 1);
        assertThat(v.get(at("fp_iface.forward"))).isEqualTo((byte) 1);
    }

    @Test
    void aRouteAndItsPathsAreWhereTheProgramReadsThem() throws Exception {
        byte[] gw6 = InetAddress.getByName("2001:db8::1").getAddress();
        RouteEntry r = new RouteEntry(RouteEntry.FORWARD, 1400, List.of(new RouteEntry.Path(4, 3, null),
                new RouteEntry.Path(5, 256, gw6)));
        ByteBuffer v = host(MapLayout.route(r));
        assertThat(v.get(at("fp_route.action"))).isEqualTo((byte) RouteEntry.FORWARD);
        assertThat(v.get(at("fp_route.paths"))).isEqualTo((byte) 2);
        assertThat(v.getShort(at("fp_route.total_weight"))).isEqualTo((short) 259);
        assertThat(v.getInt(at("fp_route.mtu"))).isEqualTo(1400);
        int second = at("fp_route.path") + BTF.get("fp_path");
        assertThat(v.getInt(second + at("fp_path.ifindex"))).isEqualTo(5);
        assertThat(v.getShort(second + at("fp_path.weight"))).isEqualTo((short) 256);
        assertThat(v.get(second + at("fp_path.family"))).isEqualTo((byte) 10);
        assertThat(v.get(second + at("fp_path.gateway") + 15)).isEqualTo((byte) 1);
        assertThat(v.get(at("fp_route.path") + at("fp_path.family"))).as("connected: no gateway").isZero();
    }

    @Test
    void lpmKeysCountTheVrfInThePrefixAndKeepTheVrfInNetworkOrder() throws Exception {
        ByteBuffer k = host(MapLayout.lpmKey(new Prefix(0x0a0b, InetAddress.getByName("10.1.2.0").getAddress(), 24)));
        assertThat(k.getInt(at("fp_lpm4_key.prefixlen"))).isEqualTo(32 + 24);
        assertThat(k.order(ByteOrder.BIG_ENDIAN).getInt(at("fp_lpm4_key.vrfid"))).isEqualTo(0x0a0b);
        assertThat(k.get(at("fp_lpm4_key.addr") + 2)).isEqualTo((byte) 2);
        ByteBuffer k6 = host(MapLayout.lpmKey(new Prefix(1, InetAddress.getByName("2001:db8::").getAddress(), 32)));
        assertThat(k6.getInt(at("fp_lpm6_key.prefixlen"))).isEqualTo(64);
        assertThat(k6.get(at("fp_lpm6_key.addr") + 1)).isEqualTo((byte) 0x01);
    }

    @Test
    void aNeighbourKeyHasItsFamilyAndPaddingZero() throws Exception {
        ByteBuffer k = host(MapLayout.neighKey(3, InetAddress.getByName("10.1.0.2").getAddress()));
        assertThat(k.getInt(at("fp_neigh_key.ifindex"))).isEqualTo(3);
        assertThat(k.get(at("fp_neigh_key.family"))).isEqualTo((byte) 2);
        assertThat(k.get(at("fp_neigh_key.pad"))).isZero();
        assertThat(k.get(at("fp_neigh_key.addr") + 3)).isEqualTo((byte) 2);
        assertThat(k.get(at("fp_neigh_key.addr") + 4)).as("an IPv4 address zero-padded to 16 bytes").isZero();
    }
}
