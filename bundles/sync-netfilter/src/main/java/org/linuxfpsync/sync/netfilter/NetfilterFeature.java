package org.linuxfpsync.sync.netfilter;

import java.util.List;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FeatureComponent;
import org.linuxfpsync.featuresync.NftSync;
import org.linuxfpsync.featuresync.ObjectSync;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The nftables tables of {@link NftSync.Owner#NETFILTER} in every vrf the core follows. */
@Component(service = SyncFeature.class, immediate = true)
public final class NetfilterFeature extends FeatureComponent {

    @Activate
    public NetfilterFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                          BundleContext context) {
        super(core, context, (feature, vrf) -> {
            NftSync tables = new NftSync(vrf, NftSync.Owner.NETFILTER, fpc);
            return new ObjectSync(feature, vrf, NftSync.subscription(vrf), tables, List.of(tables.tables()))
                    .start(netlink, core);
        });
    }
}
