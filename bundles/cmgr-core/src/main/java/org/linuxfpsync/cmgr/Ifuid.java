package org.linuxfpsync.cmgr;

/**
 * The interface identity sent to the fast path. It must be stable for the life of an interface
 * (an ifindex is, within its namespace) and unique across namespaces (the vrfid is): the ifuid is
 * a bijective mix of (vrfid, ifindex), so two live interfaces can never share one, and a restarted
 * cache manager finds the same ifuids, which lets the FPM keep its tables through a replay.
 */
public final class Ifuid {
    private Ifuid() {
    }

    public static long of(int vrfid, int ifindex) {
        return mix((((long) vrfid) << 32) | (ifindex & 0xffffffffL));
    }

    /** MurmurHash3's fmix64: a bijection on 64 bits, so distinct keys give distinct ifuids. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
