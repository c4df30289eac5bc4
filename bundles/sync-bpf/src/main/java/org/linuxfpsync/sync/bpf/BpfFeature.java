package org.linuxfpsync.sync.bpf;

import java.util.Map;

import org.linuxfpsync.cmgr.spi.ConfigRevision;
import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FeatureComponent;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The taps of every vrf the core follows: the packet capture sockets (tcpdump) of the manual's
 * applications, or of any with {@code -A}, each with its interface, socket type, protocol, owner and
 * classic BPF program (docs/bpf-sync.md).
 *
 * <p>Its options are read live: {@code bpfAll} of the sync configuration (the manual's {@code -A} /
 * {@code BPF_OPT}), {@code pollPeriodMs} of its own, and tap pattern only (sync mask 0x4000), which
 * is the tap-pattern bundle's feature service being there. A change sends what it changes at once.
 */
@Component(service = SyncFeature.class, immediate = true, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        configurationPid = {BpfFeature.SYNC_PID, BpfFeature.PID})
public final class BpfFeature extends FeatureComponent {
    private static final Logger LOG = LoggerFactory.getLogger(BpfFeature.class);
    /** The sync features' configuration, where {@code -A} lands as {@code bpfAll}. */
    static final String SYNC_PID = "org.linuxfpsync.cmgr.sync";
    /** This feature's own: {@code pollPeriodMs}. */
    static final String PID = "org.linuxfpsync.sync.bpf";
    /** The service property the tap-pattern feature registers with. */
    static final String TAP_PATTERN = "(linuxfpsync.feature=tap-pattern)";

    private final Polling polling;
    /** bpfAll comes from the sync configuration: its stale echoes are the reconciler's to report and heal. */
    private final ConfigRevision syncRevision = ConfigRevision.reader(SYNC_PID);
    private volatile TapPolicy policy;

    @Activate
    public BpfFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                      BundleContext context, Map<String, Object> properties) {
        this(core, netlink, fpc, context, properties, SocketOwners.proc(ProcessHandle.current().pid()),
                ProcessHandle.current().pid());
    }

    BpfFeature(SyncCore core, NetlinkService netlink, FpcChannel fpc, BundleContext context,
               Map<String, Object> properties, SocketOwners owners, long ownPid) {
        this(core, netlink, fpc, context, properties, owners, ownPid,
                new Polling(Polling.period(properties), netlink::watchProcesses, ownPid));
    }

    private BpfFeature(SyncCore core, NetlinkService netlink, FpcChannel fpc, BundleContext context,
                       Map<String, Object> properties, SocketOwners owners, long ownPid, Polling polling) {
        super(core, context, (feature, vrf) -> polling.add(
                new CaptureSync(feature, vrf, core, fpc, owners, polling.policy()).start(netlink)));
        this.polling = polling;
        syncRevision.start(properties);
        polling.setPolicy(new TapPolicy(anyApplication(properties), false, ownPid));
    }

    /** A change of {@code bpfAll} or {@code pollPeriodMs}: applied at once, without a restart. */
    @Modified
    void modified(Map<String, Object> properties) {
        if (!syncRevision.admit(properties)) {
            return;
        }
        TapPolicy p = polling.currentPolicy().withAnyApplication(anyApplication(properties));
        long period = Polling.period(properties);
        boolean changed = !p.equals(polling.currentPolicy()) || period != polling.period();
        polling.setPeriod(period);
        polling.setPolicy(p);
        if (changed) {
            LOG.info("bpf: taps of {} application, polled every {} ms", p.anyApplication() ? "any" : "the manual's",
                    period);
        }
    }

    @Reference(service = SyncFeature.class, target = TAP_PATTERN, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindTapPattern(SyncFeature tapPattern) {
        LOG.info("bpf: tap pattern only: taps sent without their filter program");
        polling.setPolicy(polling.currentPolicy().withPatternOnly(true));
    }

    void unbindTapPattern(SyncFeature tapPattern) {
        LOG.info("bpf: taps sent with their filter program");
        polling.setPolicy(polling.currentPolicy().withPatternOnly(false));
    }

    /** Polls every vrf now (tests). */
    void pollNow() {
        polling.pollAll();
    }

    private static boolean anyApplication(Map<String, Object> properties) {
        Object v = properties == null ? null : properties.get("bpfAll");
        return v != null && Boolean.parseBoolean(v.toString().trim());
    }
}
