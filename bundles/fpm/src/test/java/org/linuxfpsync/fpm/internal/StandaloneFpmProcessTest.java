package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.linuxfpsync.fpc.internal.FpcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The FPM as its own JVM on a TCP endpoint: a client syncs interfaces into it and reads them back through its control. */
@Timeout(120)
class StandaloneFpmProcessTest {
    private final FpcClient client = new FpcClient();
    private final ObjectMapper json = new ObjectMapper();
    private Process process;
    private BufferedReader out;
    private Writer in;
    private boolean clientActive;

    @AfterEach
    void stop() {
        if (clientActive) {
            client.deactivate();
        }
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private void startFpm(String... args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, StandaloneFpm.class.getName()));
        cmd.addAll(List.of(args));
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    private String command(String line) throws Exception {
        in.write(line + "\n");
        in.flush();
        return out.readLine();
    }

    @Test
    void aClientSyncsInterfacesIntoAnFpmProcessThatDumpsThemOnRequest() throws Exception {
        startFpm("tcp:127.0.0.1:0", "features=0x3ff");
        String listening = out.readLine();
        assertThat(listening).startsWith("FPM listening on tcp:127.0.0.1:");
        String endpoint = listening.substring("FPM listening on ".length());
        assertThat(endpoint).doesNotEndWith(":0");

        client.activate(Map.of("endpoint", endpoint));
        clientActive = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (client.peer() == null) {
            assertThat(System.nanoTime()).as("session with the FPM process").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(client.peer().features()).isEqualTo(0x3ff);
        Frames frames = new Frames();
        for (byte[] f : List.of(frames.ifCreate(0x754c6fa8L, 0, 1, "lo"), frames.ifCreate(0x61a1e72L, 0, 2, "eth0"),
                frames.ifCreate(0x33117022L, 0, 3, "eth1"))) {
            assertThat(client.send(ByteBuffer.wrap(f))).isTrue();
        }

        JsonNode dump = json.readTree(command("dump"));
        while (dump.path("vrfs").path(0).path("links").size() < 3) {
            assertThat(System.nanoTime()).as("three interfaces in the dump").isLessThan(deadline);
            Thread.sleep(10);
            dump = json.readTree(command("dump"));
        }
        List<String> names = new ArrayList<>();
        dump.path("vrfs").get(0).path("links").forEach(l -> names.add(l.path("ifname").asText()));
        assertThat(names).containsExactly("lo", "eth0", "eth1");
        JsonNode stats = json.readTree(command("stats"));
        assertThat(stats.path("sessions_accepted").asLong()).isEqualTo(1);
        assertThat(stats.path("tables").path("interfaces").asInt()).isEqualTo(3);
        assertThat(command("flush everything")).isEqualTo("unknown command 'flush everything': dump, stats, quit");

        // Process.destroy() would close our end of its stdout: signal it as an operator does.
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor()).isZero();
        String last = out.readLine();
        assertThat(last).startsWith("FPM stopped: ");
        assertThat(json.readTree(last.substring("FPM stopped: ".length())).path("frames_received")
                .path("IF_CREATE").asLong()).isEqualTo(3);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBadSettingIsRefusedInOneLineWithExitCode1() throws Exception {
        startFpm("tcp:127.0.0.1:0", "maxPendingConnections=0");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(out.readLine()).isNull();
    }
}
