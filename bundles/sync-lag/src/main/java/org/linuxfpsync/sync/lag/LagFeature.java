package org.linuxfpsync.sync.lag;

import java.util.List;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.FeatureComponent;
import org.linuxfpsync.featuresync.LinkKindObjects;
import org.linuxfpsync.featuresync.ObjectSync;
import org.linuxfpsync.featuresync.RouteSubscription;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.LagAttr;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Every bonding device of every vrf the core follows with its slaves (mode, active slave, transmit
 * hash policy; each slave's state, MII status, 802.3ad aggregator and LACP states), converged from a
 * dump when the bundle starts, withdrawn when it stops.
 */
@Component(service = SyncFeature.class, immediate = true)
public final class LagFeature extends FeatureComponent {

    @Activate
    public LagFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                      BundleContext context) {
        super(core, context, (feature, vrf) -> {
            // keyed by the bond's (VRFID, IFUID), as every per-interface family
            FamilyObjects<Integer> lags = LinkKindObjects.objectsOf(LagAttr.FAMILY_LAG, vrf, fpc);
            return new ObjectSync(feature, vrf, RouteSubscription.in(vrf).links().spec(), new BondAggregates(vrf, lags),
                    List.of(lags)).start(netlink, core);
        });
    }
}
