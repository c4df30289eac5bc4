/**
 * Sync feature 'bpf' (sync mask 0x2000, {@code --disable-sync-bpf}): the taps of every vrf the core
 * follows (BPF_ADD/BPF_DEL), packet capture sockets found with {@code packet_diag} and polled, each
 * with its interface (or every interface), socket type, protocol, owner and classic BPF program. Only
 * the manual's capture applications unless {@code -A} / {@code BPF_OPT}; never the cache manager's
 * own sockets; without the program while tap pattern only (0x4000) runs. docs/bpf-sync.md.
 */
package org.linuxfpsync.sync.bpf;
