package org.linuxfpsync.sync.macvlan;

import java.util.List;
import java.util.function.BooleanSupplier;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.LinkKindObjects;
import org.linuxfpsync.featuresync.ObjectSync;
import org.linuxfpsync.featuresync.RouteSubscription;
import org.linuxfpsync.featuresync.VrfSyncs;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Sync feature {@code macvlan}: the MACVLAN parameters of every macvlan and macvtap device of every
 * vrf the core follows, converged from a dump when the bundle starts, withdrawn when it stops.
 */
@Component(service = SyncFeature.class, immediate = true)
public final class MacvlanFeature implements SyncFeature {
    final VrfSyncs syncs;

    @Activate
    public MacvlanFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                          BundleContext context) {
        this(core, netlink, fpc, VrfSyncs.frameworkStopping(context));
    }

    MacvlanFeature(SyncCore core, NetlinkService netlink, FpcChannel fpc, BooleanSupplier frameworkStopping) {
        this.syncs = new VrfSyncs(name(), core, vrf -> {
            FamilyObjects<Integer> macvlans = LinkKindObjects.objectsOf(FpcMessageType.FAMILY_MACVLAN, vrf, fpc);
            return new ObjectSync(name(), vrf, RouteSubscription.in(vrf).links().spec(),
                    new LinkKindObjects(vrf, macvlans, new MacvlanTranslator()), List.of(macvlans)).start(netlink, core);
        }, frameworkStopping);
    }

    @Activate
    void activate() {
        syncs.open();
    }

    @Deactivate
    void deactivate() {
        syncs.close();
    }

    @Override
    public String name() {
        return "macvlan";
    }

    @Override
    public String owns() {
        return "MACVLAN/MACVTAP devices (mode, parent, flags, source MACs) of every followed vrf";
    }

    @Override
    public long syncedObjects() {
        return syncs.syncedObjects();
    }
}
