package org.linuxfpsync.sync.bpf;

import java.util.Set;

/**
 * Which packet sockets are taps the fast path must know, and whether with their filter program.
 *
 * @param anyApplication the manual's {@code -A} / {@code BPF_OPT}: every application's captures,
 *                       not only those of {@link #APPLICATIONS}
 * @param patternOnly    tap pattern only (sync mask 0x4000): the tap without its program, so the
 *                       fast path copies every packet of the interface to Linux, whose socket
 *                       filter still decides what the application sees
 * @param ownPid         the cache manager's process: its own sockets are never taps
 */
record TapPolicy(boolean anyApplication, boolean patternOnly, long ownPid) {
    /** The manual's list: "tcpdump, ethereal, wireshark, tshark, nmap". */
    static final Set<String> APPLICATIONS = Set.of("tcpdump", "ethereal", "wireshark", "tshark", "nmap");

    /** Whether {@code socket}, held by {@code owner}, is a tap to sync. */
    boolean syncs(PacketSocket socket, SocketOwner owner) {
        if (!socket.running() || socket.rejectsEverything()) {
            return false; // it receives nothing: nothing to copy to Linux
        }
        if (owner.pid() == ownPid) {
            return false;
        }
        // wireshark and tshark capture through their child dumpcap: its parent names the application
        return anyApplication || APPLICATIONS.contains(owner.comm()) || APPLICATIONS.contains(owner.parentComm());
    }

    /** The program to send for a synced socket, or null for none. */
    byte[] program(PacketSocket socket) {
        return patternOnly ? null : socket.program();
    }

    TapPolicy withAnyApplication(boolean any) {
        return new TapPolicy(any, patternOnly, ownPid);
    }

    TapPolicy withPatternOnly(boolean only) {
        return new TapPolicy(anyApplication, only, ownPid);
    }
}
