package org.linuxfpsync.featuresync;

import org.linuxfpsync.fpc.codec.VlanAttr;
import java.util.function.Supplier;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.netlink.NetlinkService;
import org.osgi.framework.BundleContext;

/**
 * A feature that is one FPC object per link of a kind (vxlan, vlan, macvlan, gre...): the links of
 * every followed vrf, each owned link written by the feature's translator into its family. A
 * feature's component only names the family and the translator.
 */
public abstract class LinkKindFeature extends FeatureComponent {

    /**
     * @param familyCode the FPC family, keyed by VRFID and IFUID ({@code VlanAttr.FAMILY_VLAN})
     * @param translator a new translator for each vrf (each sync has its reader thread)
     */
    protected LinkKindFeature(SyncCore core, NetlinkService netlink, FpcChannel fpc, BundleContext context,
                              int familyCode, Supplier<LinkKindObjects.Translator> translator) {
        super(core, context, LinkKindObjects.starter(familyCode, translator, core, netlink, fpc));
    }
}
