package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpm.FpmInterface;

/**
 * The example of docs/fpm-dump.md is what the FPM writes. Run with {@code -Dfpm.doc.update=true}
 * to rewrite it after a deliberate change.
 */
class DumpDocumentTest {
    private static final Path DOC = Path.of("../../docs/fpm-dump.md");
    private static final Pattern EXAMPLE = Pattern.compile("<!-- dump-example -->\\n```json\\n(.*?)```", Pattern.DOTALL);

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
        return FpmDump.toJson(1764000000000L, tables);
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
