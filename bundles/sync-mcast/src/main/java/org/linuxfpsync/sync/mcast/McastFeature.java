package org.linuxfpsync.sync.mcast;

import java.util.List;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.FeatureComponent;
import org.linuxfpsync.featuresync.ObjectSync;
import org.linuxfpsync.featuresync.RouteSubscription;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.MrouteAttr;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The IPv4 and IPv6 multicast forwarding caches of every vrf the core follows, every multicast
 * table: the resolved (S,G) and (*,G) entries, their input interface and their output interfaces
 * with TTL thresholds. Link events are subscribed too: deleting an interface removes its VIF and
 * changes the entries through it without a notification, so a link deletion asks for a dump.
 */
@Component(service = SyncFeature.class, immediate = true)
public final class McastFeature extends FeatureComponent {

    @Activate
    public McastFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                        BundleContext context) {
        super(core, context, (feature, vrf) -> {
            FamilyObjects<MrouteEntries.Key> mroutes = new FamilyObjects<>(MrouteAttr.FAMILY_MROUTES,
                    MrouteEntries::writeKey, fpc);
            return new ObjectSync(feature, vrf, RouteSubscription.in(vrf).linkEvents().mroutes().spec(),
                    new MrouteEntries(vrf, mroutes), List.of(mroutes)).start(netlink, core);
        });
    }
}
