package org.linuxfpsync.fpxdp.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.NeighbourAttr;
import org.linuxfpsync.fpc.codec.NexthopObjectAttr;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpm.FpmFastPath;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;
import org.linuxfpsync.fpm.FpmService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fp-xdp (docs/fp-xdp.md): the FPM's fast path. Bound by the FPM, it translates every change the
 * FPM applies into the XDP maps of the vrf it belongs to, and answers the FPM's STATS_REQUESTs with
 * what the XDP program counted. Changes are applied on the FPM session's thread, under one lock
 * that a resynchronization (bind, sweep, flush) also takes, so the maps have one writer at a time.
 */
@Component(service = FpmFastPath.class, configurationPid = FpXdp.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = FpXdp.Config.class)
public final class FpXdp implements FpmFastPath {
    public static final String PID = "org.linuxfpsync.fpxdp";
    /** What it forwards: IPv4 (base, no bit) and IPv6 (0x10000). */
    static final long FEATURES = 0x10000;

    private static final Logger LOG = LoggerFactory.getLogger(FpXdp.class);
    private static final List<String> TABLES = List.of("interfaces", "nexthops", "routes", "neighbours");

    @ObjectClassDefinition(name = "linux-fp-sync fp-xdp", description = "The XDP fast path behind the FPM")
    public @interface Config {
        @AttributeDefinition(description = "vrfs forwarded: '<vrfid>' (this namespace) or '<vrfid>:<netns>', comma-separated")
        String vrfs() default "0";

        @AttributeDefinition(description = "Interfaces to attach XDP to, comma-separated names, or * for every Ethernet one")
        String interfaces() default FpXdpSettings.ALL;

        @AttributeDefinition(description = "auto, native or generic")
        String xdpMode() default "auto";
    }

    private final Map<Integer, VrfDataPlane> planes = new LinkedHashMap<>();
    private final LongAdder changesApplied = new LongAdder();
    private final LongAdder changeErrors = new LongAdder();
    private FpmService fpm;

    public FpXdp() {
    }

    /** Outside OSGi (the benchmarks, the tests): configured and loaded at once; {@link #deactivate} unloads. */
    public FpXdp(Map<String, ?> config) {
        activate(config);
    }

    @Activate
    void activate(Map<String, ?> config) {
        FpXdpSettings s = FpXdpSettings.from(config);
        Native lib = Native.load();
        try {
            s.vrfs().forEach((vrfid, netns) -> planes.put(vrfid, new VrfDataPlane(lib, vrfid, netns, s)));
        } catch (RuntimeException e) {
            planes.values().forEach(VrfDataPlane::close);
            planes.clear();
            throw e;
        }
        LOG.info("fp-xdp: XDP loaded for vrfs {} (attaches to {}, mode {})", s.vrfs(), s.interfaces(),
                s.mode().name().toLowerCase());
    }

    @Deactivate
    public synchronized void deactivate() {
        planes.values().forEach(VrfDataPlane::close);
        LOG.info("fp-xdp: XDP detached and unloaded ({} changes applied, {} refused)", changesApplied.sum(),
                changeErrors.sum());
        planes.clear();
    }

    @Override
    public long features() {
        return FEATURES;
    }

    @Override
    public synchronized void bound(FpmService service) {
        fpm = service;
        for (Integer vrfid : planes.keySet()) {
            for (String table : TABLES) {
                resync(table, vrfid);
            }
        }
    }

    @Override
    public synchronized void unbound() {
        fpm = null;
    }

    @Override
    public synchronized void applied(int type, Object object) {
        try {
            apply(type, object);
            changesApplied.increment();
        } catch (RuntimeException e) {
            // a full map, a kernel refusal: counted and logged (the 1st, 2nd, 4th... so that a full
            // map does not flood the log); the FPM's session goes on
            changeErrors.increment();
            long n = changeErrors.sum();
            if (Long.bitCount(n) == 1) {
                LOG.warn("fp-xdp: change 0x{} not applied ({} so far): {}", Integer.toHexString(type), n, e.getMessage());
            }
        }
    }

