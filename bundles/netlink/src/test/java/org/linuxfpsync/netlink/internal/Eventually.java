package org.linuxfpsync.netlink.internal;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds, or fails after a generous deadline: asserts what, not how fast. */
final class Eventually {
    private static final long DEADLINE_MILLIS = 10_000;

    private Eventually() {
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    /** @param state printed on failure, to show what was seen instead */
    static void await(String what, BooleanSupplier condition, Supplier<Object> state) {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + DEADLINE_MILLIS + " ms: " + what + "; seen: " + state.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
