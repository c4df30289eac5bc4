package org.linuxfpsync.cmgr;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class IfuidTest {

    @Property
    void theIfuidDeterminesTheVrfidAndIfindexSoNoTwoInterfacesShareOne(@ForAll @IntRange(min = 0, max = 65535) int vrfid,
                                                                     @ForAll @IntRange(min = 1) int ifindex) {
        long key = unmix(Ifuid.of(vrfid, ifindex));
        assertThat((int) (key >>> 32)).isEqualTo(vrfid);
        assertThat((int) key).isEqualTo(ifindex);
    }

    @Property
    void anIfuidIsNeverZeroWhichMeansNoMaster(@ForAll @IntRange(min = 0, max = 65535) int vrfid,
                                             @ForAll @IntRange(min = 1) int ifindex) {
        assertThat(Ifuid.of(vrfid, ifindex)).isNotZero();
    }

    @Property
    void theSameInterfaceGetsTheSameIfuidAfterARestart(@ForAll int vrfid, @ForAll int ifindex) {
        assertThat(Ifuid.of(vrfid, ifindex)).isEqualTo(Ifuid.of(vrfid, ifindex));
    }

    /** The inverse of fmix64: its existence is what makes ifuids unique. */
    private static long unmix(long k) {
        k = unshift(k);
        k *= 0x9cb4b2f8129337dbL; // inverse of 0xc4ceb9fe1a85ec53 mod 2^64
        k = unshift(k);
        k *= 0x4f74430c22a54005L; // inverse of 0xff51afd7ed558ccd mod 2^64
        return unshift(k);
    }

    private static long unshift(long k) {
        // x ^= x >>> 33 undoes itself: the shift is at least half the width.
        return k ^ (k >>> 33);
    }
}
