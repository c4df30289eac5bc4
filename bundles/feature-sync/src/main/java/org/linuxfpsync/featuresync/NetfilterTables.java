package org.linuxfpsync.featuresync;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.Vrf;

/**
 * The sync of one netfilter feature (netfilter, nat, ebtables) in one vrf: its nftables tables
 * ({@link NftSync}, followed over netlink) and its legacy x_tables tables ({@link XtablesSync}, read
 * when its {@link XtablesWatch} says), started and stopped together.
 */
public final class NetfilterTables {
    private NetfilterTables() {
    }

    /** Starts both; returns once the vrf's tables of both origins have been sent. */
    public static VrfSync start(String feature, Vrf vrf, NftSync.Owner owner, NetlinkService netlink, SyncCore core,
                                FpcChannel fpc, XtablesWatch legacy) throws NetlinkException {
        // The x_tables sync joins the window first: the window nftables' first dump opens waits for its read.
        XtablesSync xtables = legacy.join(feature, vrf, core, fpc);
        NftSync tables = new NftSync(vrf, owner, fpc);
        ObjectSync nft;
        try {
            nft = new ObjectSync(feature, vrf, NftSync.subscription(vrf), tables, List.of(tables.tables()))
                    .start(netlink, core);
        } catch (NetlinkException | RuntimeException e) {
            legacy.leave(xtables, true);
            throw e;
        }
        xtables.read();
        return new VrfSync() {
            @Override
            public long syncedObjects() {
                return nft.syncedObjects() + xtables.syncedObjects();
            }

            @Override
            public long malformed() {
                return nft.malformed() + xtables.malformed();
            }

            @Override
            public Map<String, Long> refused() {
                Map<String, Long> counts = new TreeMap<>(nft.refused());
                xtables.refused().forEach((reason, n) -> counts.merge(reason, n, Long::sum));
                return counts;
            }

            @Override
            public void close(boolean withdraw) {
                try {
                    legacy.leave(xtables, withdraw);
                } finally {
                    nft.close(withdraw);
                }
            }
        };
    }
}
