package org.linuxfpsync.sync.bridge;

import java.util.List;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.FeatureComponent;
import org.linuxfpsync.featuresync.FdbEntries;
import org.linuxfpsync.featuresync.LinkKindObjects;
import org.linuxfpsync.featuresync.MessageHandler;
import org.linuxfpsync.featuresync.ObjectSync;
import org.linuxfpsync.featuresync.RouteSubscription;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.BridgeAttr;
import org.linuxfpsync.fpc.codec.BridgePortAttr;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Of every bridge of every vrf the core follows, its forwarding parameters (BRIDGE_ADD), its ports'
 * state and flags (BRPORT_ADD), the VLANs of its ports and of itself (BRVLAN_ADD), and its forwarding
 * database, static and learned entries (FDB_ADD). The FDB family is shared with the vxlan feature:
 * each takes the entries of the tables it owns (FdbEntries), and both replay in the core's window of
 * the family (docs/decisions.md).
 */
@Component(service = SyncFeature.class, immediate = true)
public final class BridgeFeature extends FeatureComponent {

    @Activate
    public BridgeFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                         BundleContext context) {
        super(core, context, (feature, vrf) -> {
            FamilyObjects<Integer> bridges = LinkKindObjects.objectsOf(BridgeAttr.FAMILY_BRIDGES, vrf, fpc);
            FamilyObjects<Integer> ports = LinkKindObjects.objectsOf(BridgePortAttr.FAMILY_BRIDGE_PORTS, vrf, fpc);
            FamilyObjects<BridgePorts.VlanKey> vlans = BridgePorts.vlansOf(vrf, fpc);
            FamilyObjects<FdbEntries.Key> fdb = FdbEntries.objectsOf(vrf, fpc);
            return new ObjectSync(feature, vrf, RouteSubscription.in(vrf).links().bridgeLinks().bridgeFdb().spec(),
                    bridgeObjects(vrf, core, bridges, ports, vlans, fdb), List.of(bridges, ports, vlans, fdb))
                    .start(netlink, core);
        });
    }

    /**
     * Bridge devices, then their ports and VLANs, then the entries of their tables: an entry naming
     * its bridge in NDA_MASTER (NTF_SELF entries are devices' own tables).
     */
    private static MessageHandler bridgeObjects(Vrf vrf, SyncCore core, FamilyObjects<Integer> bridges, FamilyObjects<Integer> ports,
                                                FamilyObjects<BridgePorts.VlanKey> vlans,
                                                FamilyObjects<FdbEntries.Key> fdb) {
        return MessageHandler.all(new LinkKindObjects(vrf, core, bridges, new BridgeTranslator()),
                new BridgePorts(vrf, ports, vlans),
                new FdbEntries(vrf, fdb, entry -> (entry.flags() & Rtnetlink.NTF_SELF) == 0 ? entry.master() : 0));
    }
}
