package org.linuxfpsync.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RateLimitedLogTest {
    private static final long SECOND = 1_000_000_000L;

    /** The WARN lines logged, each as its message and, after " | ", its error's message if any. */
    private final List<String> lines = new ArrayList<>();
    private final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
                if (method.getName().equals("warn")) {
                    Throwable error = args.length == 2 && args[1] instanceof Throwable t ? t : null;
                    lines.add(args[0] + (error == null ? "" : " | " + error.getMessage()));
                }
                return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });
    /** The injected clock: a start far from zero and negative, as {@link System#nanoTime()} may be. */
    private long now = -5 * SECOND;
    private final RateLimitedLog log = new RateLimitedLog(logger, () -> now);

    @Test
    void the_first_line_gets_through_then_nothing_else_within_the_second() {
        log.warn("bad datagram", null);
        now += SECOND - 1;
        log.warn("bad datagram", null);
        log.warn("bad datagram", null);

        assertThat(lines).containsExactly("bad datagram");
    }

    @Test
    void the_next_line_a_second_later_says_how_many_were_suppressed() {
        log.warn("bad datagram", null);
        now += 10;
        log.warn("bad datagram", null);
        now += 10;
        log.warn("bad datagram", null);
        now += SECOND;
        log.warn("bad datagram", new IllegalStateException("boom"));

        assertThat(lines).containsExactly("bad datagram", "bad datagram (2 similar suppressed) | boom");
    }

    @Test
    void the_count_restarts_after_each_line_that_gets_through() {
        log.warn("a", null);
        log.warn("a", null);
        now += SECOND;
        log.warn("b", null);
        now += SECOND;
        log.warn("c", null);

        assertThat(lines).containsExactly("a", "b (1 similar suppressed)", "c");
    }

    @Test
    void the_second_counts_from_the_last_admitted_line_not_from_the_suppressed_ones() {
        assertThat(log.admit()).isTrue();
        now += SECOND / 2;
        assertThat(log.admit()).isFalse();
        now += SECOND / 2 - 1;
        assertThat(log.admit()).isFalse();
        now += 1;
        assertThat(log.admit()).isTrue();
        assertThat(log.suppressed()).isEqualTo(2);
    }

    @Test
    void a_caller_formatting_its_own_line_reads_the_count_after_admit() {
        assertThat(log.admit()).isTrue();
        assertThat(log.suppressed()).isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(log.admit()).isFalse();
        }
        now += 3 * SECOND;
        assertThat(log.admit()).isTrue();
        assertThat(log.suppressed()).isEqualTo(5);
        assertThat(lines).isEmpty();
    }
}
