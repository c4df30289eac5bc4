package org.linuxfpsync.fpc.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/fpc.h is enough for a C program to read what the Java encoder writes. Skipped without gcc. */
class CHeaderTest {
    @TempDir
    Path tmp;

    @Test
    void aCProgramUsingFpcHDecodesAJavaEncodedIfCreate() throws Exception {
        assumeTrue(onPath("gcc"), "gcc is not on PATH");
        Path source = tmp.resolve("fpc_decode.c");
        try (InputStream in = CHeaderTest.class.getResourceAsStream("fpc_decode.c")) {
            Files.copy(in, source);
        }
        Path frame = tmp.resolve("if_create.bin");
        Files.write(frame, ProtocolExamples.ifCreateEth0());
        Path exe = tmp.resolve("fpc_decode");

        Result cc = run("gcc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-D_DEFAULT_SOURCE",
                "-I", ProtocolDocumentTest.DOC.getParent().toString(), "-o", exe.toString(), source.toString());
        assertThat(cc.exit).as(cc.output).isZero();
        Result out = run(exe.toString(), frame.toString());
        assertThat(out.exit).as(out.output).isZero();
        assertThat(out.output.lines()).containsExactly(
                "version=1 flags=0 type=0x0100 length=97 seq=2",
                "ifuid=0x61a1e72", "vrfid=0", "ifindex=2", "ifname=eth0", "type=6", "subtype=0", "flags=0x11043",
                "mtu=1500", "mac=52:54:00:12:34:56", "operstate=6", "arphrd=1");
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
