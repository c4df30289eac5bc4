package org.linuxfpsync.fpm;

/**
 * A fast path fed from the FPM's tables (docs/fp-xdp.md): registered as an OSGi service, the FPM
 * binds at most one. It is told of every change a session applies, on the session's thread, right
 * after the tables changed; it answers the counters of STATS_REQUEST and the FEATURES of HELLO.
 * Calls must be quick and must not throw.
 */
public interface FpmFastPath {

    /** The sync-mask bits of what it forwards (HELLO FEATURES, docs/fpc-protocol.md §7.5). */
    long features();

    /**
     * Bound: the tables may already hold objects, which it reads from {@code fpm}; changes are
     * told from now on, and may be told again for objects the snapshot already shows.
     */
    void bound(FpmService fpm);

    /** Unbound: nothing more is told. */
    void unbound();

    /**
     * @param type   the FPC message type applied ({@code ROUTE_ADD}, {@code IF_CREATE}...)
     * @param object the {@link FpmObject} or {@link FpmInterface} written or deleted, or the ifuid
     *               ({@link Long}) of an {@code IF_DELETE}, after which what belongs to it is gone too
     */
    void applied(int type, Object object);

    /**
     * Objects of a family went without a message each (a graceful-restart sweep, a FLUSH): the
     * table named {@code table} of vrf {@code vrfid} is to be read again.
     */
    void removedWithoutNotice(String table, int vrfid);

    /**
     * What it counted on an interface: rx packets, rx bytes, tx packets, tx bytes, rx dropped,
     * tx dropped, rx errors, tx errors (STATS_REPLY RX_PACKETS..TX_ERRORS, in that order), or null
     * when it does not count that interface.
     */
    long[] counters(FpmInterface iface);
}
