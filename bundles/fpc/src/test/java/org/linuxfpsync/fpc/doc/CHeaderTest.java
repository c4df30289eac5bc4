package org.linuxfpsync.fpc.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/fpc.h is enough for a C program to read what the Java encoder writes. Skipped without gcc. */
class CHeaderTest {
    @TempDir
    Path tmp;

    static final Path HEADER = Path.of("../../docs/fpc.h");

    @Test
    void aCProgramUsingFpcHDecodesAJavaEncodedIfCreate() throws Exception {
        Result out = decode(ProtocolExamples.ifCreateEth0());
        assertThat(out.output.lines()).containsExactly(
                "version=1 flags=0 type=0x0100 length=97 seq=2",
                "ifuid=0x61a1e72", "vrfid=0", "ifindex=2", "ifname=eth0", "type=6", "subtype=0", "flags=0x11043",
                "mtu=1500", "mac=52:54:00:12:34:56", "operstate=6", "arphrd=1");
    }

    @Test
    void aCProgramWalksTheNestedNextHopsOfAJavaEncodedRoute() throws Exception {
        Result out = decode(ProtocolExamples.routeAdd(new org.linuxfpsync.fpc.codec.FrameWriter()));
        assertThat(out.output.lines()).containsExactly(
                "version=1 flags=0 type=0x0300 length=137 seq=31",
                "vrfid=0", "table=254", "family=2", "dst=10.9.0.0", "prefixlen=16", "priority=20", "protocol=186",
                "nexthop: gateway=10.1.0.2 ifuid=0x61a1e72 weight=1",
                "nexthop: gateway=10.2.0.3 ifuid=0x33117023 weight=2 flags=0x4");
    }

    @Test
    void fpcHDefinesEveryMessageFamilyAndTlvOfTheSchema() throws Exception {
        String header = Files.readString(HEADER, StandardCharsets.UTF_8);
        String block = CHeaderDefines.block();
        if (Boolean.getBoolean("fpc.doc.update")) {
            int begin = header.indexOf(CHeaderDefines.BEGIN);
            int end = header.indexOf(CHeaderDefines.END);
            header = begin >= 0 && end > begin
                    ? header.substring(0, begin) + block + header.substring(end + CHeaderDefines.END.length())
                    : header.replace("/* ---- codes ----", block + "\n/* ---- codes ----");
            Files.writeString(HEADER, header, StandardCharsets.UTF_8);
        }
        Map<String, Long> present = CHeaderDefines.present(header);
        CHeaderDefines.required().forEach((name, value) ->
                assertThat(present.get(name))
                        .as("docs/fpc.h defines %s (regenerate it: -Dfpc.doc.update=true)", name).isEqualTo(value));
        int begin = header.indexOf(CHeaderDefines.BEGIN);
        assertThat(begin).as("fpc.h has the generated block").isPositive();
        assertThat(header.substring(begin, header.indexOf(CHeaderDefines.END) + CHeaderDefines.END.length()))
                .isEqualTo(block);
    }

    /** Compiles fpc_decode.c against docs/fpc.h and runs it on {@code frame}. */
    private Result decode(byte[] frameBytes) throws Exception {
        assumeTrue(onPath("gcc"), "gcc is not on PATH");
        Path source = tmp.resolve("fpc_decode.c");
        try (InputStream in = CHeaderTest.class.getResourceAsStream("fpc_decode.c")) {
            Files.copy(in, source);
        }
        Path frame = tmp.resolve("frame.bin");
        Files.write(frame, frameBytes);
        Path exe = tmp.resolve("fpc_decode");
        Result cc = run("gcc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-D_DEFAULT_SOURCE",
                "-I", HEADER.getParent().toString(), "-o", exe.toString(), source.toString());
        assertThat(cc.exit).as(cc.output).isZero();
        Result out = run(exe.toString(), frame.toString());
        assertThat(out.exit).as(out.output).isZero();
        return out;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), out);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
