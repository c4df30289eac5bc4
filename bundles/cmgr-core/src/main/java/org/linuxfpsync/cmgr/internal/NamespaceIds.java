package org.linuxfpsync.cmgr.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.RateLimitedLog;
import org.linuxfpsync.netlink.Vrf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which followed vrf a namespace's {@code IFLA_LINK_NETNSID} names: the ids each followed namespace
 * gives the others, asked of the kernel ({@code RTM_GETNSID}) the first time an id is met and kept
 * until the followed vrfs change. An id stays bound to its namespace while both live (the kernel
 * never renumbers), so a kept answer is right; an id that names no followed vrf is asked again after
 * {@link #MISS_SECONDS} at most (its namespace may have gone and the id been given to a followed one).
 * Called on the features' reader threads.
 */
final class NamespaceIds {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceIds.class);
    static final long MISS_SECONDS = 10;

    private final NetlinkService netlink;
    /** vrfid → (id → the followed vrf that id names there). */
    private final Map<Integer, Map<Integer, Vrf>> ids = new ConcurrentHashMap<>();
    /** (vrfid, id) → when it was last found to name no followed vrf (nanoTime). */
    private final Map<Long, Long> misses = new ConcurrentHashMap<>();
    private final RateLimitedLog failures = new RateLimitedLog(LOG);

    NamespaceIds(NetlinkService netlink) {
        this.netlink = netlink;
    }

    /** The followed vrfs changed: every answer may be stale. */
    void clear() {
        ids.clear();
        misses.clear();
    }

    /**
     * @param followed every vrf followed now, {@code in} among them
     */
    Optional<Vrf> vrfOf(Vrf in, int netnsid, List<Vrf> followed) {
        if (netnsid < 0 || !followed.contains(in)) {
            return Optional.empty();
        }
        Map<Integer, Vrf> known = ids.get(in.vrfid());
        if (known != null && known.containsKey(netnsid)) {
            return Optional.of(known.get(netnsid));
        }
        long key = ((long) in.vrfid() << 32) | (netnsid & 0xffffffffL);
        Long missed = misses.get(key);
        if (known != null && missed != null && System.nanoTime() - missed < MISS_SECONDS * 1_000_000_000L) {
            return Optional.empty();
        }
        Map<Integer, Vrf> asked = ask(in, followed);
        ids.put(in.vrfid(), asked);
        Vrf found = asked.get(netnsid);
        if (found == null) {
            misses.put(key, System.nanoTime());
        }
        return Optional.ofNullable(found);
    }

    private Map<Integer, Vrf> ask(Vrf in, List<Vrf> followed) {
        Map<Integer, Vrf> asked = new HashMap<>();
        for (Vrf peer : followed) {
            if (peer.vrfid() == in.vrfid()) {
                continue;
            }
            try {
                int id = netlink.netnsid(in, peer);
                if (id >= 0) {
                    asked.put(id, peer);
                }
            } catch (NetlinkException e) {
                if (failures.admit()) {
                    LOG.warn("vrf {}: the id it gives vrf {} is unknown ({} warnings suppressed): {}", in.vrfid(),
                            peer.vrfid(), failures.suppressed(), e.getMessage());
                }
            }
        }
        return asked;
    }
}
