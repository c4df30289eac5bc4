package org.linuxfpsync.sync.mcast;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IPv4 and IPv6 multicast forwarding caches of every vrf the core follows, every multicast
 * table: the resolved (S,G) and (*,G) entries, their input interface and their output interfaces
 * with TTL thresholds. Link events are subscribed too: deleting an interface removes its VIF and
 * changes the entries through it without a notification, so a link deletion asks for a dump.
 */
@Component(service = SyncFeature.class, immediate = true)
public final class McastFeature extends FeatureComponent {
    private static final Logger LOG = LoggerFactory.getLogger(McastFeature.class);

    /** Which multicast routing this kernel has (CONFIG_IP_MROUTE, CONFIG_IPV6_MROUTE): the caches dumped. */
    record KernelSupport(boolean ipv4, boolean ipv6) {
        /** The kernel's, from the proc files its multicast routing creates in every namespace. */
        static KernelSupport probe() {
            KernelSupport s = new KernelSupport(Files.exists(Path.of("/proc/net/ip_mr_vif")),
                    Files.exists(Path.of("/proc/net/ip6_mr_vif")));
            if (!s.ipv4() || !s.ipv6()) {
                LOG.info("this kernel has no multicast routing for {}: not dumped",
                        !s.ipv4() && !s.ipv6() ? "IPv4 and IPv6" : !s.ipv4() ? "IPv4" : "IPv6");
            }
            return s;
        }
    }

    @Activate
    public McastFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                        BundleContext context) {
        this(core, netlink, fpc, context, KernelSupport.probe());
    }

    McastFeature(SyncCore core, NetlinkService netlink, FpcChannel fpc, BundleContext context,
                 KernelSupport kernel) {
        super(core, context, (feature, vrf) -> {
            FamilyObjects<MrouteEntries.Key> mroutes = new FamilyObjects<>(MrouteAttr.FAMILY_MROUTES,
                    MrouteEntries::writeKey, fpc);
            return new ObjectSync(feature, vrf, RouteSubscription.in(vrf).linkEvents()
                    .mroutes(kernel.ipv4(), kernel.ipv6()).spec(),
                    new MrouteEntries(vrf, mroutes), List.of(mroutes)).start(netlink, core);
        });
    }
}
