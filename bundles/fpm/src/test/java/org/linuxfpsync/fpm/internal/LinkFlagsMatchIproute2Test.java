package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Differential check of the flag names against the ip(8) of this machine, on links whose
 * ifi_flags are known without reading them: a scratch network namespace with lo up (LOOPBACK,
 * UP, RUNNING, LOWER_UP), a down veth with promisc and allmulti set (its peer up), and an up
 * bridge whose only port is down (no carrier). Needs root and iproute2; skipped otherwise.
 */
class LinkFlagsMatchIproute2Test {
    private final String ns = "cmgr-test-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    private boolean created;

    @AfterEach
    void deleteNamespace() throws Exception {
        if (created) {
            run("ip", "netns", "del", ns);
        }
    }

    @Test
    void ourFlagNamesEqualThoseOfIpJsonOutput() throws Exception {
        assumeTrue(run("ip", "netns", "add", ns).exit == 0, "needs root and ip(8) to create a network namespace");
        created = true;
        assertThat(run("ip", "-n", ns, "link", "set", "lo", "up").exit).isZero();
        assumeTrue(run("ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1").exit == 0,
                "needs veth");
        assertThat(run("ip", "-n", ns, "link", "set", "v1", "promisc", "on", "allmulticast", "on").exit).isZero();
        // with its peer up, v1 has no M-DOWN: ip derives that from IFLA_LINK, which FPC does not carry
        assertThat(run("ip", "-n", ns, "link", "set", "v0", "up").exit).isZero();
        assumeTrue(run("ip", "-n", ns, "link", "add", "br0", "type", "bridge").exit == 0, "needs bridge");
        // a bridge whose only port is down has no carrier (one without ports may have it)
        assertThat(run("ip", "-n", ns, "link", "add", "v2", "type", "veth", "peer", "name", "v3").exit).isZero();
        assertThat(run("ip", "-n", ns, "link", "set", "v2", "master", "br0").exit).isZero();
        assertThat(run("ip", "-n", ns, "link", "set", "br0", "up").exit).isZero();

        Result out = run("ip", "-n", ns, "-j", "link", "show");
        assertThat(out.exit).isZero();
        JsonNode links = new ObjectMapper().readTree(out.stdout);
        assertThat(flagsOf(links, "lo")).isEqualTo(LinkFormat.flags(0x10049));
        assertThat(flagsOf(links, "v1")).isEqualTo(LinkFormat.flags(0x1302)); // BROADCAST MULTICAST ALLMULTI PROMISC
        assertThat(flagsOf(links, "br0")).isEqualTo(LinkFormat.flags(0x1003)); // UP, no carrier
    }

    private static List<String> flagsOf(JsonNode links, String name) {
        for (JsonNode l : links) {
            if (name.equals(l.path("ifname").asText())) {
                List<String> flags = new ArrayList<>();
                l.path("flags").forEach(f -> flags.add(f.asText()));
                return flags;
            }
        }
        throw new AssertionError("ip -j link shows no " + name);
    }

    private record Result(int exit, String stdout) {
    }

    private static Result run(String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        } catch (IOException e) {
            return new Result(-1, "");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getErrorStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out);
        }
        return new Result(p.exitValue(), out);
    }
}
