package org.linuxfpsync.fpc.doc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.ErrorAttr;
import org.linuxfpsync.fpc.codec.FpInterfaceSubtype;
import org.linuxfpsync.fpc.codec.FpInterfaceType;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.ObjectFamily;
import org.linuxfpsync.fpc.codec.TlvList;
import org.linuxfpsync.fpc.codec.TlvSpec;

/**
 * docs/fpc-protocol.md is a contract: its example frames are what the encoder writes, byte for
 * byte, and its code tables are the constants. Run with {@code -Dfpc.doc.update=true} to rewrite
 * the example blocks after a deliberate change.
 */
class ProtocolDocumentTest {
    static final Path DOC = Path.of("../../docs/fpc-protocol.md");
    private static final Path CODEC_SOURCES = Path.of("src/main/java/org/linuxfpsync/fpc/codec");
    private static final String CODEC = "org.linuxfpsync.fpc.codec.";
    private static final Pattern FRAME = Pattern.compile("<!-- frame: (\\S+) -->\\n```text\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CHECK = Pattern.compile("<!-- table: (\\S+) -->\\n((?:\\|.*\\n)+)");

    @Test
    void everyExampleFrameIsWhatTheEncoderWrites() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Map<String, byte[]> examples = ProtocolExamples.all();
        Map<String, String> expected = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : examples.entrySet()) {
            expected.put(e.getKey(), FrameAnnotator.annotate(e.getValue()));
        }
        String region = FamilySections.markdown(examples);
        if (Boolean.getBoolean("fpc.doc.update")) {
            int begin = doc.indexOf(FamilySections.BEGIN);
            int end = doc.indexOf(FamilySections.END);
            doc = begin >= 0 && end > begin
                    ? doc.substring(0, begin) + region + doc.substring(end + FamilySections.END.length())
                    : doc.replace("## 6. Replay", region + "\n## 6. Replay");
            Matcher m = FRAME.matcher(doc);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String block = expected.getOrDefault(m.group(1), m.group(2));
                m.appendReplacement(out, Matcher.quoteReplacement(
                        "<!-- frame: " + m.group(1) + " -->\n```text\n" + block + "```"));
            }
            m.appendTail(out);
            Files.writeString(DOC, out.toString(), StandardCharsets.UTF_8);
            doc = out.toString();
        }
        int begin = doc.indexOf(FamilySections.BEGIN);
        int end = doc.indexOf(FamilySections.END);
        assertThat(begin).as("the generated family sections are in the document").isPositive();
        for (ObjectFamily f : FpcSchema.families()) {
            if (f.code() != InterfaceAttr.FAMILY_INTERFACES) {
                assertThat(doc.substring(begin, end)).as("docs/fpc-protocol.md has the section of family %s "
                        + "(regenerate it: mvn -pl bundles/fpc verify -Dfpc.doc.update=true)", f.name())
                        .contains(FamilySections.heading(f));
            }
        }
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = FRAME.matcher(doc);
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, block) -> assertThat(documented.get(name)).as("example " + name).isEqualTo(block));
        assertThat(doc.substring(begin, end + FamilySections.END.length())).isEqualTo(region);
    }

    @Test
    void everyConstantNamesATlvOfTheSchemaAndViceVersa() throws Exception {
        Map<String, TlvList> lists = new LinkedHashMap<>();
        for (MessageSpec m : FpcSchema.messages()) {
            lists.put(m.tlvs().javaName(), m.tlvs());
            for (TlvSpec t : m.tlvs().tlvs()) {
                if (t.nested() != null) {
                    lists.put(t.nested().javaName(), t.nested());
                }
            }
        }
        for (TlvList list : lists.values()) {
            Class<?> attrs = Class.forName(CODEC + list.javaName());
            List<List<String>> schema = new ArrayList<>();
            for (TlvSpec t : list.tlvs()) {
                schema.add(List.of(Integer.toString(t.type()), t.name()));
            }
            ObjectFamily home = familyDeclaredIn(attrs);
            List<List<String>> constants = constants(attrs, Integer::toString).stream()
                    .filter(c -> home == null || !isFamilyConstant(home, c.get(1)))
                    .toList();
            if (attrs == ErrorAttr.class) {
                constants = constants.subList(0, 4); // the errno values follow the TLVs
            }
            assertThat(constants).as(list.javaName()).isEqualTo(schema);
        }
    }

    @Test
    void everyMessageTypeIsAConstantOfItsFamilysClassAndNowhereElse() throws Exception {
        List<List<String>> session = new ArrayList<>();
        for (MessageSpec m : FpcSchema.messages()) {
            if (m.family() == 0) {
                session.add(List.of(String.format("0x%04x", m.type()), m.name()));
            }
        }
        assertThat(constants(FpcMessageType.class, c -> String.format("0x%04x", c))).as("FpcMessageType")
                .isEqualTo(session);
        for (ObjectFamily f : FpcSchema.families()) {
            Class<?> home = Class.forName(CODEC + f.tlvs().javaName());
            assertThat(familyDeclaredIn(home)).as(home.getSimpleName() + ".SCHEMA").isSameAs(f);
            List<List<String>> expected = new ArrayList<>();
            expected.add(List.of(String.format("0x%04x", f.code()), "FAMILY_*"));
            for (MessageSpec m : f.messages()) {
                expected.add(List.of(String.format("0x%04x", m.type()), m.name()));
            }
            List<List<String>> declared = constants(home, c -> String.format("0x%04x", c)).stream()
                    .filter(c -> isFamilyConstant(f, c.get(1)))
                    .map(c -> c.get(1).startsWith("FAMILY_") ? List.of(c.get(0), "FAMILY_*") : c)
                    .toList();
            assertThat(declared).as(home.getSimpleName() + ": its family code, then its message types")
                    .isEqualTo(expected);
        }
    }

    @Test
    void everyFamilyDeclaredInACodecClassIsRegisteredInFpcSchema() throws Exception {
        List<String> declared = new ArrayList<>();
        try (Stream<Path> files = Files.list(CODEC_SOURCES)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString().replace(".java", "");
                if (name.endsWith("Attr") && familyDeclaredIn(Class.forName(CODEC + name)) != null) {
                    declared.add(name);
                }
            }
        }
        List<String> registered = new ArrayList<>();
        for (ObjectFamily f : FpcSchema.families()) {
            registered.add(f.tlvs().javaName());
        }
        assertThat(registered).as("the classes whose SCHEMA is listed in FpcSchema.FAMILIES")
                .containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void everyCodeTableListsTheConstantsOfTheCode() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Map<String, List<List<String>>> expected = new LinkedHashMap<>();
        List<List<String>> types = new ArrayList<>();
        for (MessageSpec m : FpcSchema.messages()) {
            types.add(List.of(String.format("0x%04x", m.type()), m.name()));
        }
        expected.put("message-types", types);
        List<List<String>> families = new ArrayList<>();
        for (ObjectFamily f : FpcSchema.families()) {
            families.add(List.of(String.format("0x%02x", f.code()), f.name()));
        }
        expected.put("families", families);
        expected.put("hello-tlvs", FrameAnnotator.tlvRows(FpcMessageType.HELLO));
        expected.put("error-tlvs", FrameAnnotator.tlvRows(FpcMessageType.ERROR));
        expected.put("gr-tlvs", FrameAnnotator.tlvRows(FpcMessageType.GR_BEGIN));
        expected.put("if-tlvs", FrameAnnotator.tlvRows(InterfaceAttr.IF_CREATE));
        expected.put("errors", constants(ErrorAttr.class, Integer::toString).subList(4, 9));
        expected.put("if-types", constants(FpInterfaceType.class, Integer::toString));
        List<List<String>> subtypes = new ArrayList<>();
        for (List<String> row : constants(FpInterfaceSubtype.class, Integer::toString)) {
            String kind = FpInterfaceSubtype.kindOf(Integer.parseInt(row.get(0)));
            subtypes.add(List.of(row.get(0), row.get(1), kind == null ? "-" : kind));
        }
        expected.put("if-subtypes", subtypes);

        Map<String, List<List<String>>> documented = new LinkedHashMap<>();
        Matcher m = CHECK.matcher(doc);
        while (m.find()) {
            List<List<String>> rows = new ArrayList<>();
            String[] lines = m.group(2).split("\n");
            for (int i = 2; i < lines.length; i++) { // after the header and the separator
                String[] cells = lines[i].split("\\|");
                List<String> row = new ArrayList<>();
                for (int c = 1; c < cells.length; c++) {
                    row.add(cells[c].trim().replace("`", ""));
                }
                rows.add(row);
            }
            documented.put(m.group(1), rows);
        }
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        List<String> missing = new ArrayList<>();
        expected.forEach((name, rows) -> {
            for (List<String> row : rows) {
                if (documented.get(name).stream()
                        .noneMatch(d -> d.size() >= row.size() && d.subList(0, row.size()).equals(row))) {
                    missing.add(name + ": | " + String.join(" | ", row) + " |");
                }
            }
        });
        assertThat(missing).as("rows to add by hand to the code tables of docs/fpc-protocol.md").isEmpty();
        expected.forEach((name, rows) -> {
            List<List<String>> doc2 = documented.get(name);
            assertThat(doc2).as("table " + name + " rows").hasSameSizeAs(rows);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(doc2.get(i).subList(0, rows.get(i).size())).as("table " + name + " row " + i)
                        .isEqualTo(rows.get(i));
            }
        });
    }

    /** Public static int constants in declaration order as [code, NAME]. */
    private static List<List<String>> constants(Class<?> type, java.util.function.IntFunction<String> code)
            throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && f.getType() == int.class) {
                rows.add(Arrays.asList(code.apply(f.getInt(null)), f.getName()));
            }
        }
        return rows;
    }

    /** The family a codec class declares ({@code VxlanAttr.SCHEMA}), or null. */
    private static ObjectFamily familyDeclaredIn(Class<?> attrs) throws Exception {
        for (Field f : attrs.getDeclaredFields()) {
            if (f.getName().equals("SCHEMA") && f.getType() == ObjectFamily.class) {
                f.setAccessible(true);
                return (ObjectFamily) f.get(null);
            }
        }
        return null;
    }

    /** True for the family's code constant (FAMILY_*) and its message types, declared beside its TLVs. */
    private static boolean isFamilyConstant(ObjectFamily f, String name) {
        return name.startsWith("FAMILY_") || f.messages().stream().anyMatch(m -> m.name().equals(name));
    }
}
