package org.linuxfpsync.netlink.internal;

import java.util.Arrays;

import org.linuxfpsync.netlink.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hooks of {@code NetlinkService.addBeforeWaitHook}, run by a reader thread each time it is
 * about to wait for the kernel. An array replaced on change, so that running them allocates
 * nothing; a hook that throws is logged (rate-limited) and the others still run.
 */
final class BeforeWaitHooks implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BeforeWaitHooks.class);

    private final RateLimitedLog failures = new RateLimitedLog(LOG);
    private volatile Runnable[] hooks = new Runnable[0];

    synchronized void add(Runnable hook) {
        Runnable[] now = Arrays.copyOf(hooks, hooks.length + 1);
        now[now.length - 1] = hook;
        hooks = now;
    }

    synchronized void remove(Runnable hook) {
        Runnable[] now = hooks;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == hook) {
                Runnable[] less = new Runnable[now.length - 1];
                System.arraycopy(now, 0, less, 0, i);
                System.arraycopy(now, i + 1, less, i, now.length - i - 1);
                hooks = less;
                return;
            }
        }
    }

    @Override
    public void run() {
        Runnable[] now = hooks;
        for (Runnable hook : now) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                failures.warn(Thread.currentThread().getName() + ": a before-wait hook failed", e);
            }
        }
    }
}
