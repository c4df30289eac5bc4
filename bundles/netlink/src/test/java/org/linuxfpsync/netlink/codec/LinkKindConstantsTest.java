package org.linuxfpsync.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every constant of the link kinds' classes ({@link IflaVxlan}, {@link IflaVlan}...) has the value the
 * build machine's uapi headers give it: a C program that includes them prints each name's value,
 * compiled and run here (skipped without a C compiler or the headers). The uapi-encoded tests of the
 * L2 features are only as true as these. A new kind's class joins {@link #KINDS}.
 */
class LinkKindConstantsTest {
    private static final List<Class<?>> KINDS = List.of(IflaVxlan.class, IflaMacvlan.class, IflaVlan.class,
            IflaBond.class, IflaBridge.class, IflaGre.class, IflaIptun.class, IflaVti.class, IflaXfrm.class);
    private static final List<String> HEADERS = List.of("linux/if_link.h", "linux/if_bridge.h", "linux/rtnetlink.h",
            "linux/if_vlan.h", "linux/if_bonding.h", "linux/if_ether.h", "arpa/inet.h", "linux/if_tunnel.h",
            "linux/ip6_tunnel.h");
    /**
     * Defined as {@code __cpu_to_be16(...)}: the value in the attribute's bytes read in network order
     * ({@code ntohs}), as the translators read them, is compared.
     */
    private static final Set<String> NETWORK_ORDER_16 = Set.of("GRE_CSUM", "GRE_KEY", "GRE_SEQ");

    @Test
    void everyConstantIsTheHeadersValue(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("/usr/include/linux/if_link.h")), "kernel uapi headers not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/cc")), "no C compiler");
        Map<String, Integer> ours = new TreeMap<>();
        for (Class<?> kind : KINDS) {
            for (Field f : kind.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                    assertThat(ours.put(f.getName(), f.getInt(null))).as(f.getName() + " twice").isNull();
                }
            }
        }
        StringBuilder c = new StringBuilder("#include <stdio.h>\n");
        HEADERS.forEach(h -> c.append("#include <").append(h).append(">\n"));
        c.append("int main(void) {\n");
        ours.keySet().forEach(n -> c.append("    printf(\"%s %ld\\n\", \"").append(n).append("\", (long) (")
                .append(NETWORK_ORDER_16.contains(n) ? "ntohs(" + n + ")" : n).append("));\n"));
        c.append("    return 0;\n}\n");
        Path source = dir.resolve("iflink.c");
        Files.writeString(source, c.toString());
        run(dir, "/usr/bin/cc", "-o", dir.resolve("iflink").toString(), source.toString());
        Map<String, Integer> headers = new TreeMap<>();
        for (String line : run(dir, dir.resolve("iflink").toString()).split("\n")) {
            String[] nameValue = line.split(" ");
            headers.put(nameValue[0], Integer.parseInt(nameValue[1]));
        }

        assertThat(headers).isEqualTo(ours);
        // 91 before RTEXT_FILTER_BRVLAN{,_COMPRESSED} moved to Rtnetlink (RtnetlinkConstantsTest checks them)
        assertThat(ours).hasSizeGreaterThanOrEqualTo(89);
    }

    private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", new ArrayList<>(List.of(cmd))) + ": " + out).isZero();
        return out;
    }
}
