package org.linuxfpsync.sync.ebtables;

import java.util.Map;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.NetfilterTablesFeature;
import org.linuxfpsync.featuresync.NftSync;
import org.linuxfpsync.featuresync.XtablesWatch;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/** The nftables and legacy x_tables tables of {@link NftSync.Owner#EBTABLES} in every vrf the core follows. */
@Component(service = SyncFeature.class, immediate = true, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        configurationPid = XtablesWatch.PID)
public final class EbtablesFeature extends NetfilterTablesFeature {

    @Activate
    public EbtablesFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                           BundleContext context, Map<String, Object> properties) {
        super(NftSync.Owner.EBTABLES, core, netlink, fpc, context, properties);
    }
}
