package org.linuxfpsync.cmgr.spi;

import java.util.Optional;

import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.Vrf;

/**
 * What the core offers to sync features: the vrfs it follows, and the L3 sync of an address
 * family in one of them.
 *
 * <p>Several syncs can fill one FPC object family of a vrf (IPv4 and IPv6 routes are both
 * {@code routes}), while FPC's graceful-restart markers and FLUSH name a whole family. The
 * core therefore frames the replays of every such sync in one shared window: when one of them
 * replays, the others replay within the same GR_BEGIN/GR_END, so the FPM's sweep removes only
 * what none of them still has.
 */
public interface SyncCore {

    /** Registers a listener and calls {@link VrfListener#vrfFollowed} at once for each vrf followed now. */
    void addVrfListener(VrfListener listener);

    void removeVrfListener(VrfListener listener);

    /**
     * Starts syncing the addresses, routes, neighbours and rules of {@code addressFamily} in a vrf the
     * core follows; returns once the kernel's current state has been sent.
     *
     * @param addressFamily AF_INET (2) or AF_INET6 (10)
     * @throws IllegalArgumentException when the vrf is not followed or the family is neither
     * @throws NetlinkException         when the namespace's sockets cannot be opened
     */
    L3Sync startL3Sync(Vrf vrf, int addressFamily) throws NetlinkException;

    /**
     * Joins the replay window of an FPC object family in a vrf, shared with every other sync of that
     * family (the core's own and other features'). A new FPM session replays every member of every
     * window: {@code replay} is then run, as it is when another member's dump opens a window.
     *
     * @param fpcFamily an object family of FPC other than the interfaces ({@code FdbAttr.FAMILY_FDB})
     * @param name      the sync, for logs
     * @param replay    asks this sync for a full dump, as soon as possible, without waiting for it
     *                  (e.g. {@code Subscription.resync}); it must not block
     * @throws IllegalArgumentException when the family is not an FPC object family
     */
    default ReplayMember joinReplayWindow(Vrf vrf, int fpcFamily, String name, Runnable replay) {
        // Additive SPI change: the cache manager overrides it; a core that does not would have no
        // window to offer, and a feature must not run without one.
        throw new UnsupportedOperationException("this SyncCore has no replay windows");
    }

    /**
     * Whether the core holds the interface of {@code ifindex} in the vrf: it has sent its IF_CREATE
     * (and the FPM refuses an object of an interface it does not hold). A feature's dump runs on a
     * socket of its own and can report a link created so recently that its RTM_NEWLINK still waits in
     * the listening socket, unread by the core: the feature leaves such a link to that notification,
     * which reaches the core first. To be called on the vrf's reader thread.
     */
    default boolean holdsInterface(Vrf vrf, int ifindex) {
        // Additive SPI change: a core that does not say holds every interface (the former behaviour).
        return true;
    }

    /**
     * The followed vrf whose namespace the namespace of {@code vrf} calls {@code netnsid}: where the
     * lower device of a link of {@code vrf} is when its message carries {@code IFLA_LINK_NETNSID}
     * (a tunnel's underlay, a macvlan's parent moved elsewhere). Its ifuids are {@code Ifuid.of} that
     * vrf's vrfid. To be called on a reader thread: it may ask the kernel ({@code RTM_GETNSID}).
     *
     * @return empty when no followed vrf has that id in {@code vrf} (the namespace is not followed,
     *         or the core cannot tell): an object that needs it is refused, never given a wrong ifuid
     */
    default Optional<Vrf> vrfOfNetnsid(Vrf vrf, int netnsid) {
        // Additive SPI change: a core that cannot tell follows no other namespace for its features.
        return Optional.empty();
    }
}
