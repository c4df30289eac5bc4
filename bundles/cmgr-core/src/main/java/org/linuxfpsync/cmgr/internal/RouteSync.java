package org.linuxfpsync.cmgr.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

import org.linuxfpsync.cmgr.internal.RouteDependencies.RouteKey;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.AddressMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.RouteMessage;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of one address family in one vrf, every table and type: RTM_NEWROUTE/RTM_DELROUTE
 * to ROUTE_ADD/ROUTE_DEL. This is the hot path (the kernel reports tens of thousands of routes a
 * second): the decoder, the writer and the address buffers are reused, and the only state kept is
 * the route's key in a {@link KeySet} (with its next hop count), so nothing is allocated per route.
 * This class keeps the keys (shared keys, duplicates, refreshes) and decides what to send;
 * {@link RouteFrames} writes the frames.
 *
 * <p>Routes have a channel of their own ({@link L3ObjectKind#ROUTES}): a route flood that overflows
 * its socket resyncs routes only, not the interfaces.
 *
 * <p>The key set holds, per (table, destination, tos, metric), the output interface of the route
 * (FPC's OIF_IFUID) and its next hop count, or marks that the kernel holds several routes with
 * that key. A route replaced (NLM_F_REPLACE) by one that leaves by another interface is notified
 * as a new route only: the FPM's route under the old interface is deleted.
 *
 * <p>Some kernel changes need a dump instead of a notification:
 * <ul>
 * <li>routes the kernel deletes or changes without saying so: through a link that goes down or
 *     away (IPv4 flushes them), next hops marked dead or linkdown (down, carrier), IPv6 route MTUs
 *     lowered with the link's, preferred sources cleared or routes flushed when an address goes
 *     ({@link SilentRouteChanges}). This sync's socket also hears address deletions, and the
 *     links' reader tells it of link changes ({@link LinkRelay}): when a link's UP, RUNNING or
 *     LOWER_UP flag or MTU changes, or it goes, or an
 *     address of the family goes, {@link RouteDependencies} says which routes depend on it. None:
 *     nothing to do, whatever the size of the table. A link gone: its routes are deleted as the
 *     kernel did. Otherwise a dump of the routes through the device only (filtered by the kernel,
 *     {@code RTA_OIF}), compared with what the FPM has; a refresh of the whole table when the
 *     index cannot tell (an IPv6 multipath route through a link gone, routes through nexthop
 *     objects, whose devices are the objects', a kernel that does not filter dumps). Heard on the routes'
 *     own socket (an address) or run after what it holds (a link's task), that event comes after
 *     every route notification the kernel sent before the silent change, so the dump, run once
 *     they are delivered, cannot be overtaken by an older notification (which could bring back a
 *     route the kernel flushed);</li>
 * <li>IPv6 multipath routes, whose next hops are separate kernel routes: deleting one of them is
 *     notified as the deletion of a single-path route, and nothing says what remains. A
 *     single-path RTM_DELROUTE of a route known with several next hops therefore deletes nothing
 *     and asks for a dump, which sends the route as it now is. Appending one (NLM_F_APPEND) is
 *     notified with the new next hop's own attributes (preferred source, metrics) as the route's,
 *     where the dump shows the first next hop's: a dump follows too;</li>
 * <li>the routes through a nexthop object that is deleted, which go silently: this sync's socket
 *     also hears RTM_DELNEXTHOP and asks for a dump.</li>
 * </ul>
 *
 * <p>A route through a nexthop object (RTA_NH_ID) is sent with its ID only, no next hop and no
 * output interface ({@link RouteFrames}): with nexthop_compat_mode 1 the kernel re-notifies it when
 * the nexthop changes, and the frame, equal to the one sent (the key set's hash), is not sent again.
 */
final class RouteSync extends LinkDependentSync {
    private static final Logger LOG = LoggerFactory.getLogger(RouteSync.class);
    private static final long ABSENT = -1L;
    /** In a key set entry: the route has a preferred source ({@link RouteDependencies} has it). */
    private static final long PREFSRC = 1L << 49;
    /** In a key set entry: the route has several next hops (RTA_MULTIPATH; {@link RouteDependencies} has their devices). */
    private static final long MULTIPATH = 1L << 50;
    /** In a key set entry: the route goes through a nexthop object (RTA_NH_ID). */
    private static final long NH_OBJECT = 1L << 51;
    /**
     * In a key set entry: the kernel has several routes with this table, destination, tos and
     * metric, by different interfaces (FPC tells them apart by OIF_IFUID); the entry counts one.
     */
    private static final long DUPLICATES = 1L << 48;

    private final RouteMessage route = new RouteMessage();
    private final AddressMessage address4or6 = new AddressMessage();
    /** {@link RouteDependencies#changes} when the link interest was published. */
    private long interestChanges = -1;
    /** The shared keys' interfaces or the devices asked for changed since the link interest was published. */
    private boolean interestStale = true;
    /** The destination of the route at hand, or of the key being deleted. */
    private final byte[] dst = new byte[16];
    private final RouteFrames frames;
    private final Runnable replay;
    /** Asks for a dump of the routes through one device ({@link #filteredDumpStarted}). */
    private final IntConsumer dumpDevice;
    /** The routes that depend on each device and preferred source. */
    private final RouteDependencies dependencies;
    /** False once a dump by device came back unfiltered: this kernel only refreshes whole tables. */
    private boolean kernelFiltersDumps = true;
    /** The device whose routes the running filtered dump reports; 0 outside one. */
    private int dumpedDevice;
    /** The routes (key, FPC output interface) through {@link #dumpedDevice} that it has not reported yet. */
    private final Set<Expected> expected = new HashSet<>();
    /** The filtered dump reported something the index cannot place: a refresh of the table follows. */
    private boolean dumpUndecided;
    /**
     * Devices a dump by device was asked for and has not finished: only their deletion needs
     * remembering (below), so that link churn without routes holds nothing.
     */
    private final KeySet devicesAsked = new KeySet(1);
    /**
     * Devices of {@link #devicesAsked} deleted before their dump ran: that dump fails (ENODEV) with
     * nothing to conclude, the deletion having applied the kernel's rule already (a link deleted while
     * up is first notified down, which asks for that dump).
     */
    private final KeySet devicesGone = new KeySet(1);
    private final byte[] prefsrc = new byte[16];
    private final byte[] deletedAddress = new byte[16];

    /** A route a filtered dump should report: its key and the output interface of its FPC key. */
    private record Expected(RouteKey key, int oif) {
    }
    /** A dump no longer reports a shared key whose routes the index does not know: only a replay is exact. */
    private boolean replayAfterRefresh;
    /**
     * The output interfaces of the routes of each key several kernel routes share (DUPLICATES), as
     * the FPM has them, each with the hash of the ROUTE_ADD it got (the key set keeps one per key):
     * few (the prefix routes of a subnet on two links, fe80::/64 and ff00::/8 on every IPv6 link),
     * kept so that a differential dump deletes exactly those of them that went and sends none that
     * did not change.
     */
    private final Map<RouteKey, Map<Integer, Long>> shared = new HashMap<>();
    /** The same, as the running dump reports them. */
    private final Map<RouteKey, Map<Integer, Long>> sharedInDump = new HashMap<>();

    /**
     * @param redump     asks for a refresh of this sync (its subscription's resync, REFRESH)
     * @param replay     asks for a full dump in the family's replay window (REQUESTED)
     * @param dumpDevice asks for a dump of the routes through a device (its subscription's
     *                   dumpFiltered with {@link #dumpByDevice})
     */
    RouteSync(Vrf vrf, int addressFamily, FpcChannel fpc, Runnable redump, Runnable replay, IntConsumer dumpDevice) {
        // Key words: table and priority; prefix length and tos (and an IPv4 destination); an IPv6 destination.
        super(L3ObjectKind.ROUTES, vrf, addressFamily, fpc, addressFamily == Rtnetlink.AF_INET ? 2 : 4, redump);
        this.replay = replay;
        this.dumpDevice = dumpDevice;
        this.dependencies = new RouteDependencies(keys.key.length);
        this.frames = new RouteFrames(writer(), vrf.vrfid(), addressFamily);
    }

    @Override
    void deleteSwept(long value) {
        if ((value & DUPLICATES) == 0) {
            deleteKey(keys.key, oifOf(value));
            return;
        }
        Map<Integer, Long> oifs = shared.remove(RouteKey.of(keys.key));
        interestStale = true;
        if (oifs == null) {
            replayAfterRefresh = true; // not expected: which routes of the key the FPM has, only a replay says
            return;
        }
        for (int oif : oifs.keySet()) {
            deleteKey(keys.key, oif);
        }
    }

    /** ROUTE_DEL of the route of {@code key} (key set words) through {@code oif}. */
    private void deleteKey(long[] key, int oif) {
        int table = (int) (key[0] >>> 32);
        int priority = (int) key[0];
        int prefixLength = (int) ((key[1] >>> 8) & 0xff);
        int tos = (int) (key[1] & 0xff);
        if (addressLength == 4) {
            int v4 = (int) (key[1] >>> 32);
            dst[0] = (byte) (v4 >>> 24);
            dst[1] = (byte) (v4 >>> 16);
            dst[2] = (byte) (v4 >>> 8);
            dst[3] = (byte) v4;
        } else {
            for (int i = 0; i < 8; i++) {
                dst[i] = (byte) (key[2] >>> (56 - 8 * i));
                dst[i + 8] = (byte) (key[3] >>> (56 - 8 * i));
            }
        }
        // PRIORITY 0 and no PRIORITY name the same FPC key.
        send(frames.delete(table, dst, prefixLength, tos, priority != 0, priority, oif));
    }

    /**
     * The routes of a shared key the refresh no longer reports went silently: each is deleted by
     * its interface. Then the shared keys are what the refresh reported.
     */
    @Override
    void differentialFinished(boolean complete) {
        if (complete) {
            deleteSharedRoutesGone();
        }
        sharedAsDumped(complete);
    }

    /**
     * A replay's sweep deleted what went (the FPM's, at the window's GR_END; this sync's, when it
     * {@link #sweepsItself}): the shared keys are what it reported.
     */
    @Override
    void replayFinished(boolean complete) {
        if (complete && sweepsItself()) {
            deleteSharedRoutesGone();
        }
        sharedAsDumped(complete);
    }

    /** ROUTE_DEL of each route of a shared key that the complete dump did not report. */
    private void deleteSharedRoutesGone() {
        long[] key = keys.key;
        for (Map.Entry<RouteKey, Map<Integer, Long>> e : shared.entrySet()) {
            Map<Integer, Long> now = sharedInDump.get(e.getKey());
            e.getKey().copyTo(key);
            long single = now == null ? keys.get(ABSENT) : ABSENT;
            for (int oif : e.getValue().keySet()) {
                boolean stays = now != null ? now.containsKey(oif) : single != ABSENT && oifOf(single) == oif;
                if (!stays) {
                    deleteKey(key, oif);
                }
            }
        }
    }

    /** After a full dump: the shared keys are those it reported (when complete), the index what the key set holds. */
    private void sharedAsDumped(boolean complete) {
        if (complete) {
            shared.clear();
            shared.putAll(sharedInDump);
            interestStale = true;
        }
        sharedInDump.clear();
        rebuildDependencies();
        if (replayAfterRefresh) {
            replayAfterRefresh = false;
            replay.run();
        }
    }

    /** After a full dump and its sweep: the index holds what the key set holds. */
    private void rebuildDependencies() {
        long[] key = keys.key;
        dependencies.rebuild(keys, k -> {
            k.copyTo(key);
            long v = keys.get(ABSENT);
            return v != ABSENT && (v & DUPLICATES) == 0 && (v & MULTIPATH) != 0 ? nexthopsOf(v) : 0;
        }, k -> {
            k.copyTo(key);
            long v = keys.get(ABSENT);
            return v != ABSENT && (v & DUPLICATES) == 0 && (v & PREFSRC) != 0;
        }, v -> (v & DUPLICATES) == 0 ? oifOf(v) : 0, v -> (v & DUPLICATES) == 0 && (v & NH_OBJECT) != 0);
    }

    /**
     * Notes that the route through {@code oif}, whose ROUTE_ADD the FPM has with {@code hash}, is one
     * of those of a shared key (the key set's key).
     */
    private void share(boolean fromDump, int oif, long hash) {
        if (!fromDump) {
            interestStale = true;
        }
        (fromDump ? sharedInDump : shared).computeIfAbsent(RouteKey.of(keys.key), k -> new HashMap<>(4)).put(oif, hash);
    }

    /** The hash of what the FPM has of the route through {@code oif} of the shared key at hand, or 0. */
    private long sharedHash(int oif) {
        Map<Integer, Long> oifs = shared.get(RouteKey.of(keys.key));
        Long hash = oifs == null ? null : oifs.get(oif);
        return hash == null ? 0 : hash;
    }

    @Override
    void dumpStarting() {
        sharedInDump.clear();
        // Cleared, a dump by device still queued that fails only costs a refresh (the safe side).
        devicesAsked.clear();
        devicesGone.clear();
        interestStale = true;
    }

    @Override
    void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        switch (message.type()) {
            case Rtnetlink.RTM_DELNEXTHOP:
                // The kernel deletes the routes through a deleted nexthop object without notifying them.
                redump.run();
                return;
            case Rtnetlink.RTM_DELADDR:
                if (address4or6.wrap(message).family() == addressFamily) {
                    addressDeleted();
                }
                return;
            default:
                route(message, fromDump);
        }
    }

    /** The dump of the routes of this family through {@code ifindex}, filtered by the kernel. */
    static DumpRequest dumpByDevice(int addressFamily, int ifindex) {
        return DumpRequest.filtered(Rtnetlink.RTM_GETROUTE, NetlinkRequests.rtmsgDumpByOif(addressFamily, ifindex));
    }

    /** Deleted devices held for a dump by device still to finish (a bound to watch: tests). */
    int deletedDevicesHeld() {
        return devicesGone.size();
    }

    /** The routes whose next hop or shared key goes through {@code ifindex}. */
    private int routesThrough(int ifindex) {
        int n = dependencies.routesThrough(ifindex);
        for (Map<Integer, Long> oifs : shared.values()) {
            if (oifs.containsKey(ifindex)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Before the reader waits: the links the routes go through (single-path, multipath next hops,
     * shared keys), or every link when the index cannot name them (routes through nexthop objects)
     * or a dump by device is pending (its device's deletion must be heard). Rebuilt only when a
     * device gained its first route or lost its last one, or a shared key or a device asked changed.
     */
    @Override
    public void caughtUp() {
        long changes = dependencies.changes();
        if (!interestStale && changes == interestChanges) {
            return;
        }
        interestStale = false;
        interestChanges = changes;
        if (dependencies.objectRoutes() > 0 || devicesAsked.size() > 0) {
            publish(LinkInterest.ALL);
            return;
        }
        LinkInterest.Builder through = new LinkInterest.Builder();
        dependencies.forEachDevice(through::add);
        for (Map<Integer, Long> oifs : shared.values()) {
            oifs.keySet().forEach(through::add);
        }
        publish(through.build());
    }

    /**
     * A link changed what forwarding depends on, or went (told by the links' reader through
     * {@link LinkRelay}, after what this socket held then): what the kernel did to its routes, done here.
     */
    @Override
    public void linkChanged(ForwardingLinks.Change change, int ifindex) {
        if (change == ForwardingLinks.Change.DELETED) {
            devicesAsked.key[0] = ifindex;
            if (devicesAsked.get(-1) != -1) {
                devicesGone.key[0] = ifindex;
                devicesGone.put(0);
            }
        }
        int through = routesThrough(ifindex);
        boolean multipath = through > 0 && dependencies.multipathThrough(ifindex);
        if (dependencies.objectRoutes() > 0) {
            redump.run(); // routes through nexthop objects: which go with the link, the index cannot tell
            return;
        }
        switch (SilentRouteChanges.linkEvent(addressFamily, change, through, multipath, kernelFiltersDumps)) {
            case DELETE_THROUGH_DEVICE -> deleteThrough(ifindex);
            case DUMP_DEVICES -> dumpThrough(ifindex);
            case REFRESH_ALL -> redump.run();
            case NOTHING -> { }
        }
    }

    /**
     * A dump of the routes through {@code ifindex}; a refresh when most of the table goes through it
     * (an uplink): the refresh marks the routes by generation, where a dump by device lists those
     * it expects, an object each.
     */
    private void dumpThrough(int ifindex) {
        if (routesThrough(ifindex) * 2L > keys.size()) {
            redump.run();
        } else {
            devicesAsked.key[0] = ifindex;
            devicesAsked.put(0);
            interestStale = true;
            dumpDevice.accept(ifindex);
        }
    }

    /** An address of this family went: the routes through its device and those that had it as source. */
    private void addressDeleted() {
        int length = address4or6.copyLocal(deletedAddress);
        if (length == 0) {
            length = address4or6.copyAddress(deletedAddress);
        }
        int ifindex = address4or6.ifindex();
        Set<Integer> devices = new HashSet<>(4);
        int through = routesThrough(ifindex);
        if (through > 0) {
            devices.add(ifindex);
        }
        int[] fromAddress = {0};
        boolean known = length == 0 || dependencies.devicesOfRoutesFrom(deletedAddress, length, device -> {
            fromAddress[0]++;
            devices.add(device);
        });
        if (!known || dependencies.objectRoutes() > 0) {
            known = false; // routes through nexthop objects: which the address took, the index cannot tell
            fromAddress[0]++;
        }
        switch (SilentRouteChanges.addressDeleted(through, known, fromAddress[0], kernelFiltersDumps)) {
            case DUMP_DEVICES -> devices.forEach(this::dumpThrough);
            case REFRESH_ALL -> redump.run();
            default -> { }
        }
    }

    /** The link {@code ifindex} is gone: the kernel deleted every route through it without a word. */
    private void deleteThrough(int ifindex) {
        List<Expected> gone = new ArrayList<>();
        collectThrough(ifindex, gone);
        for (Expected e : gone) {
            deleteExpected(e);
        }
    }

    /** Adds the routes through {@code ifindex} to {@code into}: single-path, multipath, shared keys. */
    private void collectThrough(int ifindex, java.util.Collection<Expected> into) {
        if (dependencies.routesThrough(ifindex) > 0) {
            keys.forEach(value -> {
                if ((value & DUPLICATES) == 0 && oifOf(value) == ifindex) {
                    into.add(new Expected(RouteKey.of(keys.key), ifindex));
                }
            });
            dependencies.forEachMultipathThrough(ifindex, k -> into.add(new Expected(k, 0)));
        }
        shared.forEach((k, oifs) -> {
            if (oifs.containsKey(ifindex)) {
                into.add(new Expected(k, ifindex));
            }
        });
    }

    /** ROUTE_DEL of the route {@code e} names, if the FPM still has it; forgets it. */
    private void deleteExpected(Expected e) {
        long[] key = keys.key;
        e.key().copyTo(key);
        long value = keys.get(ABSENT);
        if (value == ABSENT) {
            return;
        }
        if ((value & DUPLICATES) != 0) {
            Map<Integer, Long> oifs = shared.get(e.key());
            if (oifs != null && oifs.remove(e.oif()) != null) {
                interestStale = true;
                deleteKey(key, e.oif());
                if (oifs.isEmpty()) {
                    shared.remove(e.key());
                    keys.remove();
                }
            }
            return;
        }
        if (oifOf(value) == e.oif()) {
            untrack(key, value);
            keys.remove();
            deleteKey(key, e.oif());
        }
    }

    /** Whether the route of this value has more in the index than its output interface (multipath, preferred source). */
    private static boolean indexed(long value) {
        return (value & (PREFSRC | MULTIPATH | NH_OBJECT)) != 0;
    }

    /** The route of {@code key}, stored as {@code value}, leaves the index. */
    private void untrack(long[] key, long value) {
        if ((value & NH_OBJECT) != 0) {
            dependencies.countObjectRoute(-1);
        }
        dependencies.untrack(key, oifOf(value), (value & MULTIPATH) != 0 ? nexthopsOf(value) : 0,
                (value & PREFSRC) != 0);
    }

    /**
     * A dump of the routes through one device starts: the routes known through it are expected;
     * what the dump does not report the kernel deleted silently.
     */
    @Override
    public void filteredDumpStarted(DumpRequest filter) {
        dumpedDevice = ByteBuffer.wrap(filter.payload()).order(ByteOrder.nativeOrder()).getInt(RouteMessage.RTMSG_LENGTH + 4);
        dumpUndecided = false;
        expected.clear();
        collectThrough(dumpedDevice, expected);
    }

    @Override
    public void filteredDumpFinished(DumpRequest filter, boolean complete, boolean filtered) {
        int device = dumpedDevice;
        dumpedDevice = 0;
        if (complete && !filtered && kernelFiltersDumps) {
            // Still exact (the whole table was compared), but from now on a refresh is as cheap.
            kernelFiltersDumps = false;
            LOG.warn("vrf {}: this kernel does not filter route dumps by device: a link change refreshes every route",
                    vrf.vrfid());
        }
        devicesAsked.key[0] = device;
        devicesAsked.remove();
        interestStale = true;
        devicesGone.key[0] = device;
        if (!complete && devicesGone.remove()) {
            expected.clear(); // the device went after the request: deleteThrough did what the kernel did
            return;
        }
        if (!complete || dumpUndecided) {
            expected.clear();
            LOG.debug("vrf {}: routes of family {} through {}: {}, refreshing every route", vrf.vrfid(),
                    addressFamily, device, complete ? "undecided" : "dump failed");
            redump.run();
            return;
        }
        for (Expected e : expected) {
            deleteExpected(e);
        }
        expected.clear();
    }

    /**
     * A route a filtered dump reports: no longer expected. False when the index cannot place it (a
     * route under a key known by another interface): the dump is undecided.
     */
    private boolean reportedThroughDevice(int oif, long stored) {
        if (stored != ABSENT && (stored & DUPLICATES) == 0 && oifOf(stored) != oif) {
            dumpUndecided = true;
            return false;
        }
        expected.remove(new Expected(RouteKey.of(keys.key), oif));
        return true;
    }

    private void route(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        route.wrap(message);
        // One channel carries both families' route groups when IPv6 is synced too.
        if (route.family() != addressFamily || (route.flags() & Rtnetlink.RTM_F_CLONED) != 0) {
            return;
        }
        int prefixLength = route.dstPrefixLength();
        if (prefixLength > addressLength * 8) {
            throw malformed("rtm_dst_len " + prefixLength + " in a route of family " + addressFamily);
        }
        Arrays.fill(dst, (byte) 0);
        if (route.copyDst(dst) == 0 && prefixLength != 0) {
            throw malformed("RTA_DST missing in a route of prefix length " + prefixLength);
        }
        long[] key = keys.key;
        long tableAndPriority = ((long) route.table() << 32) | (route.priority() & 0xffffffffL);
        long prefixAndTos = ((long) prefixLength << 8) | route.tos();
        // Each family stores its own words, none before the branch: C2 widens a key store's range
        // check to the later stores it dominates (key[3] of an IPv6 key), and an IPv4 key, two
        // words, then fails it: a deoptimization and a recompilation of this path (~0.2 s of C2)
        // whenever the other family's routes come after a compilation (issue #23, JFR of the churn).
        if (addressLength == 4) {
            key[0] = tableAndPriority;
            key[1] = prefixAndTos
                    | (long) ((dst[0] & 0xff) << 24 | (dst[1] & 0xff) << 16 | (dst[2] & 0xff) << 8 | (dst[3] & 0xff)) << 32;
        } else {
            key[0] = tableAndPriority;
            key[1] = prefixAndTos;
            packAddress(key, 2, dst, 16);
        }
        // The FPC key's output interface: a single-path route's; none for multipath and blackholes, nor
        // for a route through a nexthop object (the object says where it leaves, and may change).
        int oif = route.nexthopCount() > 0 || route.nexthopId() != 0 ? 0 : Math.max(0, route.oif());
        boolean throughDevice = fromDump && dumpedDevice != 0;
        // A filtered dump compares with what the FPM has, whatever the generation.
        long known = throughDevice ? keys.get(ABSENT) : keys.getCurrent(ABSENT);
        long sentBefore = 0;
        if (throughDevice) {
            if (!reportedThroughDevice(oif, known)) {
                return;
            }
            sentBefore = keys.contentHash(0);
        } else if ((differential() || sweepsItself()) && fromDump) {
            sentBefore = differential() ? keys.contentHash(0) : 0;
            // What the FPM had under this key, at its first report in this dump.
            long before = known == ABSENT ? keys.get(ABSENT) : ABSENT;
            if (before != ABSENT && (before & DUPLICATES) == 0 && oifOf(before) != oif
                    && message.type() == Rtnetlink.RTM_NEWROUTE) {
                // One route under this key, by another interface now, its notification lost (a replace)
                // or never sent: the FPM's goes. Should the dump report that one too (two routes under
                // the key), the report sends it again, as one of a shared key's routes.
                send(frames.delete(route, dst, prefixLength, oifOf(before)));
            }
        }
        if (message.type() == Rtnetlink.RTM_DELROUTE) {
            deleted(prefixLength, oif, known);
        } else {
            added(message, fromDump, prefixLength, oif, known, sentBefore);
        }
    }

    /** RTM_DELROUTE of the route at hand, whose key (in the key set's words) held {@code known}. */
    private void deleted(int prefixLength, int oif, long known) {
        if (addressFamily == Rtnetlink.AF_INET6 && route.nexthopCount() == 0 && known != ABSENT
                && (known & DUPLICATES) == 0 && oifOf(known) == 0 && nexthopsOf(known) > 1) {
            // One next hop of an IPv6 multipath route went; the others stay, unnamed by the kernel.
            // Its index entries stay (more devices than it has): the dump asked for rebuilds them.
            keys.put(entry(0, nexthopsOf(known) - 1) | (known & (DUPLICATES | PREFSRC | MULTIPATH)));
            redump.run();
            return;
        }
        if (known != ABSENT && (known & DUPLICATES) == 0 && oifOf(known) == oif) {
            untrack(keys.key, known);
            keys.remove();
        } else if (known != ABSENT) {
            Map<Integer, Long> oifs = (known & DUPLICATES) != 0 ? shared.get(RouteKey.of(keys.key)) : null;
            boolean knownSinglePath = oifs != null && oifs.remove(oif) != null && !oifs.containsKey(0);
            interestStale |= oifs != null;
            if (addressFamily == Rtnetlink.AF_INET6 && route.nexthopCount() == 0 && !knownSinglePath) {
                // Among several routes with this key, this may have been one next hop of a multipath one.
                // Not when the key holds single-path routes only, this one among them (fe80::/64 of a
                // link that goes): exactly that route went, and every IPv6 link would refresh the table.
                redump.run();
            }
        }
        send(frames.delete(route, dst, prefixLength, oif));
    }

    /**
     * RTM_NEWROUTE of the route at hand, whose key held {@code known}; {@code sentBefore} is the
     * hash of what the FPM got for it when a refresh reports it.
     */
    private void added(NlMsg message, boolean fromDump, int prefixLength, int oif, long known, long sentBefore) {
        int nexthopId = route.nexthopId();
        boolean fullDump = fromDump && dumpedDevice == 0;
        boolean comparing = fromDump && (differential() || dumpedDevice != 0);
        // A route through a nexthop object counts one next hop: the IPv6 sibling logic is not for it.
        long entry = entry(oif, nexthopId != 0 ? 1 : Math.max(1, route.nexthopCount()));
        int prefsrcLength = route.copyPrefsrc(prefsrc);
        if (prefsrcLength > 0) {
            entry |= PREFSRC;
        }
        if (nexthopId == 0 && route.nexthopCount() > 0) {
            entry |= MULTIPATH;
        }
        if (nexthopId != 0) {
            entry |= NH_OBJECT;
        }
        long stored = known != ABSENT ? known : keys.get(ABSENT);
        if (comparing && (stored != ABSENT && (stored & DUPLICATES) != 0 || known != ABSENT && oifOf(known) != oif)) {
            // A route of a shared key: the key set's hash is one route's, the FPM's of this one is kept beside it.
            sentBefore = sharedHash(oif);
        }
        boolean sharedKey = false;
        if (known != ABSENT && (known & DUPLICATES) != 0) {
            if ((message.flags() & Rtnetlink.NLM_F_REPLACE) != 0) {
                redump.run(); // which of the routes sharing this key was replaced, the kernel does not say
            }
            entry |= DUPLICATES;
            sharedKey = true;
        } else if (known != ABSENT && oifOf(known) != oif) {
            // Two dump messages with one key are two routes the kernel has now (a reject route and an
            // IPv6 multipath route, prefix routes of one subnet on two links); only a notification
            // flagged NLM_F_REPLACE says that the route under the old interface is gone.
            if (!fromDump && (message.flags() & Rtnetlink.NLM_F_REPLACE) != 0) {
                send(frames.delete(route, dst, prefixLength, oifOf(known)));
            } else {
                entry |= DUPLICATES;
                share(fullDump, oifOf(known), keys.contentHash(0)); // the other route's, as the FPM has it
                sharedKey = true;
            }
        }
        if (addressFamily == Rtnetlink.AF_INET6 && !fromDump && (message.flags() & Rtnetlink.NLM_F_APPEND) != 0) {
            // ip -6 route append: the kernel notifies the route as seen from the new next hop, whose
            // own preferred source, metrics or protocol the route shows, where a dump shows the first
            // one's; and a single-path route that became a sibling is not notified as gone.
            redump.run();
        }
        long sentAlready = nexthopId != 0 && !fromDump && known == entry ? keys.contentHash(0) : 0;
        ByteBuffer frame = frames.add(route, dst, prefixLength, oif);
        long sent = contentHash(frame);
        keys.put(entry, sent);
        if (sharedKey) {
            share(fullDump, oif, sent);
        }
        reindex(stored, entry, prefsrcLength);
        if (comparing && sent == sentBefore) {
            return; // unchanged since the FPM got it
        }
        if (sentAlready != 0 && sent == sentAlready) {
            // nexthop_compat_mode 1: a change of its nexthop object re-notifies the route, the same
            // route as far as FPC goes (the FPM resolves NH_ID): NEXTHOP_ADD said it all.
            return;
        }
        send(frame);
    }

    /** The key set's entry at hand went from {@code stored} to {@code entry}: so does the index. */
    private void reindex(long stored, long entry, int prefsrcLength) {
        boolean wasCounted = stored != ABSENT && (stored & DUPLICATES) == 0;
        boolean isCounted = (entry & DUPLICATES) == 0;
        if (wasCounted && isCounted && stored == entry && !indexed(entry)) {
            return; // the same plain route again: nothing allocated, nothing recounted
        }
        if (wasCounted) {
            untrack(keys.key, stored);
        }
        if (isCounted) {
            if ((entry & NH_OBJECT) != 0) {
                dependencies.countObjectRoute(1);
            }
            dependencies.track(keys.key, oifOf(entry), prefsrcLength > 0 ? Arrays.copyOf(prefsrc, prefsrcLength) : null);
            if ((entry & MULTIPATH) != 0) {
                RouteMessage.Nexthops nexthops = route.nexthops();
                for (int rank = 0; nexthops.next(); rank++) {
                    dependencies.trackNexthop(keys.key, rank, nexthops.ifindex());
                }
            }
        }
    }

    private static long entry(int oif, int nexthops) {
        return (oif & 0xffffffffL) | ((long) nexthops << 32);
    }

    private static int oifOf(long entry) {
        return (int) entry;
    }

    private static int nexthopsOf(long entry) {
        return (int) ((entry >>> 32) & 0xffff);
    }
}
