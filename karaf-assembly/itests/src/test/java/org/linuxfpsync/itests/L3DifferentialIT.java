package org.linuxfpsync.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The project's strongest test: a seeded random generator changes two namespaces followed as two
 * vrfs (links, IPv4 and IPv6 addresses, routes of several tables and types with multipath,
 * neighbours, rules) and, every {@value #CHECKPOINT} operations and at the end, the FPM's dump must
 * become equal to the kernel's own view read by iproute2 ({@link KernelL3Comparison}). A failure
 * prints the seed and the differences.
 *
 * <p>The normal run takes seeds 1, 2 and 3 with 1,000 operations each. Replay or lengthen:
 * {@code mvn -B verify -Dit.test=L3DifferentialIT -Ddiff.seed=N -Ddiff.ops=N} ({@code -Ddiff.seed=4,5,6}
 * for several; README "Tests").
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class L3DifferentialIT extends ContainerTestSupport {
    private static final int VRF_A = 1;
    private static final int VRF_B = 2;
    private static final int CHECKPOINT = 100;
    private static final int BATCH = 25;
    /** After the kernel's last change, the FPM has this long to be equal. */
    private static final long SETTLE_MILLIS = 10_000;

    @Configuration
    public Option[] config() {
        // The test runs inside the container: the replay properties are forwarded to it.
        return OptionUtils.combine(distribution(),
                systemProperty("diff.seed").value(System.getProperty("diff.seed", "")),
                systemProperty("diff.ops").value(System.getProperty("diff.ops", "1000")));
    }

    @Test
    public void randomKernelChangesInTwoVrfsLeaveTheFpmEqualToTheKernel() throws Exception {
        String seeds = System.getProperty("diff.seed", "");
        int ops = Integer.parseInt(System.getProperty("diff.ops", "1000"));
        for (String seed : (seeds.isEmpty() ? "1,2,3" : seeds).split(",")) {
            run(Long.parseLong(seed.trim()), ops);
        }
    }

    private void run(long seed, int ops) throws Exception {
        System.out.printf("differential: seed %d, %d operations (replay: -Dit.test=L3DifferentialIT -Ddiff.seed=%d "
                + "-Ddiff.ops=%d)%n", seed, ops, seed, ops);
        long start = System.nanoTime();
        TestNamespace a = new TestNamespace();
        TestNamespace b = new TestNamespace();
        try {
            a.ip("link", "set", "lo", "up");
            b.ip("link", "set", "lo", "up");
            followVrfs(VRF_A + ":" + a.name + ", " + VRF_B + ":" + b.name);
            awaitEqual(seed, 0, a, b, List.of());

            SplittableRandom which = new SplittableRandom(seed);
            RandomKernelOperations genA = new RandomKernelOperations(seed, 1);
            RandomKernelOperations genB = new RandomKernelOperations(seed, 2);
            List<String> linesA = new ArrayList<>();
            List<String> linesB = new ArrayList<>();
            List<String> recent = new ArrayList<>();
            int refused = 0;
            for (int op = 1; op <= ops; op++) {
                boolean first = which.nextBoolean();
                String line = (first ? genA : genB).next();
                (first ? linesA : linesB).add(line);
                recent.add((first ? "A: " : "B: ") + line);
                if (linesA.size() + linesB.size() >= BATCH || op % CHECKPOINT == 0 || op == ops) {
                    refused += a.batch(linesA) + b.batch(linesB);
                    linesA.clear();
                    linesB.clear();
                }
                if (op % CHECKPOINT == 0 || op == ops) {
                    awaitEqual(seed, op, a, b, recent);
                    recent.clear();
                }
            }
            System.out.printf("differential: seed %d, %d operations (%d refused by the kernel) equal at every "
                    + "checkpoint, %.1f s%n", seed, ops, refused, (System.nanoTime() - start) / 1e9);
        } finally {
            followVrfs("0");
            a.close();
            b.close();
        }
    }

    private void awaitEqual(long seed, int op, TestNamespace a, TestNamespace b, List<String> recent)
            throws Exception {
        long millis = awaitKernelL3(Map.of(VRF_A, a, VRF_B, b), true, SETTLE_MILLIS,
                () -> "seed " + seed + ", operation " + op + " (replay with -Ddiff.seed=" + seed + " -Ddiff.ops=" + op
                        + ")\nlast operations:\n  " + String.join("\n  ", recent));
        if (op % 500 == 0) {
            System.out.printf("differential: seed %d, operation %d: equal after %d ms%n", seed, op, millis);
        }
    }
}
