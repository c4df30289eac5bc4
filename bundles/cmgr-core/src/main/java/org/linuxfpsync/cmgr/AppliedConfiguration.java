package org.linuxfpsync.cmgr;

/**
 * A configuration cmgrd writes or follows live, as its owner applied it (docs/decisions.md, "A
 * configuration cmgrd writes carries a revision").
 *
 * @param pid               its PID
 * @param revision          its {@code revision} applied (0: none given)
 * @param staleDeliveries   deliveries refused as stale echoes: an older revision than the one applied
 * @param invalidDeliveries deliveries refused because their revision is not a number
 */
public record AppliedConfiguration(String pid, long revision, long staleDeliveries, long invalidDeliveries) {
}
