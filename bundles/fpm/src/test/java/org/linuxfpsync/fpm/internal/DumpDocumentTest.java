package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.AddressAttr;
import org.linuxfpsync.fpc.codec.BridgePortAttr;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcHello;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.NeighbourAttr;
import org.linuxfpsync.fpc.codec.NexthopAttr;
import org.linuxfpsync.fpc.codec.ObjectFamily;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpc.codec.RuleAttr;
import org.linuxfpsync.fpm.FpmInterface;

/**
 * The example of docs/fpm-dump.md is what the FPM writes. Run with {@code -Dfpm.doc.update=true}
 * to rewrite it after a deliberate change.
 */
class DumpDocumentTest {
    private static final Path DOC = Path.of("../../docs/fpm-dump.md");
    private static final Pattern EXAMPLE = Pattern.compile("<!-- dump-example -->\\n```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theDocumentNamesTheDumpSectionOfEveryTableOfTheSchema() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String row = doc.lines().filter(l -> l.startsWith("| `vrfs[].<table>` |")).findFirst().orElse("");
        for (ObjectFamily f : FpcSchema.families()) {
            if (f.code() == InterfaceAttr.FAMILY_INTERFACES
                    || f.code() == AddressAttr.FAMILY_ADDRESSES) {
                continue; // the links and their addr_info have sections of their own
            }
            String name = Iproute2LinkInfo.TABLES.contains(f.name()) ? f.name() : ObjectJson.fieldName(f.name());
            if (Iproute2LinkInfo.TABLES.contains(f.name())) {
                assertThat(row).as("docs/fpm-dump.md, row vrfs[].<table>, names table `%s` among those written "
                        + "in their link", name).contains("`" + name + "`");
            } else if (!FpmDump.IPROUTE2_TABLES.contains(f.name())) {
                assertThat(row).as("docs/fpm-dump.md, row vrfs[].<table>, names the section `%s`", name)
                        .contains("`" + name + "`");
            } else {
                assertThat(doc).as("docs/fpm-dump.md describes vrfs[].%s", name).contains("`vrfs[]." + name);
            }
        }
    }

    static String exampleDump() {
        FpmTables tables = new FpmTables();
        InterfaceTable t = tables.interfaces();
        byte[] brMac = {0x42, 0x0e, (byte) 0xbe, (byte) 0xc1, (byte) 0xb0, 0x0a};
        t.put(new FpmInterface(0x754c6fa8L, 0, 1, "lo", 24, 0, 0x10049, 65536, new byte[6], 0, null, null, 0, 772));
        t.put(new FpmInterface(0x061a1e72L, 0, 2, "eth0", 6, 0, 0x11043, 1500,
                new byte[] {0x52, 0x54, 0x00, 0x12, 0x34, 0x56}, 0, null, null, 6, 1));
        t.put(new FpmInterface(0x42e9f282L, 0, 15, "br0", 6, 5, 0x1003, 1500, brMac, 0, "bridge", null, 2, 1));
        t.put(new FpmInterface(0x33117022L, 0, 11, "veth1", 6, 1, 0x1103, 1500, brMac, 0x42e9f282L, "veth",
                "bridge", 3, 1));
        t.put(new FpmInterface(0x7000000000000001L, 7, 1, "lo", 24, 0, 0x10049, 65536, new byte[6], 0, null, null,
                0, 772));
        FpmSession session = new FpmSession(tables, new FpmCounters(), 0x1ffff, () -> 1764000000000L, f -> { },
                () -> { });
        FrameWriter w = new FrameWriter();
        List<byte[]> objects = List.of(
                Frames.copy(FpcCodecs.helloFrame(new FrameWriter(), 1, FpcHello.client("cmgrd", 0, 0x1ffff))),
                Frames.copy(w.begin(AddressAttr.ADDR_ADD, 2).putU32(AddressAttr.VRFID, 0).putU64(AddressAttr.IFUID, 0x061a1e72L)
                        .putU8(AddressAttr.FAMILY, 2).putAddress(AddressAttr.LOCAL, ip("10.0.2.15"))
                        .putU8(AddressAttr.PREFIXLEN, 24).putAddress(AddressAttr.BROADCAST, ip("10.0.2.255"))
                        .putU32(AddressAttr.FLAGS, 0).putU8(AddressAttr.SCOPE, 0).putString(AddressAttr.LABEL, "eth0")
                        .putU32(AddressAttr.VALID_LFT, 86000).putU32(AddressAttr.PREFERRED_LFT, 86000).finish()),
                Frames.copy(w.begin(RouteAttr.ROUTE_ADD, 3).putU32(RouteAttr.VRFID, 0).putU32(RouteAttr.TABLE, 254)
                        .putU8(RouteAttr.FAMILY, 2).putAddress(RouteAttr.DST, ip("0.0.0.0"))
                        .putU8(RouteAttr.PREFIXLEN, 0).putU32(RouteAttr.PRIORITY, 100).putU8(RouteAttr.PROTOCOL, 16)
                        .putAddress(RouteAttr.PREFSRC, ip("10.0.2.15")).beginNested(RouteAttr.NEXTHOP)
                        .putAddress(NexthopAttr.GATEWAY, ip("10.0.2.2")).putU64(NexthopAttr.IFUID, 0x061a1e72L)
                        .endNested().finish()),
                Frames.copy(w.begin(NeighbourAttr.NEIGH_ADD, 4).putU32(NeighbourAttr.VRFID, 0)
                        .putU64(NeighbourAttr.IFUID, 0x061a1e72L).putU8(NeighbourAttr.FAMILY, 2)
                        .putAddress(NeighbourAttr.DST, ip("10.0.2.2"))
                        .putBytes(NeighbourAttr.LLADDR, new byte[] {0x52, 0x55, 0x0a, 0, 2, 2})
                        .putU16(NeighbourAttr.STATE, 0x02).finish()),
                Frames.copy(w.begin(RuleAttr.RULE_ADD, 5).putU32(RuleAttr.VRFID, 0).putU8(RuleAttr.FAMILY, 2)
                        .putU32(RuleAttr.PRIORITY, 32766).putU8(RuleAttr.ACTION, 1).putU32(RuleAttr.TABLE, 254).finish()),
                Frames.copy(w.begin(BridgePortAttr.BRPORT_ADD, 6).putU32(BridgePortAttr.VRFID, 0)
                        .putU64(BridgePortAttr.IFUID, 0x33117022L).putU64(BridgePortAttr.BRIDGE_IFUID, 0x42e9f282L)
                        .putU8(BridgePortAttr.STATE, 3).putU32(BridgePortAttr.FLAGS, 0xf).finish()));
        for (byte[] bytes : objects) {
            try {
                session.receive(bytes, 0, bytes.length);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return FpmDump.toJson(1764000000000L, tables);
    }

    private static byte[] ip(String literal) {
        try {
            return java.net.InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void theDocumentedExampleIsWhatTheFpmWrites() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Matcher m = EXAMPLE.matcher(doc);
        assertThat(m.find()).as("docs/fpm-dump.md has a dump example block").isTrue();
        String expected = exampleDump().replace(System.lineSeparator(), "\n");
        if (Boolean.getBoolean("fpm.doc.update")) {
            doc = doc.substring(0, m.start(1)) + expected + doc.substring(m.end(1));
            Files.writeString(DOC, doc, StandardCharsets.UTF_8);
            m = EXAMPLE.matcher(doc);
            assertThat(m.find()).isTrue();
        }
        assertThat(m.group(1)).isEqualTo(expected);
    }
}
