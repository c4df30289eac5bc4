package org.linuxfpsync.sync.macvlan;

import java.util.function.BooleanSupplier;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FeatureComponent;
import org.linuxfpsync.featuresync.LinkKindObjects;
import org.linuxfpsync.featuresync.VrfSyncs;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.MacvlanAttr;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sync feature {@code macvlan}: the MACVLAN parameters of every macvlan and macvtap device of every
 * vrf the core follows, converged from a dump when the bundle starts, withdrawn when it stops.
 */
@Component(service = SyncFeature.class, immediate = true)
public final class MacvlanFeature extends FeatureComponent {

    @Activate
    public MacvlanFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                          BundleContext context) {
        this(core, netlink, fpc, VrfSyncs.frameworkStopping(context));
    }

    MacvlanFeature(SyncCore core, NetlinkService netlink, FpcChannel fpc, BooleanSupplier frameworkStopping) {
        super("macvlan", "MACVLAN/MACVTAP devices (mode, parent, flags, source MACs) of every followed vrf", core,
                LinkKindObjects.starter("macvlan", MacvlanAttr.FAMILY_MACVLAN, MacvlanTranslator::new, core, netlink,
                        fpc), frameworkStopping);
    }
}
