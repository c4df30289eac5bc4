package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The FPM's text of a classic BPF program against {@code tcpdump -d}'s, as recorded and, when installed, live. */
class BpfImageTest {
    private static final Pattern DD = Pattern.compile("\\{ 0x([0-9a-f]+), (\\d+), (\\d+), 0x([0-9a-f]+) },");

    @Test
    void aProgramReadsAsTcpdump4993PrintsItWithLibpcap1103() {
        // tcpdump -dd and -d of 'icmp or (tcp port 80 and len > 100) or ip[2:2] % 3 = 1', first lines, and loads
        // at the kernel's ancillary offsets (a vlan test on a live interface, a cooked capture)
        byte[] program = program(new int[][] {
            {0x28, 0, 0, 0x0c}, {0x15, 0, 10, 0x800}, {0x30, 0, 0, 0x17}, {0x45, 21, 0, 0x1fff}, {0xb1, 0, 0, 0x0e},
            {0x48, 0, 0, 0x0e}, {0x80, 0, 0, 0}, {0x25, 1, 0, 0x64}, {0x94, 0, 0, 3}, {0x30, 0, 0, 0xfffff030},
            {0x28, 0, 0, 0xfffff000}, {0x06, 0, 0, 0x40000}, {0x06, 0, 0, 0}});

        assertThat(BpfImage.lines(program)).containsExactly(
                "(000) ldh      [12]",
                "(001) jeq      #0x800           jt 2\tjf 12",
                "(002) ldb      [23]",
                "(003) jset     #0x1fff          jt 25\tjf 4",
                "(004) ldxb     4*([14]&0xf)",
                "(005) ldh      [x + 14]",
                "(006) ld       #pktlen",
                "(007) jgt      #0x64            jt 9\tjf 8",
                "(008) mod      #3",
                "(009) ldb      [vlanp]",
                "(010) ldh      [proto]",
                "(011) ret      #262144",
                "(012) ret      #0");
    }

    @Test
    void everyProgramOfTheInstalledTcpdumpReadsAsItsDashD() throws Exception {
        Path tcpdump = Path.of("/usr/bin/tcpdump");
        assumeTrue(Files.isExecutable(tcpdump), "tcpdump is not installed");
        for (String expression : List.of("", "icmp", "tcp port 80", "udp and src 10.1.0.2 and dst portrange 5000-5010",
                "tcp[tcpflags] & tcp-syn != 0", "ether host 02:00:00:00:00:01 or arp",
                "len > 100 and ip[2:2] % 3 = 1 and ip[8] ^ 5 = 2 and ip[0] << 1 > 8 and ip[9] >> 1 = 3",
                "icmp6 and ip6[40] * 2 = 256 and ip6[41] / 2 = 0 and ip6[42] - 1 = 0 and ip6[43] | 1 = 1",
                "vlan and ip", "not ip and not ip6", "ip[ip[0] & 0xf] = 4")) {
            List<String> expected = run(tcpdump, "-d", expression);
            assertThat(BpfImage.lines(program(instructions(run(tcpdump, "-dd", expression)))))
                    .as("tcpdump -d '%s'", expression).containsExactlyElementsOf(expected);
        }
    }

    private static List<String> run(Path tcpdump, String option, String expression) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(tcpdump.toString(), option));
        if (!expression.isEmpty()) {
            command.add(expression);
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor()).as("%s", command).isZero();
        return List.of(out.toString(StandardCharsets.US_ASCII).split("\n"));
    }

    private static int[][] instructions(List<String> dd) {
        List<int[]> list = new ArrayList<>();
        for (String line : dd) {
            Matcher m = DD.matcher(line);
            if (m.find()) {
                list.add(new int[] {Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), (int) Long.parseLong(m.group(4), 16)});
            }
        }
        assertThat(list).as("instructions of %s", dd).isNotEmpty();
        return list.toArray(new int[0][]);
    }

    private static byte[] program(int[][] instructions) {
        ByteBuffer b = ByteBuffer.allocate(instructions.length * BpfImage.INSTRUCTION);
        for (int[] i : instructions) {
            b.putShort((short) i[0]).put((byte) i[1]).put((byte) i[2]).putInt(i[3]);
        }
        return b.array();
    }
}
