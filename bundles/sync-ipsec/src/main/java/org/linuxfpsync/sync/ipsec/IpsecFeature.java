package org.linuxfpsync.sync.ipsec;

import java.util.List;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.FeatureComponent;
import org.linuxfpsync.featuresync.MessageHandler;
import org.linuxfpsync.featuresync.ObjectSync;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.SaAttr;
import org.linuxfpsync.fpc.codec.SpAttr;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Xfrm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The XFRM SAs and security policies of every vrf the core follows, on the vrf's NETLINK_XFRM
 * channels ({@code netlink-xfrm-listen-<vr>}, {@code netlink-xfrm-cmd-<vr>}): the SA, policy,
 * expire and migrate groups joined, then the SAs and the policies dumped; every replay (a new FPM
 * session, an overflow, a migration) dumps both again and sweeps what they no longer report.
 *
 * <p>The ACQUIRE group is not joined: the kernel makes a larval SA for a packet that hits a policy
 * without an SA only when someone listens to ACQUIRE, and the sync must not change what the kernel
 * does. Larval SAs made for a key manager are not sent anyway ({@link SaEntries}).
 */
@Component(service = SyncFeature.class, immediate = true)
public final class IpsecFeature extends FeatureComponent {

    @Activate
    public IpsecFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                        BundleContext context) {
        super(core, context, (feature, vrf) -> {
            FamilyObjects<SaEntries.Key> sas = new FamilyObjects<>(SaAttr.FAMILY_IPSEC_SA, SaEntries::writeKey, fpc);
            FamilyObjects<PolicyEntries.Key> policies = new FamilyObjects<>(SpAttr.FAMILY_IPSEC_SP,
                    PolicyEntries::writeKey, fpc);
            MessageHandler handler = MessageHandler.all(new SaEntries(vrf, sas), new PolicyEntries(vrf, policies),
                    new Migrations(vrf));
            return new ObjectSync(feature, vrf, subscription(vrf), handler, List.of(sas, policies))
                    .start(netlink, core);
        });
    }

    /** The groups, message types and dumps of the vrf's xfrm subscription. */
    static SubscriptionSpec subscription(Vrf vrf) {
        int[] groups = {Xfrm.XFRMNLGRP_SA, Xfrm.XFRMNLGRP_POLICY, Xfrm.XFRMNLGRP_EXPIRE, Xfrm.XFRMNLGRP_MIGRATE};
        int[] types = {Xfrm.XFRM_MSG_NEWSA, Xfrm.XFRM_MSG_UPDSA, Xfrm.XFRM_MSG_DELSA, Xfrm.XFRM_MSG_EXPIRE,
            Xfrm.XFRM_MSG_FLUSHSA, Xfrm.XFRM_MSG_NEWPOLICY, Xfrm.XFRM_MSG_UPDPOLICY, Xfrm.XFRM_MSG_DELPOLICY,
            Xfrm.XFRM_MSG_POLEXPIRE, Xfrm.XFRM_MSG_FLUSHPOLICY, Xfrm.XFRM_MSG_MIGRATE};
        // xfrm dumps take no family header: the request is the bare nlmsghdr, as ip xfrm sends it
        List<DumpRequest> dumps = List.of(new DumpRequest(Xfrm.XFRM_MSG_GETSA, new byte[0]),
                new DumpRequest(Xfrm.XFRM_MSG_GETPOLICY, new byte[0]));
        return new SubscriptionSpec(NetlinkFamily.XFRM, vrf, groups, types, dumps);
    }
}
