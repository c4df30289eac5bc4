package org.linuxfpsync.featuresync;

import org.linuxfpsync.cmgr.spi.ReplayMember;

/**
 * What one {@link ObjectSync} has sent of one FPC object family in its vrf, as the sync drives it:
 * the family's replay window joined at start, each dump's start and end (a replay, or a differential
 * dump that sends the differences only), and the withdrawal at close. {@link FamilyObjects} keeps any
 * family's objects by key; a feature with objects by the hundred thousand (conntrack flows) keeps them
 * in a store of its own, without a Java object per object.
 */
public interface SyncedFamily {

    /** The FPC object family ({@code MacvlanAttr.FAMILY_MACVLAN}). */
    int familyCode();

    /** The family's table name ({@code fdb}), for logs. */
    String familyName();

    /** Objects in the FPM now (a racy read from other threads). */
    int size();

    /** The family's replay window, joined before the subscription starts. */
    void join(ReplayMember member);

    /**
     * @param differential a differential dump ({@code ResyncReason.differential()}: an overflow, a
     *                     refresh): outside the replay window, only what changed is sent, and the end
     *                     deletes what the dump did not report
     */
    void dumpStarted(boolean differential);

    /** The dump ended; {@code complete} false when it was interrupted (another one follows). */
    void dumpFinished(boolean complete);

    /** Leaves the replay window (withdrawing or keeping what was sent) and forgets everything. */
    void close(boolean withdraw);
}
