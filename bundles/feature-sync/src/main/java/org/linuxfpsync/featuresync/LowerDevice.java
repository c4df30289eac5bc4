package org.linuxfpsync.featuresync;

import java.util.Optional;

import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The lower device of a link of one vrf: its own ifindex attribute ({@code IFLA_LINK} of a macvlan,
 * {@code IFLA_GRE_LINK} of a tunnel, {@code IFLA_VXLAN_LINK}) names an interface of the link's
 * namespace, unless the message carries {@code IFLA_LINK_NETNSID}: then it is an interface of the
 * namespace of that id, which the core resolves to the followed vrf it is. The ifuid is that vrf's;
 * when no followed vrf is that namespace the object is refused ({@link ObjectRefused}), never sent
 * with an ifuid that names another interface. One per sync (used on its reader thread).
 */
public final class LowerDevice {
    private final Vrf vrf;
    private final SyncCore core;
    private int lowerVrfid;
    private long lowerIfuid;

    public LowerDevice(Vrf vrf, SyncCore core) {
        this.vrf = vrf;
        this.core = core;
    }

    /** The vrf of the links. */
    public int vrfid() {
        return vrf.vrfid();
    }

    /**
     * Resolves {@code ifindex}, the lower device {@code link} names; then {@link #ifuid()} and
     * {@link #vrfidOfLower()} say where it is.
     *
     * @return false when the link has no lower device ({@code ifindex} 0)
     * @throws ObjectRefused when it is in a namespace no followed vrf is
     */
    public boolean resolve(LinkMessage link, int ifindex) throws ObjectRefused {
        lowerVrfid = vrf.vrfid();
        lowerIfuid = 0;
        if (ifindex <= 0) {
            return false;
        }
        lowerVrfid = vrfOf(link);
        lowerIfuid = Ifuid.of(lowerVrfid, ifindex);
        return true;
    }

    /**
     * The vrf of the link's other namespace ({@code IFLA_LINK_NETNSID}: where a tunnel sends its outer
     * packets, where a lower device is), the link's own when the message has none.
     */
    private int vrfOf(LinkMessage link) throws ObjectRefused {
        if (!link.has(Rtnetlink.IFLA_LINK_NETNSID)) {
            return vrf.vrfid();
        }
        int netnsid = link.linkNetnsid();
        Optional<Vrf> there = core.vrfOfNetnsid(vrf, netnsid);
        if (there.isEmpty()) {
            throw new ObjectRefused(ObjectRefused.LOWER_IN_UNFOLLOWED_NAMESPACE, link.kind() + " ifindex "
                    + link.ifindex() + ": IFLA_LINK_NETNSID " + netnsid + " in vrf " + vrf.vrfid());
        }
        return there.get().vrfid();
    }

    /** The ifuid of the lower device last resolved, 0 when none. */
    public long ifuid() {
        return lowerIfuid;
    }

    /** The vrf of the lower device last resolved: the link's own unless IFLA_LINK_NETNSID said otherwise. */
    public int vrfidOfLower() {
        return lowerVrfid;
    }

    /**
     * Resolves {@code ifindex} and writes its ifuid as TLV {@code ifuidTlv} (nothing when the link has
     * no lower device), and, for a family that carries it, the vrf of the link's other namespace as
     * {@code vrfidTlv} when it is not the link's own (a tunnel moved to another namespace sends its
     * outer packets in the one it was made in, with or without a lower device).
     *
     * @param vrfidTlv the family's TLV for that vrf, 0 when it has none (the ifuid alone is unique
     *                 across vrfs)
     * @throws ObjectRefused when that namespace is no followed vrf
     */
    public void write(FrameWriter w, int ifuidTlv, int vrfidTlv, LinkMessage link, int ifindex) throws ObjectRefused {
        if (resolve(link, ifindex)) {
            w.putU64(ifuidTlv, lowerIfuid);
        } else if (vrfidTlv != 0) {
            lowerVrfid = vrfOf(link);
        }
        if (vrfidTlv != 0 && lowerVrfid != vrf.vrfid()) {
            w.putU32(vrfidTlv, lowerVrfid);
        }
    }
}
