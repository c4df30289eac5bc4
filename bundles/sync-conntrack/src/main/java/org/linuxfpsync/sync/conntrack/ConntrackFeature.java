package org.linuxfpsync.sync.conntrack;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.linuxfpsync.cmgr.SyncControl;
import org.linuxfpsync.cmgr.spi.FeatureCatalog;
import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FeatureComponent;
import org.linuxfpsync.featuresync.ObjectSync;
import org.linuxfpsync.featuresync.PollTimer;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.ReceiveBufferPolicy;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.Nfnetlink;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conntrack flows of every vrf the core follows: NEW, UPDATE and DESTROY events subscribed on a
 * channel of their own ({@code netlink-netfilter-conntrack-listen-<vrfid>}, whose receive buffer is
 * full from the start, at its own bound: {@link ReceiveBufferPolicy#fullFromStart}), then the table
 * dumped; an overflow replays it and the FPM sweeps what it lacks. The filter ({@link FlowFilter})
 * and the nat row say which flows go; {@code net.netfilter.nf_conntrack_events} is read per vrf, and
 * a vrf where some flows never notify is refreshed periodically (docs/conntrack-sync.md).
 */
@Component(service = SyncFeature.class, immediate = true, configurationPid = ConntrackFeature.PID)
@Designate(ocd = ConntrackConfig.class)
public final class ConntrackFeature extends FeatureComponent {
    static final String PID = "org.linuxfpsync.sync.conntrack";
    private static final Logger LOG = LoggerFactory.getLogger(ConntrackFeature.class);
    /** The listening channel's name: a flow flood overflows no other feature's buffer. */
    static final String CHANNEL = "conntrack";

    private final Map<Integer, ConntrackVrfSync> vrfs = new ConcurrentHashMap<>();
    private volatile FlowFilter filter = FlowFilter.DEFAULT;
    private volatile int refreshSeconds;
    /**
     * The conntrack channel's receive buffer, full from the start at ConntrackConfig#receiveBufferMaxBytes,
     * for channels opened from now on.
     */
    private volatile ReceiveBufferPolicy receiveBuffer =
            ReceiveBufferPolicy.fullFromStart(DEFAULT_RECEIVE_BUFFER_MAX_BYTES);
    /**
     * 256 MiB (the kernel reports 512 MiB): a burst of about 150,000 new flows at 100,000 flows/s
     * overflowed 64 MiB while the reader fell behind on two shared cores (docs/conntrack-sync.md).
     * Kernel memory is taken only by the events queued, up to the bound, not reserved.
     */
    static final int DEFAULT_RECEIVE_BUFFER_MAX_BYTES = 256 * 1024 * 1024;

    @Activate
    public ConntrackFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                            @Reference SyncControl control, BundleContext context, ConntrackConfig config) {
        this(core, netlink, fpc, context, natRowEnabled(control), sysctlProbe(netlink), PollTimer.SHARED, config.flows(),
                config.helperFlows(), config.refreshSeconds());
        configureBuffer(config.receiveBufferMaxBytes());
    }

    /** @param timer runs the vrfs' once-a-second check; null: only {@link #tick} does (tests) */
    ConntrackFeature(SyncCore core, NetlinkService netlink, FpcChannel fpc, BundleContext context,
                     BooleanSupplier natSynced, EventsSetting.Probe probe, PollTimer timer,
                     String flows, boolean helperFlows, int refreshSeconds) {
        this(core, netlink, fpc, context, natSynced, probe, timer, new Settings(), flows, helperFlows,
                refreshSeconds);
    }

    private ConntrackFeature(SyncCore core, NetlinkService netlink, FpcChannel fpc, BundleContext context,
                             BooleanSupplier natSynced, EventsSetting.Probe probe, PollTimer timer,
                             Settings settings, String flows, boolean helperFlows, int refreshSeconds) {
        super(core, context, (feature, vrf) -> settings.owner.startIn(feature, vrf, netlink, core, fpc, natSynced,
                probe));
        settings.owner = this;
        this.timer = timer;
        configure(flows, helperFlows, refreshSeconds);
    }

    /** Lets the vrf starter, given to the super constructor, reach this instance. */
    private static final class Settings {
        ConntrackFeature owner;
    }

    /**
     * The features' timer ({@code cmgr-poll}): one task for every vrf's once-a-second check, on the
     * timer's grid (one wake-up a second with the other features' polls, not one per vrf).
     */
    private final PollTimer timer;
    /** The vrfs' check while a vrf is synced. Guarded by {@link #vrfs}. */
    private PollTimer.Periodic ticks;

    private ConntrackVrfSync startIn(String feature, Vrf vrf, NetlinkService netlink, SyncCore core, FpcChannel fpc,
                                     BooleanSupplier natSynced, EventsSetting.Probe probe) throws NetlinkException {
        ConntrackStore flows = new ConntrackStore(vrf.vrfid(), fpc);
        ConntrackFlows handler = new ConntrackFlows(vrf, flows, () -> filter, natSynced);
        ObjectSync sync = new ObjectSync(feature, vrf, subscription(vrf, receiveBuffer), handler, List.of(flows))
                .start(netlink, core);
        // after the subscription: binding to the conntrack groups loads nf_conntrack, which creates the sysctl
        EventsSetting events = probe.read(vrf);
        String description = events.describe(refreshSeconds);
        if (events.blind()) {
            LOG.warn("vrf {}: {} = {}", vrf.vrfid(), EventsSetting.SYSCTL, description);
        } else {
            LOG.info("vrf {}: {} = {}", vrf.vrfid(), EventsSetting.SYSCTL, description);
        }
        ConntrackVrfSync s = new ConntrackVrfSync(sync, events, before -> {
            EventsSetting now = probe.read(vrf);
            if (now.value() != before.value()) {
                LOG.warn("vrf {}: {} changed: {}", vrf.vrfid(), EventsSetting.SYSCTL, now.describe(refreshSeconds));
            }
            return now;
        }, () -> refreshSeconds, natSynced,
                () -> flows.dumpOnlyFlows() > 0 || handler.refusedByLastDump() > 0) {
            @Override
            public void close(boolean withdraw) {
                synchronized (vrfs) {
                    vrfs.remove(vrf.vrfid(), this);
                    if (vrfs.isEmpty() && ticks != null) {
                        ticks.cancel();
                        ticks = null;
                    }
                }
                super.close(withdraw);
            }
        };
        synchronized (vrfs) {
            vrfs.put(vrf.vrfid(), s);
            if (ticks == null && timer != null) {
                ticks = timer.every(1000, this::tickSafely);
            }
        }
        return s;
    }

    /**
     * NEW, UPDATE and DESTROY events, then a dump of every flow of every family and zone, on a channel
     * of its own whose buffer is {@code receiveBuffer}.
     */
    static SubscriptionSpec subscription(Vrf vrf, ReceiveBufferPolicy receiveBuffer) {
        int[] groups = {Nfnetlink.NFNLGRP_CONNTRACK_NEW, Nfnetlink.NFNLGRP_CONNTRACK_UPDATE,
            Nfnetlink.NFNLGRP_CONNTRACK_DESTROY};
        int[] types = {ConntrackFlows.CT_NEW, ConntrackFlows.CT_DELETE};
        // AF_UNSPEC: every family
        DumpRequest dump = new DumpRequest(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_GET),
                NetlinkRequests.nfgenmsgDump(Rtnetlink.AF_UNSPEC));
        // full from the start: flows come at the rate of traffic, a first burst would overflow a buffer
        // still growing (bench/run)
        return new SubscriptionSpec(NetlinkFamily.NETFILTER, vrf, groups, types, List.of(dump), CHANNEL)
                .withReceiveBuffer(receiveBuffer);
    }

    /** A new filter or period applies at once: every vrf is refreshed (differences only). */
    @Modified
    void modified(ConntrackConfig config) {
        configureBuffer(config.receiveBufferMaxBytes());
        if (configure(config.flows(), config.helperFlows(), config.refreshSeconds())) {
            vrfs.values().forEach(ConntrackVrfSync::refresh);
        }
    }

    /** Validates and applies; an invalid value is refused with one ERROR line and changes nothing. */
    private boolean configure(String flows, boolean helperFlows, int refresh) {
        FlowFilter f;
        try {
            f = FlowFilter.parse(flows, helperFlows);
            if (refresh < 0) {
                throw new IllegalArgumentException("refreshSeconds = " + refresh + " is negative (0: never)");
            }
        } catch (IllegalArgumentException e) {
            LOG.error("{}: {}; keeping flows = {}, refreshSeconds = {}", PID, e.getMessage(), filter, refreshSeconds);
            return false;
        }
        filter = f;
        refreshSeconds = refresh;
        LOG.info("conntrack sync: flows = {}, refreshSeconds = {}", f, refresh);
        return true;
    }

    /**
     * Validates the channel's buffer, full from the start; it applies to the vrfs' channels opened
     * from now on (a vrf followed again, cmgrd restarted), not to open ones: their socket keeps its buffer.
     */
    void configureBuffer(int bytes) {
        if (bytes < ReceiveBufferPolicy.MIN_BYTES || bytes > ReceiveBufferPolicy.MAX_BYTES) {
            LOG.error("{}: receiveBufferMaxBytes = {} is outside {}..{}; keeping {}", PID, bytes,
                    ReceiveBufferPolicy.MIN_BYTES, ReceiveBufferPolicy.MAX_BYTES, receiveBuffer.maxBytes());
            return;
        }
        if (bytes != receiveBuffer.maxBytes()) {
            LOG.info("conntrack sync: receiveBufferMaxBytes = {} (for the vrfs' conntrack channels opened from now on)",
                    bytes);
        }
        receiveBuffer = ReceiveBufferPolicy.fullFromStart(bytes);
    }

    ReceiveBufferPolicy receiveBuffer() {
        return receiveBuffer;
    }

    FlowFilter filter() {
        return filter;
    }

    /** Refreshes asked of the vrf so far (periodic, nat, filter), or -1 when it is not synced. */
    long refreshes(int vrfid) {
        ConntrackVrfSync s = vrfs.get(vrfid);
        return s == null ? -1 : s.refreshes();
    }

    /** Runs the vrfs' once-a-second check now (tests: no waiting for the timer). */
    void tick() {
        vrfs.values().forEach(ConntrackVrfSync::tick);
    }

    /** The timer's task: a vrf whose check throws must not stop the others' (nor the task). */
    private void tickSafely() {
        for (ConntrackVrfSync s : vrfs.values()) {
            try {
                s.tick();
            } catch (RuntimeException e) {
                LOG.warn("conntrack sync: a vrf's once-a-second check failed: {}", e.toString());
            }
        }
    }

    @Override
    public Map<String, String> kernelSettings() {
        Map<String, String> settings = new TreeMap<>();
        vrfs.forEach((vrfid, s) -> settings.put("vrf " + vrfid + " " + EventsSetting.SYSCTL,
                s.events().describe(refreshSeconds)));
        return settings;
    }

    private static BooleanSupplier natRowEnabled(SyncControl control) {
        long nat = FeatureCatalog.row("nat").bit;
        return () -> (control.effectiveMask() & nat) != 0;
    }

    private static EventsSetting.Probe sysctlProbe(NetlinkService netlink) {
        return vrf -> {
            try {
                return EventsSetting.of(netlink.sysctl(vrf, EventsSetting.SYSCTL));
            } catch (NetlinkException e) {
                return EventsSetting.unreadable(e.getMessage());
            }
        };
    }
}
