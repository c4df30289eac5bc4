package org.linuxfpsync.fpm;

import java.util.List;

/** The reference fast path manager: an FPC server and the tables it keeps. */
public interface FpmService {

    /** Where it listens, {@code unix:/path} or {@code tcp:host:port} (the bound port when 0 was configured). */
    String endpoint();

    /** The tables as documented in docs/fpm-dump.md, pretty-printed; field names follow iproute2's {@code -j}. */
    String dumpJson();

    /** A snapshot of the interface table, sorted by vrfid then ifindex (both unsigned). */
    List<FpmInterface> interfaces();

    /**
     * A snapshot of one of the other tables ({@code routes}, {@code addresses}..., the object
     * families of docs/fpc-protocol.md), sorted by vrfid then key.
     *
     * @throws IllegalArgumentException for a table that does not exist
     */
    List<FpmObject> objects(String table);

    FpmStats stats();

    /**
     * What a fast path that forwarded packets of a multicast route adds to the route's counters,
     * which the dump reports as {@code ip -j -s mroute} does (docs/decisions.md: how they go back).
     *
     * @param mroute one of {@code objects("mroutes")}
     * @return false when the FPM no longer holds it
     * @throws IllegalArgumentException for an object of another table, or a negative count
     */
    boolean countMroutePackets(FpmObject mroute, long packets, long bytes);
}
