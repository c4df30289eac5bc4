package org.linuxfpsync.itests;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.linuxfpsync.comparison.KernelL3Comparison;

/**
 * The taps of a namespace as the kernel has them ({@code ss -0 -p -b}: its packet sockets, their
 * interface, holder and classic BPF program) and as a vrf of the FPM's dump has them ({@code bpf}),
 * each as one comparable line {@code <interface or *> <pid> <application> <program bytes>}, sorted.
 * The kernel's side keeps what the bpf feature syncs by default (docs/bpf-sync.md): the sockets of
 * the manual's applications, running (bound to a link that is up, or to every link), without
 * libpcap's reject-all filter.
 */
final class CaptureComparison {
    private static final Set<String> APPLICATIONS = Set.of("tcpdump", "ethereal", "wireshark", "tshark", "nmap");
    private static final Pattern SOCKET = Pattern.compile("^p_(raw|dgr)\\s+\\d+\\s+\\d+\\s+\\S*:(\\S+)\\s.*?users:\\(\\(\"([^\"]+)\",pid=(\\d+)");
    private static final Pattern FILTER = Pattern.compile("^\\s+bpf filter \\(\\d+\\):\\s*(.*)$");
    /** {@code ret #0}, one instruction: libpcap's transient reject-all filter, never a tap. */
    private static final String REJECT_ALL = "00:06:00:00:00:00:00:00";

    private CaptureComparison() {
    }

    static List<String> kernel(TestNamespace ns) throws Exception {
        Set<String> up = new HashSet<>();
        for (String line : ns.ip("-o", "link", "show", "up").split("\n")) {
            String[] fields = line.split(": ", 3);
            if (fields.length >= 2) {
                up.add(fields[1].split("@")[0].trim());
            }
        }
        List<String> taps = new ArrayList<>();
        String[] lines = TestNamespace.run(List.of("ip", "netns", "exec", ns.name, "ss", "-0", "-p", "-b")).split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher s = SOCKET.matcher(lines[i]);
            if (!s.find()) {
                continue;
            }
            String link = s.group(2);
            String program = "-";
            if (i + 1 < lines.length) {
                Matcher f = FILTER.matcher(lines[i + 1]);
                if (f.matches()) {
                    program = program(f.group(1));
                }
            }
            boolean running = link.equals("*") || up.contains(link);
            if (APPLICATIONS.contains(s.group(3)) && running && !program.equals(REJECT_ALL)) {
                taps.add(link + " " + s.group(4) + " " + s.group(3) + " " + program);
            }
        }
        taps.sort(null);
        return taps;
    }

    static List<String> fpm(JsonNode vrf) {
        List<String> taps = new ArrayList<>();
        for (JsonNode t : vrf.path("bpf")) {
            taps.add(t.path("ifname").asText("*") + " " + t.path("pid").asLong() + " " + t.path("application").asText()
                    + " " + t.path("program").asText("-"));
        }
        taps.sort(null);
        return taps;
    }

    /**
     * {@code ss -b}'s program ({@code "0x28 0 0 12, 0x15 0 3 2048, ..."}) as the FPM writes it: each
     * {@code struct sock_filter} big-endian, bytes in hex separated by colons.
     */
    static String program(String ss) {
        StringBuilder hex = new StringBuilder();
        for (String instruction : ss.split(",")) {
            String[] f = instruction.trim().split("\\s+");
            if (f.length != 4) {
                continue;
            }
            long code = Long.decode(f[0]);
            long k = Long.parseLong(f[3]);
            byte[] b = {(byte) (code >> 8), (byte) code, (byte) Integer.parseInt(f[1]), (byte) Integer.parseInt(f[2]),
                (byte) (k >> 24), (byte) (k >> 16), (byte) (k >> 8), (byte) k};
            for (byte x : b) {
                hex.append(hex.length() == 0 ? "" : ":").append(String.format("%02x", x & 0xff));
            }
        }
        return hex.toString();
    }

    /** Polls until every vrf's taps in the FPM equal its namespace's; fails after {@code settleMillis} with the differences. */
    static void awaitEqual(Callable<JsonNode> fpmDump, Map<Integer, TestNamespace> vrfs, long settleMillis,
                           Supplier<String> context) throws Exception {
        long deadline = System.nanoTime() + settleMillis * 1_000_000L;
        while (true) {
            JsonNode dump = fpmDump.call();
            List<String> diffs = new ArrayList<>();
            for (Map.Entry<Integer, TestNamespace> v : vrfs.entrySet()) {
                List<String> kernel = kernel(v.getValue());
                List<String> fpm = fpm(KernelL3Comparison.vrf(dump, v.getKey()));
                if (!kernel.equals(fpm)) {
                    diffs.add("vrf " + v.getKey() + " taps: kernel " + kernel + "\n    FPM " + fpm);
                }
            }
            if (diffs.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(context.get() + ":\n  " + String.join("\n  ", diffs));
            }
            Thread.sleep(100);
        }
    }
}
