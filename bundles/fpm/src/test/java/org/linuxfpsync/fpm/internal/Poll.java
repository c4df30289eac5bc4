package org.linuxfpsync.fpm.internal;

import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous deadline: tests assert outcomes, never timings. */
final class Poll {
    private Poll() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting after 30 s for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
