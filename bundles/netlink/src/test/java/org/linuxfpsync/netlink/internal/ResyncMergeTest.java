package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.netlink.ResyncReason.INITIAL;
import static org.linuxfpsync.netlink.ResyncReason.OVERFLOW;
import static org.linuxfpsync.netlink.ResyncReason.REFRESH;
import static org.linuxfpsync.netlink.ResyncReason.REQUESTED;

import org.junit.jupiter.api.Test;

/** Two dumps asked for before the first runs make one: the one that does more. */
class ResyncMergeTest {

    @Test
    void aRefreshIsCoveredByAnyOtherDump() {
        assertThat(FamilyReader.merge(REFRESH, REQUESTED)).isEqualTo(REQUESTED);
        assertThat(FamilyReader.merge(REQUESTED, REFRESH)).isEqualTo(REQUESTED);
        assertThat(FamilyReader.merge(REFRESH, OVERFLOW)).isEqualTo(OVERFLOW);
        assertThat(FamilyReader.merge(OVERFLOW, REFRESH)).isEqualTo(OVERFLOW);
        assertThat(FamilyReader.merge(INITIAL, REFRESH)).isEqualTo(INITIAL);
        assertThat(FamilyReader.merge(REFRESH, REFRESH)).isEqualTo(REFRESH);
        assertThat(FamilyReader.merge(null, REFRESH)).isEqualTo(REFRESH);
    }

    /** An overflow's dump may send differences only: a replay asked meanwhile must not be lost in it. */
    @Test
    void aReplayCoversAnOverflow() {
        assertThat(FamilyReader.merge(null, REQUESTED)).isEqualTo(REQUESTED);
        assertThat(FamilyReader.merge(REQUESTED, OVERFLOW)).isEqualTo(REQUESTED);
        assertThat(FamilyReader.merge(OVERFLOW, REQUESTED)).isEqualTo(REQUESTED);
        assertThat(FamilyReader.merge(INITIAL, OVERFLOW)).isEqualTo(INITIAL);
        assertThat(FamilyReader.merge(OVERFLOW, INITIAL)).isEqualTo(INITIAL);
        assertThat(FamilyReader.merge(INITIAL, REQUESTED)).isEqualTo(INITIAL);
        assertThat(FamilyReader.merge(OVERFLOW, OVERFLOW)).isEqualTo(OVERFLOW);
    }

    @Test
    void overflowsAndRefreshesAreDifferentialTheOthersReplay() {
        assertThat(OVERFLOW.differential()).isTrue();
        assertThat(REFRESH.differential()).isTrue();
        assertThat(REQUESTED.differential()).isFalse();
        assertThat(INITIAL.differential()).isFalse();
    }
}
