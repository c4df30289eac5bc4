package org.linuxfpsync.fpstats;

import java.beans.ConstructorProperties;

/**
 * What the fast path forwarded on one multicast route, as the FPM last reported it (the kernel's
 * {@code rta_mfc_stats} of the same entry counts only what Linux forwarded itself). A class with
 * getters (not a record) so that JMX clients see it as an open composite type.
 */
public final class MulticastRouteCounters {
    private final int vrfid;
    private final String family;
    private final long table;
    private final String source;
    private final String group;
    private final long packets;
    private final long bytes;
    private final long wrongIf;
    private final long updatedMillis;

    /**
     * @param family "inet" or "inet6", as {@code ip -j mroute} names them
     * @param source the source address, the family's any address for (*,G)
     */
    @ConstructorProperties({"vrfid", "family", "table", "source", "group", "packets", "bytes", "wrongIf",
        "updatedMillis"})
    public MulticastRouteCounters(int vrfid, String family, long table, String source, String group, long packets,
                                  long bytes, long wrongIf, long updatedMillis) {
        this.vrfid = vrfid;
        this.family = family;
        this.table = table;
        this.source = source;
        this.group = group;
        this.packets = packets;
        this.bytes = bytes;
        this.wrongIf = wrongIf;
        this.updatedMillis = updatedMillis;
    }

    public int getVrfid() {
        return vrfid;
    }

    public String getFamily() {
        return family;
    }

    public long getTable() {
        return table;
    }

    public String getSource() {
        return source;
    }

    public String getGroup() {
        return group;
    }

    public long getPackets() {
        return packets;
    }

    public long getBytes() {
        return bytes;
    }

    /** Packets that arrived on another interface than the route's input interface. */
    public long getWrongIf() {
        return wrongIf;
    }

    /** When the FPM reported these counters (epoch milliseconds). */
    public long getUpdatedMillis() {
        return updatedMillis;
    }
}
