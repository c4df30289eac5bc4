package org.linuxfpsync.fpc;

/**
 * The fast path manager at the other end of a session, as its HELLO describes it.
 *
 * @param name     the peer's software name (e.g. {@code linux-fp-sync-fpm})
 * @param version  the FPC protocol version agreed for the session
 * @param features the sync-mask bits (the manual's table) the peer can apply; 0 when its HELLO carries no
 *                 FEATURES. The cache manager syncs the intersection of these with its own sync mask.
 * @param epoch    increases with every session the peer accepts; a new epoch means its tables may be empty
 */
public record FpcPeer(String name, int version, long features, long epoch) {
}
