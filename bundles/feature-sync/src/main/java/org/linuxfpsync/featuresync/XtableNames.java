package org.linuxfpsync.featuresync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Xtables;

/**
 * The x_tables names files of each vrf, read once for one poll of every feature ({@link XtablesPolls}):
 * IPv4's and IPv6's with one entry into the namespace (netfilter and nat both need them), the
 * bridge's once for every vrf (the kernel's modules, not the namespace's: three stat calls). Lives for one poll only: the next one reads them again. A failure
 * is remembered too, so that each feature reports it as it did when it read alone.
 */
final class XtableNames {
    private static final int[] IP_FAMILIES = {Xtables.NFPROTO_IPV4, Xtables.NFPROTO_IPV6};

    private record Key(NetlinkService netlink, String netnsName) {
    }

    private final Map<Key, Object> read = new HashMap<>();

    /** The tables of {@code nfproto} that the namespace of {@code vrf} has ({@link NetlinkService#xtableNames}). */
    List<String> names(NetlinkService netlink, Vrf vrf, int nfproto) throws NetlinkException {
        Key key = new Key(netlink, nfproto == Xtables.NFPROTO_BRIDGE ? null : vrf.netnsName());
        if (nfproto == Xtables.NFPROTO_BRIDGE) { // no namespace entered: the kernel's modules, for every vrf
            Object bridge = read.get(key);
            if (bridge == null) {
                try {
                    bridge = List.of(netlink.xtableNames(vrf, nfproto));
                } catch (NetlinkException e) {
                    bridge = e;
                }
                read.put(key, bridge);
            }
            return unwrap(bridge, 0);
        }
        Object both = read.get(key);
        if (both == null) {
            try {
                both = netlink.xtableNames(vrf, IP_FAMILIES);
            } catch (NetlinkException e) {
                both = e;
            }
            read.put(key, both);
        }
        return unwrap(both, nfproto == Xtables.NFPROTO_IPV4 ? 0 : 1);
    }

    private static List<String> unwrap(Object read, int index) throws NetlinkException {
        if (read instanceof NetlinkException e) {
            throw new NetlinkException(e.getMessage());
        }
        @SuppressWarnings("unchecked")
        List<List<String>> lists = (List<List<String>>) read;
        return lists.get(index);
    }
}
