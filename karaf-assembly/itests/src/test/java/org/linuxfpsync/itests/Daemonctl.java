package org.linuxfpsync.itests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the distribution's {@code bin/daemonctl cmgrd <words>} as an operator would. */
final class Daemonctl {
    static final class Result {
        final int status;
        final String output;

        Result(int status, String output) {
            this.status = status;
            this.output = output;
        }
    }

    private Daemonctl() {
    }

    static Result run(String socketDir, String... words) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("perl", System.getProperty("karaf.home") + "/bin/daemonctl", "cmgrd"));
        cmd.addAll(List.of(words));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DAEMONCTL_SOCKET_DIR", socketDir);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("daemonctl timed out: " + cmd);
        }
        return new Result(p.exitValue(), out);
    }
}
