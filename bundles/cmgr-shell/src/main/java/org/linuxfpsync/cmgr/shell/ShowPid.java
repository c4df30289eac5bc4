package org.linuxfpsync.cmgr.shell;

import java.io.PrintStream;
import java.util.Map;

/** {@code show pid}: the process id of the cache manager (the Karaf JVM), alone on a line for scripts. */
final class ShowPid implements ShowSubject {

    @Override
    public String name() {
        return "pid";
    }

    @Override
    public String help() {
        return "show pid";
    }

    @Override
    public void printText(PrintStream out) {
        out.println(ProcessHandle.current().pid());
    }

    @Override
    public Object json() {
        return Map.of("pid", ProcessHandle.current().pid());
    }
}
