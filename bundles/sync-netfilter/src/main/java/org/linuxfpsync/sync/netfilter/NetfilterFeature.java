package org.linuxfpsync.sync.netfilter;

import java.util.Map;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FeatureComponent;
import org.linuxfpsync.featuresync.NetfilterTables;
import org.linuxfpsync.featuresync.NftSync;
import org.linuxfpsync.featuresync.XtablesWatch;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/** The nftables and legacy x_tables tables of {@link NftSync.Owner#NETFILTER} in every vrf the core follows. */
@Component(service = SyncFeature.class, immediate = true, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        configurationPid = XtablesWatch.PID)
public final class NetfilterFeature extends FeatureComponent {

    private final XtablesWatch legacy;

    @Activate
    public NetfilterFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                          BundleContext context, Map<String, Object> properties) {
        this(core, netlink, fpc, context, new XtablesWatch("netfilter", NftSync.Owner.NETFILTER, netlink, properties));
    }

    private NetfilterFeature(SyncCore core, NetlinkService netlink, FpcChannel fpc, BundleContext context, XtablesWatch legacy) {
        super(core, context, (feature, vrf) -> NetfilterTables.start(feature, vrf, NftSync.Owner.NETFILTER, netlink, core,
                fpc, legacy));
        this.legacy = legacy;
    }

    /** A new {@code pollPeriodMs} of the x_tables reads ({@link XtablesWatch#PID}): applied at once. */
    @Modified
    void modified(Map<String, Object> properties) {
        legacy.configure(properties);
    }
}
