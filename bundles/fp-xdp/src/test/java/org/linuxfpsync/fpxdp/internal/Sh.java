package org.linuxfpsync.fpxdp.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command of the test's topology and returns its exit code and output. */
final class Sh {
    record Result(int code, String out) {
        boolean ok() {
            return code == 0;
        }
    }

    private Sh() {
    }

    static Result run(String... cmd) {
        try {
            Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** Runs and fails the test with the output when the command fails. */
    static String must(String... cmd) {
        Result r = run(cmd);
        if (!r.ok()) {
            throw new AssertionError(String.join(" ", cmd) + " exited " + r.code() + ": " + r.out());
        }
        return r.out();
    }

    /** A shell line ({@code bash -c}), for pipes. */
    static String mustSh(String line) {
        return must("bash", "-c", line);
    }
}
