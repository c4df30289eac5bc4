package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.ObjectFamily;

/**
 * Every object frame docs/fpc-protocol.md shows is applied by the reference FPM, lands in its
 * family's table and dump, and its {@code _DEL} (the same TLVs under the next type) removes it:
 * the document, the encoder that wrote its examples and the FPM agree.
 */
class DocumentedFramesTest {
    private static final Path DOC = Path.of("../../docs/fpc-protocol.md");
    private static final Pattern FRAME = Pattern.compile("<!-- frame: (\\S+) -->\\n```text\\n(.*?)```", Pattern.DOTALL);
    /** The ifuids the examples name, created first as a replay would. */
    private static final long[] INTERFACES = {0x61a1e72L, 0x33117023L, 0x33117022L, 0x42e9f282L, 0x5a17c0de0010L,
        0x1e5b6a0764L, 0x2c4d11aa01L, 0x7b0d0001L, 0x63e00001L, 0x63e00002L, 0x63e00003L};

    private final FpmTables tables = new FpmTables();
    private final List<byte[]> replies = new ArrayList<>();
    private final FpmSession session = new FpmSession(tables, new FpmCounters(), 0x1ffff, () -> 1,
            f -> replies.add(Frames.copy(f)), () -> { });

    /** The document's example frames, by name, as bytes: the hex before each line's comment. */
    static Map<String, byte[]> documentedFrames() throws Exception {
        Map<String, byte[]> frames = new LinkedHashMap<>();
        Matcher m = FRAME.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        while (m.find()) {
            StringBuilder hex = new StringBuilder();
            for (String line : m.group(2).split("\n")) {
                for (String token : line.substring(0, Math.min(line.length(), 37)).trim().split(" +")) {
                    hex.append(token);
                }
            }
            frames.put(m.group(1), HexFormat.of().parseHex(hex.toString()));
        }
        return frames;
    }

    private static boolean isObjectAdd(MessageSpec spec) {
        return spec != null && spec.role() == MessageSpec.Role.ADD && spec.family() > InterfaceAttr.FAMILY_INTERFACES;
    }

    private void feed(byte[] frame) throws Exception {
        assertThat(session.receive(frame, 0, frame.length)).isTrue();
    }

    private List<String> errors() throws Exception {
        List<String> errors = new ArrayList<>();
        for (byte[] reply : replies) {
            FrameReader r = new FrameReader().wrapFrame(ByteBuffer.wrap(reply));
            if (r.type() == FpcMessageType.ERROR) {
                errors.add(FpcCodecs.parseError(r).toString());
            }
        }
        return errors;
    }

    @Test
    void everyDocumentedObjectFrameIsAppliedAndItsDeleteRemovesIt() throws Exception {
        Frames frames = new Frames();
        feed(frames.hello());
        int ifindex = 1;
        for (long ifuid : INTERFACES) {
            feed(frames.ifCreate(ifuid, 0, ifindex, "if" + ifindex++));
        }
        replies.clear();
        Map<String, byte[]> documented = documentedFrames();
        List<String> applied = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : documented.entrySet()) {
            int type = ((e.getValue()[2] & 0xff) << 8) | (e.getValue()[3] & 0xff);
            MessageSpec spec = FpcSchema.message(type);
            if (!isObjectAdd(spec)) {
                continue;
            }
            ObjectFamily family = FpcSchema.family(spec.family());
            feed(e.getValue());
            assertThat(errors()).as(e.getKey()).isEmpty();
            assertThat(tables.objects(family.name())).as(e.getKey()).hasSize(1);
            applied.add(family.name());
        }
        List<String> all = new ArrayList<>();
        for (ObjectFamily f : FpcSchema.families()) {
            if (f.code() != InterfaceAttr.FAMILY_INTERFACES) {
                all.add(f.name());
            }
        }
        assertThat(applied).as("one documented ADD per family").containsExactlyElementsOf(all);
        String dump = FpmDump.toJson(1, tables);
        for (String table : List.of("bridge_vlans", "fdb", "ipsec_sa", "ipsec_sp",
                "netfilter", "conntrack", "bpf", "mroutes")) {
            assertThat(dump).contains("\"" + table + "\" : [ {");
        }
        for (ObjectFamily f : FpcSchema.families()) {
            if (f.code() != InterfaceAttr.FAMILY_INTERFACES && !FpmDump.IPROUTE2_TABLES.contains(f.name())) {
                assertThat(dump).as("the dump's own section of " + f.name())
                        .contains("\"" + ObjectJson.fieldName(f.name()) + "\" : [ {");
            }
        }
        // The L2, GRE, tunnel and SVTI parameters of a link are written in it, as ip -d link writes them (L2DumpTest).
        for (String table : List.of("bridge_ports", "vxlan", "vlan", "macvlan", "lag", "bridges", "gre", "tunnels",
                "svti")) {
            assertThat(dump).doesNotContain("\"" + table + "\" : [");
        }
        assertThat(dump).contains("\"aead_key_len\" : 20").doesNotContain("00:11:22:33");

        for (Map.Entry<String, byte[]> e : documented.entrySet()) {
            byte[] frame = e.getValue().clone();
            int type = ((frame[2] & 0xff) << 8) | (frame[3] & 0xff);
            MessageSpec spec = FpcSchema.message(type);
            if (!isObjectAdd(spec)) {
                continue;
            }
            frame[3]++; // X_ADD + 1 = X_DEL: its key TLVs name the object, the others are ignored
            feed(frame);
            assertThat(errors()).as(e.getKey() + " deleted").isEmpty();
            assertThat(tables.objects(FpcSchema.family(spec.family()).name())).as(e.getKey() + " deleted").isEmpty();
        }
    }
}
