package org.linuxfpsync.fpm.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmObject;

/**
 * {@code fpm:show conntrack} writes each flow as {@code conntrack -L -o extended,id} does
 * (libnetfilter_conntrack's default output: the families and protocols padded to 8, the timeout,
 * the TCP state, the original tuple, {@code [UNREPLIED]}, the reply tuple, {@code [ASSURED]},
 * {@code mark=} always, {@code zone=} when not 0, {@code helper=}, {@code id=}), without the
 * kernel's {@code use=}. The lines below are the kernel's for the same flows, {@code use=1} removed.
 */
class ConntrackTextTest {

    private static Map<String, Object> m(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, Object> ports(long family, String src, String dst, long proto, long sport, long dport) {
        return m("FAMILY", family, "SRC", ip(src), "DST", ip(dst), "PROTO", proto, "SPORT", sport, "DPORT", dport);
    }

    private static FpmObject flow(int vrf, Map<String, Object> fields) {
        return new FpmObject("conntrack", vrf, fields, List.of());
    }

    @Test
    void aTcpDnatBindingInAZoneWithAHelperAndAMark() {
        FpmObject f = flow(3, m("VRFID", 3L, "ZONE", 7L, "ORIG", ports(2, "10.0.0.1", "192.0.2.1", 6, 40002, 21),
                "REPLY", ports(2, "10.0.0.2", "10.0.0.1", 6, 2121, 40002), "STATUS", 0x1ceL, "MARK", 5L,
                "ID", 3141592653L, "TCP_STATE", 3L, "HELPER", "ftp", "TIMEOUT", 431999L));
        assertThat(ConntrackText.line(f)).isEqualTo("ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.0.1 "
                + "dst=192.0.2.1 sport=40002 dport=21 src=10.0.0.2 dst=10.0.0.1 sport=2121 dport=40002 [ASSURED] "
                + "mark=5 zone=7 helper=ftp id=3141592653");
    }

    @Test
    void anUnrepliedUdpFlowAnIcmpEchoAndAnIpv6FlowWithLabels() {
        FpmObject udp = flow(0, m("VRFID", 0L, "ORIG", ports(2, "10.0.0.1", "10.0.0.2", 17, 41000, 5000),
                "REPLY", ports(2, "10.0.0.2", "10.0.0.1", 17, 5000, 41000), "STATUS", 0x188L, "ID", 1L,
                "TIMEOUT", 29L));
        assertThat(ConntrackText.line(udp)).isEqualTo("ipv4     2 udp      17 29 src=10.0.0.1 dst=10.0.0.2 "
                + "sport=41000 dport=5000 [UNREPLIED] src=10.0.0.2 dst=10.0.0.1 sport=5000 dport=41000 mark=0 id=1");

        FpmObject ping = flow(0, m("VRFID", 0L,
                "ORIG", m("FAMILY", 2L, "SRC", ip("10.0.0.1"), "DST", ip("10.0.0.2"), "PROTO", 1L, "ICMP_ID", 4242L,
                        "ICMP_TYPE", 8L, "ICMP_CODE", 0L),
                "REPLY", m("FAMILY", 2L, "SRC", ip("10.0.0.2"), "DST", ip("10.0.0.1"), "PROTO", 1L, "ICMP_ID", 4242L,
                        "ICMP_TYPE", 0L, "ICMP_CODE", 0L), "STATUS", 0x18aL, "ID", 2L, "TIMEOUT", 30L));
        assertThat(ConntrackText.line(ping)).isEqualTo("ipv4     2 icmp     1 30 src=10.0.0.1 dst=10.0.0.2 type=8 "
                + "code=0 id=4242 src=10.0.0.2 dst=10.0.0.1 type=0 code=0 id=4242 mark=0 id=2");

        byte[] bits = new byte[16];
        bits[0] = 0x01;
        FpmObject v6 = flow(0, m("VRFID", 0L, "ORIG", ports(10, "fd00::1", "fd00::2", 17, 5000, 6000),
                "REPLY", ports(10, "fd00::2", "fd00::1", 17, 6000, 5000), "STATUS", 0x4188L,
                "LABELS", new FpmBytes(bits, false)));
        assertThat(ConntrackText.line(v6)).isEqualTo("ipv6     10 udp      17 src=fd00::1 dst=fd00::2 sport=5000 "
                + "dport=6000 [UNREPLIED] src=fd00::2 dst=fd00::1 sport=6000 dport=5000 [OFFLOAD] mark=0 "
                + "labels=0x01000000000000000000000000000000");
    }

    @Test
    void theFlowsOfEachVrfFollowALineNamingIt() {
        Map<String, Object> a = m("VRFID", 2L, "ORIG", ports(2, "10.0.0.1", "10.0.0.2", 17, 1, 2),
                "REPLY", ports(2, "10.0.0.2", "10.0.0.1", 17, 2, 1), "STATUS", 0xaL);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConntrackText.print(List.of(flow(-1, a), flow(2, a), flow(2, a)), new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        String line = "ipv4     2 udp      17 src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 src=10.0.0.2 dst=10.0.0.1 "
                + "sport=2 dport=1 mark=0";
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly("vrf 2:", line, line,
                "vrf 4294967295:", line, "3 flow entries");
    }
}
