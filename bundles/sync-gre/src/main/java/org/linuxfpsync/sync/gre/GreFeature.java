package org.linuxfpsync.sync.gre;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.LinkKindFeature;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.GreAttr;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The GRE parameters of every gre, gretap, ip6gre, ip6gretap, erspan and ip6erspan device of every
 * vrf the core follows, their fallback devices marked, converged from a dump when the bundle starts,
 * withdrawn when it stops.
 */
@Component(service = SyncFeature.class, immediate = true)
public final class GreFeature extends LinkKindFeature {

    @Activate
    public GreFeature(@Reference SyncCore core, @Reference NetlinkService netlink, @Reference FpcChannel fpc,
                      BundleContext context) {
        super(core, netlink, fpc, context, GreAttr.FAMILY_GRE, GreTranslator::new);
    }
}
