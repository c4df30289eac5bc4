package org.linuxfpsync.sync.ipsecha;

import java.util.List;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.FeatureComponent;
import org.linuxfpsync.featuresync.ObjectSync;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.SaReplayAttr;
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
 * IPsec HA (the manual's -R): the replay state of every SA of every vrf the core follows, as
 * SA_REPLAY. Started and stopped live with {@code ipsec ha enable|disable}; stopped, it withdraws
 * what it sent.
 *
 * <p>The kernel sends aevents only while someone listens to XFRMNLGRP_AEVENTS, so the group is
 * joined first; then the SAs are dumped (for their ids only) and each is asked for its replay state
 * (XFRM_MSG_GETAE, inside the same replay window); then every aevent is forwarded. On a socket pair
 * of its own ({@code netlink-xfrm-aevents-listen-<vrf>}): aevents come at packet rate divided by the
 * kernel's thresholds, and an overflow of theirs must not make sync-ipsec dump its SAs again.
 */
@Component(service = SyncFeature.class, immediate = true)
public final class IpsecHaFeature extends FeatureComponent {
    /** The channel name of its socket pair. */
    static final String CHANNEL = "aevents";

    @Activate
    public IpsecHaFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                          BundleContext context) {
        super(core, context, (feature, vrf) -> {
            FamilyObjects<SaReplayStates.Key> replays = new FamilyObjects<>(SaReplayAttr.FAMILY_IPSEC_SA_REPLAY,
                    SaReplayStates::writeKey, fpc);
            return new ObjectSync(feature, vrf, subscription(vrf), new SaReplayStates(vrf, replays),
                    List.of(replays)).start(netlink, core);
        });
    }

    /** AEVENTS first (the kernel emits them only to listeners), then the SAs' changes; the SAs dumped. */
    static SubscriptionSpec subscription(Vrf vrf) {
        return new SubscriptionSpec(NetlinkFamily.XFRM, vrf,
                new int[] {Xfrm.XFRMNLGRP_AEVENTS, Xfrm.XFRMNLGRP_SA, Xfrm.XFRMNLGRP_EXPIRE},
                new int[] {Xfrm.XFRM_MSG_NEWAE, Xfrm.XFRM_MSG_NEWSA, Xfrm.XFRM_MSG_UPDSA, Xfrm.XFRM_MSG_DELSA,
                    Xfrm.XFRM_MSG_FLUSHSA,
                    Xfrm.XFRM_MSG_EXPIRE},
                List.of(new DumpRequest(Xfrm.XFRM_MSG_GETSA, new byte[0]))).onChannel(CHANNEL);
    }
}
