package org.linuxfpsync.fpxdp.internal;

import jnr.ffi.Pointer;

/**
 * One map of the XDP object, written by one thread at a time: the key and value buffers are
 * native memory reused by every call, so an update costs the bpf(2) call and no allocation.
 */
final class BpfMap {
    private static final long BPF_ANY = 0;

    private final Native lib;
    private final String name;
    private final int fd;
    private final int keySize;
    private final int valueSize;
    /** Per-CPU maps read and write one value per possible CPU, each rounded up to 8 bytes. */
    private final int valueStride;
    private final int cpus;
    private final Pointer key;
    private final Pointer value;

    BpfMap(Native lib, String name, int fd, int keySize, int valueSize, boolean perCpu) {
        this.lib = lib;
        this.name = name;
        this.fd = fd;
        this.keySize = keySize;
        this.valueSize = valueSize;
        this.valueStride = (valueSize + 7) & ~7;
        this.cpus = perCpu ? lib.bpf().libbpf_num_possible_cpus() : 1;
        this.key = lib.allocate(keySize);
        this.value = lib.allocate(perCpu ? valueStride * cpus : valueSize);
    }

    String name() {
        return name;
    }

    /** Inserts or replaces; an error (a full map) throws with the map's name. */
    synchronized void put(byte[] k, byte[] v) {
        check(k, keySize, "key");
        check(v, valueSize, "value");
        key.put(0, k, 0, keySize);
        value.put(0, v, 0, valueSize);
        int rc = lib.bpf().bpf_map_update_elem(fd, key, value, BPF_ANY);
        if (rc < 0) {
            throw new IllegalStateException("fp-xdp: cannot update map " + name + ": " + lib.describe(rc));
        }
    }

    /** @return false when the key was not there */
    synchronized boolean delete(byte[] k) {
        check(k, keySize, "key");
        key.put(0, k, 0, keySize);
        int rc = lib.bpf().bpf_map_delete_elem(fd, key);
        if (rc < 0 && Math.abs(rc) != 2) {
            throw new IllegalStateException("fp-xdp: cannot delete from map " + name + ": " + lib.describe(rc));
        }
        return rc == 0;
    }

    /** The value of a plain map, or null when the key is not there. */
    synchronized byte[] get(byte[] k) {
        check(k, keySize, "key");
        key.put(0, k, 0, keySize);
        if (lib.bpf().bpf_map_lookup_elem(fd, key, value) < 0) {
            return null;
        }
        byte[] v = new byte[valueSize];
        value.get(0, v, 0, valueSize);
        return v;
    }

    /**
     * Sums the u64 fields of a per-CPU map's value over every CPU.
     *
     * @return {@code valueSize / 8} sums, zeros when the key is not there
     */
    synchronized long[] sumPerCpu(byte[] k) {
        check(k, keySize, "key");
        key.put(0, k, 0, keySize);
        long[] sums = new long[valueSize / 8];
        if (lib.bpf().bpf_map_lookup_elem(fd, key, value) < 0) {
            return sums;
        }
        for (int cpu = 0; cpu < cpus; cpu++) {
            for (int f = 0; f < sums.length; f++) {
                sums[f] += value.getLong((long) cpu * valueStride + 8L * f);
            }
        }
        return sums;
    }

    /** Zeroes a per-CPU value on every CPU (a counter slot given to a new interface). */
    synchronized void zeroPerCpu(byte[] k) {
        check(k, keySize, "key");
        key.put(0, k, 0, keySize);
        value.setMemory(0, (long) valueStride * cpus, (byte) 0);
        int rc = lib.bpf().bpf_map_update_elem(fd, key, value, BPF_ANY);
        if (rc < 0) {
            throw new IllegalStateException("fp-xdp: cannot reset map " + name + ": " + lib.describe(rc));
        }
    }

    private void check(byte[] b, int size, String what) {
        if (b.length != size) {
            throw new IllegalArgumentException("map " + name + ": " + what + " of " + b.length + " bytes, not " + size);
        }
    }
}
