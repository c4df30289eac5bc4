package org.linuxfpsync.featuresync;

import java.util.Locale;
import java.util.Map;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Modified;

/**
 * A feature that is the nftables and legacy x_tables tables of one {@link NftSync.Owner} in every vrf
 * the core follows (netfilter, nat, ebtables). A feature's component only names its owner: its
 * {@code @Activate} constructor stays its own (DS injects constructors of the component class only),
 * its {@code @Modified} method is this one (bnd's {@code -dsannotations-options: inherit}), and it
 * declares {@code configurationPid = XtablesWatch.PID} so that the three share one configuration.
 */
public abstract class NetfilterTablesFeature extends FeatureComponent {

    private final XtablesWatch legacy;

    /** @param properties the configuration of {@link XtablesWatch#PID} */
    protected NetfilterTablesFeature(NftSync.Owner owner, SyncCore core, NetlinkService netlink, FpcChannel fpc,
                                     BundleContext context, Map<String, Object> properties) {
        this(owner, core, netlink, fpc, context,
                new XtablesWatch(owner.name().toLowerCase(Locale.ROOT), owner, netlink, properties));
    }

    private NetfilterTablesFeature(NftSync.Owner owner, SyncCore core, NetlinkService netlink, FpcChannel fpc,
                                   BundleContext context, XtablesWatch legacy) {
        super(core, context, (feature, vrf) -> NetfilterTables.start(feature, vrf, owner, netlink, core, fpc, legacy));
        this.legacy = legacy;
    }

    /** A new {@code pollPeriodMs} of the x_tables reads ({@link XtablesWatch#PID}): applied at once. */
    @Modified
    protected final void modified(Map<String, Object> properties) {
        legacy.configure(properties);
    }
}
