package org.linuxfpsync.sync.tunnel;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.LinkKindFeature;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.TunnelAttr;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The tunnel parameters of every ipip, sit and ip6tnl device of every vrf the core follows, converged from a dump
 * when the bundle starts, withdrawn when it stops.
 */
@Component(service = SyncFeature.class, immediate = true)
public final class TunnelFeature extends LinkKindFeature {

    @Activate
    public TunnelFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                         BundleContext context) {
        super(core, netlink, fpc, context, TunnelAttr.FAMILY_TUNNELS, TunnelTranslator::new);
    }
}
