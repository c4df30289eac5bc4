package org.linuxfpsync.itests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Random packet captures in one namespace: real tcpdumps ({@code ip netns exec <ns> tcpdump}) started
 * on one of its links or on {@code any}, with or without a filter expression, and killed with
 * SIGKILL, a few at each checkpoint. A generator of its own, with its own random numbers, so that
 * {@link RandomKernelOperations} draws the same lines as without it. A tcpdump the kernel or libpcap
 * refuses (a link that went meanwhile, an expression its link type has no field for) exits at once:
 * part of the game, counted.
 */
final class RandomCaptures implements AutoCloseable {
    /** Expressions valid on Ethernet links; on some others tcpdump refuses them and exits. */
    private static final String[] EXPRESSIONS = {"", "icmp", "tcp port 80", "udp", "arp", "ip6", "vlan", "not port 22"};
    /** At most this many running at once: a checkpoint kills before it starts more. */
    private static final int MAX_RUNNING = 4;

    private final SplittableRandom random;
    private final TestNamespace ns;
    private final List<Process> running = new ArrayList<>();
    private int started;
    private int killed;
    private int exitedAlone;

    RandomCaptures(long seed, int ns, TestNamespace namespace) {
        this.random = new SplittableRandom(seed * 173 + ns + 29);
        this.ns = namespace;
    }

    /** {@code count} changes: a capture started or one killed. Returns them as lines for the failure report. */
    List<String> step(int count) throws IOException, InterruptedException {
        List<String> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            forgetExited();
            if (!running.isEmpty() && (running.size() >= MAX_RUNNING || random.nextInt(3) == 0)) {
                Process p = running.remove(random.nextInt(running.size()));
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                killed++;
                done.add("kill -9 " + p.pid() + " (tcpdump)");
                continue;
            }
            List<String> links = links();
            String link = links.isEmpty() || random.nextInt(4) == 0 ? "any" : links.get(random.nextInt(links.size()));
            String expression = EXPRESSIONS[random.nextInt(EXPRESSIONS.length)];
            List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name, "tcpdump", "-n", "-w",
                    "/dev/null", "-i", link));
            if (!expression.isEmpty()) {
                command.add(expression);
            }
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            running.add(p);
            started++;
            done.add("tcpdump -i " + link + (expression.isEmpty() ? "" : " '" + expression + "'") + " (pid " + p.pid()
                    + ")");
        }
        return done;
    }

    private void forgetExited() {
        int before = running.size();
        running.removeIf(p -> !p.isAlive());
        exitedAlone += before - running.size();
    }

    /** The namespace's link names, as {@code ip -o link show} lists them ({@code va@vb} is {@code va}). */
    private List<String> links() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (String line : ns.ip("-o", "link", "show").split("\n")) {
            String[] fields = line.split(": ", 3);
            if (fields.length >= 2) {
                String name = fields[1].split("@")[0].trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** "started n, killed n, exited by themselves n" for the run's summary. */
    String summary() {
        forgetExited();
        return started + " tcpdumps started, " + killed + " killed with SIGKILL, " + exitedAlone
                + " exited by themselves (a link gone, an expression refused)";
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : running) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        running.clear();
    }
}
