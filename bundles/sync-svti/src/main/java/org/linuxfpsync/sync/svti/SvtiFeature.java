package org.linuxfpsync.sync.svti;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.LinkKindFeature;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.SvtiAttr;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The parameters of every vti, vti6 and xfrm interface of every vrf the core follows, converged from a dump when the
 * bundle starts, withdrawn when it stops. The reconciler runs it only with ipsec (its parent row).
 */
@Component(service = SyncFeature.class, immediate = true)
public final class SvtiFeature extends LinkKindFeature {

    @Activate
    public SvtiFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                       BundleContext context) {
        super(core, netlink, fpc, context, SvtiAttr.FAMILY_SVTI, SvtiTranslator::new);
    }
}
