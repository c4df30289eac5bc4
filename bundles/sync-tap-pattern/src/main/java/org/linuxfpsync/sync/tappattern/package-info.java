/**
 * Sync feature 'tap-pattern' (sync mask 0x4000, "tap pattern only"; needs bpf, has no
 * {@code --disable-sync-} option of its own): while it runs, the bpf feature sends each tap without
 * its filter program, so that the fast path only learns which interfaces are captured and copies
 * every packet of them to Linux, where the socket's own filter still selects what the application
 * sees. For a fast path that cannot run classic BPF, or that should not. docs/bpf-sync.md.
 */
package org.linuxfpsync.sync.tappattern;