    private void apply(int type, Object object) {
        if (type == InterfaceAttr.IF_DELETE) {
            long ifuid = (Long) object;
            for (VrfDataPlane p : planes.values()) {
                if (p.forwarding().holds(ifuid)) {
                    p.interfaceDeleted(ifuid);
                }
            }
            return;
        }
        if (type == InterfaceAttr.IF_CREATE || type == InterfaceAttr.IF_UPDATE) {
            FpmInterface i = (FpmInterface) object;
            VrfDataPlane p = planes.get(i.vrfid());
            if (p != null) {
                p.interfaceChanged(i);
            } else {
                // it moved to a vrf we do not forward
                planes.values().forEach(q -> q.interfaceDeleted(i.ifuid()));
            }
            return;
        }
        if (!(object instanceof FpmObject)) {
            return;
        }
        FpmObject o = (FpmObject) object;
        VrfDataPlane p = planes.get(o.vrfid());
        if (p == null) {
            return;
        }
        VrfForwarding f = p.forwarding();
        switch (type) {
            case RouteAttr.ROUTE_ADD: f.routeAdded(o); break;
            case RouteAttr.ROUTE_DEL: f.routeDeleted(o); break;
            case NexthopObjectAttr.NEXTHOP_ADD: f.nexthopAdded(o); break;
            case NexthopObjectAttr.NEXTHOP_DEL: f.nexthopDeleted(o); break;
            case NeighbourAttr.NEIGH_ADD: f.neighbourAdded(o); break;
            case NeighbourAttr.NEIGH_DEL: f.neighbourDeleted(o); break;
            default: break;
        }
    }

    @Override
    public synchronized void removedWithoutNotice(String table, int vrfid) {
        if (planes.containsKey(vrfid)) {
            resync(table, vrfid);
        }
    }

    /** Makes what a vrf's plane holds of a table what the FPM holds: what went is removed, the rest (re)applied. */
    private void resync(String table, int vrfid) {
        if (fpm == null || !TABLES.contains(table)) {
            return;
        }
        VrfDataPlane p = planes.get(vrfid);
        try {
            if (table.equals("interfaces")) {
                Set<Long> now = new HashSet<>();
                for (FpmInterface i : fpm.interfaces()) {
                    if (i.vrfid() == vrfid) {
                        now.add(i.ifuid());
                        p.interfaceChanged(i);
                    }
                }
                for (Long ifuid : p.forwarding().ifuids()) {
                    if (!now.contains(ifuid)) {
                        p.interfaceDeleted(ifuid);
                    }
                }
                return;
            }
            Set<List<Object>> now = new HashSet<>();
            int add = addType(table);
            for (FpmObject o : fpm.objects(table)) {
                if (o.vrfid() == vrfid) {
                    now.add(o.key());
                    apply(add, o);
                }
            }
            for (FpmObject o : p.forwarding().held(table)) {
                if (!now.contains(o.key())) {
                    apply(add + 1, o);
                }
            }
        } catch (RuntimeException e) {
            changeErrors.increment();
            LOG.warn("fp-xdp: resynchronization of {} in vrf {} incomplete: {}", table, vrfid, e.getMessage());
        }
    }

    private static int addType(String table) {
        switch (table) {
            case "routes": return RouteAttr.ROUTE_ADD;
            case "nexthops": return NexthopObjectAttr.NEXTHOP_ADD;
            case "neighbours": return NeighbourAttr.NEIGH_ADD;
            default: throw new IllegalArgumentException(table);
        }
    }

    @Override
    public long[] counters(FpmInterface iface) {
        VrfDataPlane p;
        synchronized (this) {
            p = planes.get(iface.vrfid());
        }
        long[] c = p == null ? null : p.counters(iface.ifuid());
        if (c == null) {
            return null;
        }
        return new long[] {c[XdpMaps.RX_PACKETS], c[XdpMaps.RX_BYTES], c[XdpMaps.TX_PACKETS], c[XdpMaps.TX_BYTES],
                c[XdpMaps.RX_DROPPED], c[XdpMaps.TX_DROPPED], 0, 0};
    }

    /** The exceptions (packets handed to Linux) and their bytes on an interface, null if not counted. */
    long[] exceptions(FpmInterface iface) {
        VrfDataPlane p;
        synchronized (this) {
            p = planes.get(iface.vrfid());
        }
        long[] c = p == null ? null : p.counters(iface.ifuid());
        return c == null ? null : new long[] {c[XdpMaps.EXCEPTIONS], c[XdpMaps.EXCEPTION_BYTES]};
    }

    synchronized Map<Integer, VrfDataPlane> planes() {
        return Map.copyOf(planes);
    }

    long changesApplied() {
        return changesApplied.sum();
    }

    long changeErrors() {
        return changeErrors.sum();
    }
}
