package org.linuxfpsync.sync.vlan;

import java.util.function.BooleanSupplier;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FeatureComponent;
import org.linuxfpsync.featuresync.LinkKindObjects;
import org.linuxfpsync.featuresync.VrfSyncs;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.VlanAttr;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sync feature {@code vlan}: the VLAN parameters (id, protocol, lower device, flags) of every 802.1Q
 * and 802.1ad sub-interface of every vrf the core follows, converged from a dump when the bundle
 * starts, withdrawn when it stops.
 */
@Component(service = SyncFeature.class, immediate = true)
public final class VlanFeature extends FeatureComponent {

    @Activate
    public VlanFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                          BundleContext context) {
        this(core, netlink, fpc, VrfSyncs.frameworkStopping(context));
    }

    VlanFeature(SyncCore core, NetlinkService netlink, FpcChannel fpc, BooleanSupplier frameworkStopping) {
        super("vlan", "802.1Q/802.1ad sub-interfaces (id, protocol, parent, flags) of every followed vrf", core,
                LinkKindObjects.starter("vlan", VlanAttr.FAMILY_VLAN, VlanTranslator::new, core, netlink,
                        fpc), frameworkStopping);
    }
}
