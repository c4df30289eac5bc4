package org.linuxfpsync.sync.bpf;

/**
 * The process that holds a socket, as {@code /proc} shows it.
 *
 * @param pid        the process, 0 when no process of this pid namespace holds it
 * @param comm       its name ({@code /proc/<pid>/comm}), empty when unknown
 * @param parentComm its parent's name: wireshark and tshark capture through their child dumpcap
 */
record SocketOwner(long pid, String comm, String parentComm) {
    static final SocketOwner UNKNOWN = new SocketOwner(0, "", "");
}
