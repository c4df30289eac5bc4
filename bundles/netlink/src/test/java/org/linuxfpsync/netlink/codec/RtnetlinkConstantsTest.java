package org.linuxfpsync.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.NetlinkFamily;

/** Compares our constants and type names with the kernel uapi headers of the build machine. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RtnetlinkConstantsTest {
    private static final Path INCLUDE = Path.of("/usr/include");
    /** Defined in the headers with sizeof(), which a grep cannot evaluate. */
    private static final Set<String> NOT_EVALUABLE = Set.of("NLA_HDRLEN", "CN_MSG_LENGTH", "PROC_EVENT_HEADER_LENGTH");

    private static UapiHeaders headers;

    @BeforeAll
    static void readHeaders() throws IOException {
        assumeTrue(Files.isRegularFile(INCLUDE.resolve("linux/rtnetlink.h")), "kernel uapi headers not installed");
        List<Path> files = new ArrayList<>(Stream.of("linux/netlink.h", "linux/rtnetlink.h", "linux/if_link.h",
                "linux/if.h", "linux/if_arp.h", "linux/xfrm.h", "linux/audit.h", "linux/sock_diag.h",
                "linux/inet_diag.h", "linux/netfilter/nfnetlink.h", "linux/netfilter/nfnetlink_conntrack.h",
                "linux/netfilter/nf_tables.h", "linux/netfilter.h", "linux/if_addr.h", "linux/neighbour.h",
                "linux/fib_rules.h", "linux/nexthop.h", "linux/netconf.h", "linux/in.h", "linux/packet_diag.h", "linux/if_packet.h",
                "linux/bpf_common.h", "linux/netfilter/nf_conntrack_common.h", "linux/net_namespace.h",
                "linux/connector.h", "linux/cn_proc.h")
                .map(INCLUDE::resolve).toList());
        // AF_* live in the C library's bits/socket.h, under a multiarch directory on Debian.
        try (Stream<Path> dirs = Files.list(INCLUDE)) {
            dirs.map(dir -> dir.resolve("bits/socket.h")).filter(Files::isRegularFile).forEach(files::add);
        }
        files.add(INCLUDE.resolve("bits/socket.h"));
        headers = UapiHeaders.read(files);
    }

    @Test
    void every_constant_of_every_constants_class_has_the_value_the_headers_give_it() throws Exception {
        Map<String, String> mismatches = new TreeMap<>();
        int compared = 0;
        List<Field> fields = new ArrayList<>();
        for (Class<?> constants : List.of(Rtnetlink.class, Xfrm.class, Nfnetlink.class, Audit.class, SockDiag.class,
                CnProc.class)) {
            fields.addAll(List.of(constants.getFields()));
        }
        for (Field field : fields) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != int.class) {
                continue;
            }
            String name = field.getName();
            OptionalLong header = headers.value(name);
            if (header.isEmpty()) {
                if (!NOT_EVALUABLE.contains(name)) {
                    mismatches.put(name, "not found in the headers");
                }
                continue;
            }
            compared++;
            if ((int) header.getAsLong() != field.getInt(null)) {
                mismatches.put(name, "ours " + field.getInt(null) + ", headers " + header.getAsLong());
            }
        }

        assertThat(mismatches).isEmpty();
        assertThat(compared).isGreaterThan(500);
    }

    @Test
    void a_sample_of_constants_reads_as_the_brief_and_the_headers_say() {
        assertThat(headers.value("RTM_NEWLINK")).hasValue(16);
        assertThat(headers.value("IFLA_IFNAME")).hasValue(3);
        assertThat(headers.value("IFLA_LINKINFO")).hasValue(18);
        assertThat(headers.value("IFLA_INFO_SLAVE_KIND")).hasValue(4);
        assertThat(headers.value("NLM_F_DUMP")).hasValue(0x300);
        assertThat(headers.value("AF_BRIDGE")).hasValue(7);
        assertThat(Rtnetlink.RTM_NEWLINK).isEqualTo(16);
        assertThat(Rtnetlink.IFLA_MASTER).isEqualTo(10);
        assertThat(Rtnetlink.IFLA_OPERSTATE).isEqualTo(16);
        assertThat(Rtnetlink.RTNLGRP_LINK).isEqualTo(1);
    }

    @Test
    void every_named_message_type_of_every_family_matches_the_headers() {
        Map<String, String> mismatches = new TreeMap<>();
        int compared = 0;
        for (NetlinkFamily family : NetlinkFamily.values()) {
            for (int type = 0; type < 0x10000; type++) {
                String name = MessageTypeNames.name(family, type);
                if (name.contains("[")) {
                    continue;
                }
                OptionalLong header = headers.value(name);
                int expected;
                if (family == NetlinkFamily.NETFILTER && type >= 0x100) {
                    // nfnetlink types are (subsystem << 8) | the subsystem's message number
                    expected = header.isPresent() ? (type & 0xff00) | (int) header.getAsLong() : -1;
                } else {
                    expected = header.isPresent() ? (int) header.getAsLong() : -1;
                }
                compared++;
                if (expected != type) {
                    mismatches.put(family + " " + name, "ours " + type + ", headers " + header);
                }
            }
        }

        assertThat(mismatches).isEmpty();
        assertThat(compared).isGreaterThan(150);
    }
}
