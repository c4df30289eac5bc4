package org.linuxfpsync.sync.macvlan;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.LinkKindFeature;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.MacvlanAttr;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The MACVLAN parameters of every macvlan and macvtap device of every vrf the core follows,
 * converged from a dump when the bundle starts, withdrawn when it stops.
 */
@Component(service = SyncFeature.class, immediate = true)
public final class MacvlanFeature extends LinkKindFeature {

    @Activate
    public MacvlanFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                          BundleContext context) {
        super(core, netlink, fpc, context, MacvlanAttr.FAMILY_MACVLAN, MacvlanTranslator::new);
    }
}
