package org.linuxfpsync.netlink;

/**
 * Process starts and ends, from the proc connector ({@link NetlinkService#watchProcesses}). Called
 * on the connector's reader thread, once per event: an implementation only notes that something
 * happened and returns (a fork bomb sends thousands a second). An exception is caught and counted.
 */
public interface ProcessListener {

    /** A process ran a new program (PROC_EVENT_EXEC): {@code tgid} is its pid as the initial pid namespace sees it. */
    void processExecuted(int tgid);

    /** A thread ended (PROC_EVENT_EXIT); {@code pid == tgid} for the last of its process. */
    void processExited(int pid, int tgid);

    /** Events were lost (the socket's buffer overflowed): any process may have started or ended. */
    default void eventsLost() {
    }
}
