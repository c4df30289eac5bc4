package org.linuxfpsync.sync.vxlan;

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
import org.linuxfpsync.fpc.codec.VxlanAttr;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The VXLAN parameters of every vxlan device of every vrf the core follows, and their own forwarding
 * databases (the remote VTEP of each MAC, the default destinations {@code 00:00:00:00:00:00}, every
 * remote of an appended entry). The FDB family is shared with the bridge feature: each takes the
 * entries of the tables it owns (FdbEntries), and both replay in the core's window of the family
 * (docs/decisions.md).
 */
@Component(service = SyncFeature.class, immediate = true)
public final class VxlanFeature extends FeatureComponent {

    @Activate
    public VxlanFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                        BundleContext context) {
        super(core, context, (feature, vrf) -> {
            FamilyObjects<Integer> vxlans = LinkKindObjects.objectsOf(VxlanAttr.FAMILY_VXLAN, vrf, fpc);
            FamilyObjects<FdbEntries.Key> fdb = FdbEntries.objectsOf(vrf, fpc);
            return new ObjectSync(feature, vrf, RouteSubscription.in(vrf).links().bridgeFdb().spec(),
                    vxlanObjects(vrf, core, vxlans, fdb), List.of(vxlans, fdb)).start(netlink, core);
        });
    }

    /** VXLAN devices, then the entries of their own tables: a vxlan device's NTF_SELF entries. */
    private static MessageHandler vxlanObjects(Vrf vrf, SyncCore core, FamilyObjects<Integer> vxlans,
                                               FamilyObjects<FdbEntries.Key> fdb) {
        LinkKindObjects devices = new LinkKindObjects(vrf, core, vxlans, new VxlanTranslator());
        return MessageHandler.all(devices, new FdbEntries(vrf, fdb, entry -> (entry.flags() & Rtnetlink.NTF_SELF) != 0
                && devices.has(entry.ifindex()) ? entry.ifindex() : 0));
    }
}
