package org.linuxfpsync.fpstats;

import java.beans.ConstructorProperties;

/**
 * The fast path's counters of one interface, as the FPM last reported them. A class with getters
 * (not a record) so that JMX clients see it as an open composite type.
 */
public final class InterfaceCounters {
    private final long ifuid;
    private final int vrfid;
    private final long rxPackets;
    private final long rxBytes;
    private final long txPackets;
    private final long txBytes;
    private final long rxDropped;
    private final long txDropped;
    private final long rxErrors;
    private final long txErrors;
    private final long updatedMillis;

    @ConstructorProperties({"ifuid", "vrfid", "rxPackets", "rxBytes", "txPackets", "txBytes", "rxDropped", "txDropped",
        "rxErrors", "txErrors", "updatedMillis"})
    public InterfaceCounters(long ifuid, int vrfid, long rxPackets, long rxBytes, long txPackets, long txBytes,
                             long rxDropped, long txDropped, long rxErrors, long txErrors, long updatedMillis) {
        this.ifuid = ifuid;
        this.vrfid = vrfid;
        this.rxPackets = rxPackets;
        this.rxBytes = rxBytes;
        this.txPackets = txPackets;
        this.txBytes = txBytes;
        this.rxDropped = rxDropped;
        this.txDropped = txDropped;
        this.rxErrors = rxErrors;
        this.txErrors = txErrors;
        this.updatedMillis = updatedMillis;
    }

    public long getIfuid() {
        return ifuid;
    }

    public int getVrfid() {
        return vrfid;
    }

    public long getRxPackets() {
        return rxPackets;
    }

    public long getRxBytes() {
        return rxBytes;
    }

    public long getTxPackets() {
        return txPackets;
    }

    public long getTxBytes() {
        return txBytes;
    }

    public long getRxDropped() {
        return rxDropped;
    }

    public long getTxDropped() {
        return txDropped;
    }

    public long getRxErrors() {
        return rxErrors;
    }

    public long getTxErrors() {
        return txErrors;
    }

    /** When the FPM reported these counters (epoch milliseconds). */
    public long getUpdatedMillis() {
        return updatedMillis;
    }
}
