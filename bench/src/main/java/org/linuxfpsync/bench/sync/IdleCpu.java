package org.linuxfpsync.bench.sync;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What cmgrd's threads use per second with nothing changing (Karaf's etc/ poll, periodic polls and
 * refreshes, GC, JIT), by thread group: measured just before a phase, its rate times the phase's
 * length is the part of the phase's CPU that the phase did not cause.
 *
 * @param perSecond CPU seconds per second, by thread group ({@link Sh#threadGroup})
 */
record IdleCpu(Map<String, Double> perSecond) {

    /** Reads cmgrd's threads {@code seconds} apart; nothing may change meanwhile. */
    static IdleCpu measure(long pid, int seconds) throws IOException, InterruptedException {
        Map<Long, Sh.ThreadCpu> t0 = Sh.threadCpu(pid);
        long n0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        Map<Long, Sh.ThreadCpu> t1 = Sh.threadCpu(pid);
        double elapsed = (System.nanoTime() - n0) / 1e9;
        Map<String, Double> rate = new TreeMap<>();
        Sh.cpuNanosByGroup(t0, t1).forEach((group, nanos) -> rate.put(group, nanos / 1e9 / elapsed));
        return new IdleCpu(rate);
    }

    /** CPU seconds per second, every thread. */
    double total() {
        return perSecond.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The mean of several measurements, group by group. */
    static IdleCpu mean(Iterable<IdleCpu> measurements) {
        Map<String, Double> sum = new TreeMap<>();
        int n = 0;
        for (IdleCpu m : measurements) {
            m.perSecond.forEach((g, s) -> sum.merge(g, s, Double::sum));
            n++;
        }
        int count = Math.max(1, n);
        sum.replaceAll((g, s) -> s / count);
        return new IdleCpu(sum);
    }

    /** The groups that use at least 0.5 ms/s, largest first: {@code `fileinstall-/tm` 6.1 ms/s, ...}. */
    String groups() {
        StringBuilder b = new StringBuilder();
        perSecond.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 0.0005)
                .forEach(e -> b.append(b.length() == 0 ? "" : ", ").append('`').append(e.getKey()).append("` ")
                        .append(String.format(Locale.ROOT, "%.1f ms/s", e.getValue() * 1000)));
        return b.length() == 0 ? "none above 0.5 ms/s" : b.toString();
    }
}
