package org.linuxfpsync.sync.vlan;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.LinkKindFeature;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.VlanAttr;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The VLAN parameters (id, protocol, lower device, flags) of every 802.1Q and 802.1ad sub-interface
 * of every vrf the core follows, converged from a dump when the bundle starts, withdrawn when it stops.
 */
@Component(service = SyncFeature.class, immediate = true)
public final class VlanFeature extends LinkKindFeature {

    @Activate
    public VlanFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                       BundleContext context) {
        super(core, netlink, fpc, context, VlanAttr.FAMILY_VLAN, VlanTranslator::new);
    }
}
