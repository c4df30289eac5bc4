package org.linuxfpsync.cmgr.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.linuxfpsync.cmgr.AppliedConfiguration;
import org.linuxfpsync.cmgr.FeatureState;
import org.linuxfpsync.cmgr.FeatureState.BundleState;
import org.linuxfpsync.cmgr.SyncControl;
import org.linuxfpsync.cmgr.spi.ConfigRevision;
import org.linuxfpsync.cmgr.spi.FeatureCatalog;
import org.linuxfpsync.cmgr.spi.FeatureCatalog.Row;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the wanted sync mask into bundle states: the bundle of a wanted feature is started, the
 * bundle of an unwanted one is stopped (and withdraws what it synced). It acts when the wanted
 * state changes (configuration, console, the FPM's offer) or a feature bundle appears, never
 * because a bundle changed state: an operator's {@code bundle:stop} stands, and is shown.
 */
@Component(service = SyncControl.class, immediate = true, configurationPid = SyncMaskReconciler.PID)
@Designate(ocd = SyncConfig.class)
public final class SyncMaskReconciler implements SyncControl, FpcSessionListener {
    static final String PID = "org.linuxfpsync.cmgr.sync";
    private static final Logger LOG = LoggerFactory.getLogger(SyncMaskReconciler.class);

    private final ConfigurationAdmin configAdmin;
    private final FpcChannel fpc;
    private final Map<String, Bundle> bundles = new ConcurrentHashMap<>();
    private final Map<String, SyncFeature> services = new ConcurrentHashMap<>();
    private final Map<String, String> errors = new ConcurrentHashMap<>();
    /**
     * Reconciles queued and not yet run, per feature. Until its turn, a feature's bundle is not
     * in the wanted state through nobody's doing: show sync-features says "starting", not "by hand".
     */
    private final Map<String, Integer> pending = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cmgr-sync-reconciler");
        t.setDaemon(true);
        return t;
    });
    private BundleTracker<Bundle> tracker;
    private volatile long requested = FeatureCatalog.DEFAULT;
    private volatile boolean ipsecHa;
    private volatile long fpmFeatures = -1;
    /**
     * The console writes the configuration and applies it at once; a later delivery of an older
     * revision (ConfigAdmin's own of an earlier request, or fileinstall's echo of etc/) must not
     * undo a newer request. This component owns the PID: it warns and writes the newest back.
     */
    private final ConfigRevision revision;

    @Activate
    public SyncMaskReconciler(@Reference ConfigurationAdmin configAdmin, @Reference FpcChannel fpc) {
        this(configAdmin, fpc, ConfigRevision.through(configAdmin));
    }

    SyncMaskReconciler(ConfigurationAdmin configAdmin, FpcChannel fpc, ConfigRevision.WriteBack writeBack) {
        this.configAdmin = configAdmin;
        this.fpc = fpc;
        this.revision = ConfigRevision.owner(PID, writeBack);
    }

    @Activate
    void activate(BundleContext context, SyncConfig config, Map<String, Object> props) {
        revision.start(props);
        try {
            requested = FeatureCatalog.parseMask(config.syncMask());
        } catch (IllegalArgumentException e) {
            LOG.error("{}: {}; synchronizing the default features, 0x{}", PID, e.getMessage(),
                    Long.toHexString(FeatureCatalog.DEFAULT));
        }
        ipsecHa = config.ipsecHa();
        tracker = new BundleTracker<>(context, Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE
                | Bundle.STOPPING, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                String feature = bundle.getHeaders("").get(SyncFeature.BUNDLE_HEADER);
                if (feature == null) {
                    return null;
                }
                feature = feature.trim();
                if (FeatureCatalog.row(feature) == null && !feature.equals(FeatureCatalog.IPSEC_HA.name)) {
                    LOG.error("bundle {} declares unknown sync feature '{}'; ignored", bundle.getSymbolicName(), feature);
                    return null;
                }
                Bundle previous = bundles.put(feature, bundle);
                if (previous == null || previous.getBundleId() != bundle.getBundleId()) {
                    // A feature bundle that appears gets the wanted state at once.
                    queue(feature);
                }
                return bundle;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle tracked) {
                bundles.values().remove(bundle);
            }
        };
        tracker.open();
        fpc.addSessionListener(this);
        LOG.info("sync features: requested mask 0x{}, IPsec HA {}", Long.toHexString(requested),
                ipsecHa ? "enabled" : "disabled");
    }

    @Modified
    synchronized void modified(SyncConfig config, Map<String, Object> props) {
        if (!revision.admit(props)) {
            return;
        }
        long mask;
        try {
            mask = FeatureCatalog.parseMask(config.syncMask());
        } catch (IllegalArgumentException e) {
            LOG.error("{}: change refused, nothing changed: {}", PID, e.getMessage());
            return;
        }
        requested = mask;
        ipsecHa = config.ipsecHa();
        queue(null);
    }

    @Deactivate
    void deactivate() {
        fpc.removeSessionListener(this);
        tracker.close();
        executor.shutdownNow();
        LOG.info("sync feature reconciler stopped (feature bundles left as they are)");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSyncFeature(SyncFeature feature) {
        services.put(feature.name(), feature);
    }

    void removeSyncFeature(SyncFeature feature) {
        services.remove(feature.name(), feature);
    }

    @Override
    public void sessionUp(FpcPeer peer) {
        if (peer.features() != fpmFeatures) {
            fpmFeatures = peer.features();
            LOG.info("the FPM offers features 0x{}: effective sync mask 0x{}", Long.toHexString(fpmFeatures),
                    Long.toHexString(effectiveMask()));
            queue(null);
        }
    }

    @Override
    public long requestedMask() {
        return requested;
    }

    @Override
    public long fpmFeatures() {
        return fpmFeatures;
    }

    @Override
    public boolean ipsecHaRequested() {
        return ipsecHa;
    }

    @Override
    public AppliedConfiguration syncConfiguration() {
        return revision.state();
    }

    @Override
    public long effectiveMask() {
        long offer = fpmFeatures < 0 ? FeatureCatalog.ALL : fpmFeatures;
        return FeatureCatalog.closeUnderParents(requested & offer);
    }

    @Override
    public List<FeatureState> features() {
        List<FeatureState> list = new ArrayList<>();
        for (Row row : FeatureCatalog.ROWS) {
            list.add(state(row, (effectiveMask() & row.bit) != 0));
        }
        return list;
    }

    @Override
    public FeatureState ipsecHa() {
        return state(FeatureCatalog.IPSEC_HA, ipsecHaWanted());
    }

    @Override
    public void requestMask(long mask, String source) throws Exception {
        if ((mask & ~FeatureCatalog.ALL) != 0 || mask < 0) {
            throw new IllegalArgumentException(String.format("sync mask 0x%x has unknown bits 0x%x (known: 0x%x)",
                    mask, mask & ~FeatureCatalog.ALL, FeatureCatalog.ALL));
        }
        store(Map.of("syncMask", String.format("0x%x", mask), "syncMask.source", source));
        requested = mask;
        reconcileNow();
    }

    @Override
    public void requestFeature(String name, boolean enabled, String source) throws Exception {
        Row row = FeatureCatalog.row(name);
        if (row == null) {
            throw new IllegalArgumentException("unknown feature '" + name + "'; known: "
                    + String.join(", ", FeatureCatalog.names()));
        }
        long mask = requested;
        if (enabled) {
            // Enabling a dependent enables what it needs, as installing its Karaf feature would.
            for (Row r = row; r != null; r = r.parent == null ? null : FeatureCatalog.row(r.parent)) {
                mask |= r.bit;
            }
        } else {
            mask &= ~row.bit;
            mask = FeatureCatalog.closeUnderParents(mask);
        }
        requestMask(mask, source);
    }

    @Override
    public void requestIpsecHa(boolean enabled, String source) throws Exception {
        store(Map.of("ipsecHa", Boolean.toString(enabled), "ipsecHa.source", source));
        ipsecHa = enabled;
        reconcileNow();
    }

    private boolean ipsecHaWanted() {
        return ipsecHa && (effectiveMask() & FeatureCatalog.row("ipsec").bit) != 0;
    }

    private FeatureState state(Row row, boolean wanted) {
        // Read before the bundle's state: a reconcile clears it only once the bundle has moved.
        boolean queued = pending.containsKey(row.name);
        Bundle b = bundles.get(row.name);
        SyncFeature service = services.get(row.name);
        boolean offered = fpmFeatures < 0 || row.bit == 0 || (fpmFeatures & row.bit) != 0;
        return new FeatureState(row.name, row.bit, wanted, offered, bundleState(b), queued, service != null,
                service == null ? null : service.owns(), service == null ? 0 : service.syncedObjects(),
                errors.get(row.name), service == null ? 0 : service.malformedMessages(),
                service == null ? java.util.Map.of() : service.refusedObjects(),
                service == null ? java.util.List.of() : service.subModules());
    }

    private static BundleState bundleState(Bundle b) {
        if (b == null) {
            return BundleState.MISSING;
        }
        switch (b.getState()) {
            case Bundle.ACTIVE: return BundleState.ACTIVE;
            case Bundle.STARTING: return BundleState.STARTING;
            case Bundle.STOPPING: return BundleState.STOPPING;
            case Bundle.UNINSTALLED: return BundleState.MISSING;
            default: return BundleState.STOPPED;
        }
    }

    /** Writes the request to the configuration (it persists, and show conf tells its source). */
    private synchronized void store(Map<String, String> values) throws Exception {
        Configuration c = configAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> stored = c.getProperties();
        // Built on the newest configuration: the store may still hold a stale echo being healed.
        Dictionary<String, Object> props = revision.base(stored);
        values.forEach(props::put);
        long next = revision.next(stored);
        props.put(ConfigRevision.KEY, Long.toString(next));
        c.update(props);
        // Its delivery waits for this monitor (modified is synchronized): it finds the revision applied.
        revision.wrote(next, props);
    }

    /** Applies the wanted state before returning, so a console command reports what is done. */
    private void reconcileNow() throws Exception {
        markPending(null);
        executor.submit(() -> reconcile(null)).get(60, TimeUnit.SECONDS);
    }

    /** Queues a reconcile of one feature, or of all when {@code only} is null. */
    private void queue(String only) {
        markPending(only);
        executor.execute(() -> reconcile(only));
    }

    private void markPending(String only) {
        for (Row row : rows()) {
            if (only == null || only.equals(row.name)) {
                pending.merge(row.name, 1, Integer::sum);
            }
        }
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>(FeatureCatalog.ROWS);
        rows.add(FeatureCatalog.IPSEC_HA);
        return rows;
    }

    /** Runs on the reconciler thread only. {@code only}: one feature, or null for all. */
    private void reconcile(String only) {
        long effective = effectiveMask();
        for (Row row : rows()) {
            if (only != null && !only.equals(row.name)) {
                continue;
            }
            try {
                reconcile(row, effective);
            } finally {
                pending.computeIfPresent(row.name, (name, n) -> n > 1 ? n - 1 : null);
            }
        }
    }

    private void reconcile(Row row, long effective) {
        Bundle b = bundles.get(row.name);
        if (b == null) {
            return;
        }
        boolean wanted = row == FeatureCatalog.IPSEC_HA ? ipsecHaWanted() : (effective & row.bit) != 0;
        int state = b.getState();
        boolean running = state == Bundle.ACTIVE || state == Bundle.STARTING;
        try {
            if (wanted && !running) {
                b.start();
                LOG.info("sync feature {} enabled: bundle {} started", row.name, b.getSymbolicName());
            } else if (!wanted && running) {
                b.stop();
                LOG.info("sync feature {} disabled: bundle {} stopped", row.name, b.getSymbolicName());
            }
            errors.remove(row.name);
        } catch (BundleException | IllegalStateException e) {
            errors.put(row.name, e.getMessage());
            LOG.error("sync feature {}: bundle {} could not be {}: {}", row.name, b.getSymbolicName(),
                    wanted ? "started" : "stopped", e.getMessage());
        }
    }
}
