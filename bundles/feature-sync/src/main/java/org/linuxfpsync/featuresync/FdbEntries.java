package org.linuxfpsync.featuresync;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.FdbAttr;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NeighbourMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * Forwarding database entries (RTM_NEWNEIGH/RTM_DELNEIGH of AF_BRIDGE) to FDB_ADD/FDB_DEL. The kernel
 * reports in one stream the entries of every table: a bridge's (NDA_MASTER names it), a VXLAN
 * device's own (NTF_SELF on the vxlan device), and the unicast and multicast address lists of every
 * other device (NTF_SELF too, which no fast path forwards with and the kernel changes without
 * notifying). Each feature takes the entries of the tables it owns, by the device that holds them
 * ({@link Owner}): one owner per entry, and FPC's FDB key starts with that device (IFUID).
 *
 * <p>The FPM takes an entry only once it holds the entry's device, and the kernel can notify an entry
 * before the device: a new bridge's own address ({@code fdb_add_local} while the bridge registers)
 * comes before the bridge's RTM_NEWLINK. An entry of a device this subscription has not seen yet (no
 * RTM_NEWLINK since the last dump began) waits for it: the device's RTM_NEWLINK, after which the core
 * has sent its IF_CREATE on the same reader thread, sends the entries that waited.
 */
public final class FdbEntries implements MessageHandler {
    /** The ifindex of the device whose table holds the entry, when it is this feature's; 0 otherwise. */
    @FunctionalInterface
    public interface Owner {
        int tableOf(NeighbourMessage entry);
    }

    /**
     * What identifies an entry in FPC: its table's device, the MAC (6 bytes in a long), the VLAN (0
     * when none) and the VXLAN remote (0 bytes, 4 or 16).
     */
    public record Key(int table, long mac, int vlan, long remoteHigh, long remoteLow, int remoteLength) {
        void writeTo(FrameWriter w, int vrfid) {
            w.putU32(FdbAttr.VRFID, vrfid).putU64(FdbAttr.IFUID, Ifuid.of(vrfid, table));
            w.putBytes(FdbAttr.MAC, ByteBuffer.allocate(8).putLong(mac).array(), 2, ETH_ALEN);
            if (vlan != 0) {
                w.putU16(FdbAttr.VLAN, vlan);
            }
            if (remoteLength == 4) {
                w.putAddress(FdbAttr.REMOTE, ByteBuffer.allocate(4).putInt((int) remoteLow).array());
            } else if (remoteLength == 16) {
                w.putAddress(FdbAttr.REMOTE, ByteBuffer.allocate(16).putLong(remoteHigh).putLong(remoteLow).array());
            }
        }
    }

    /** What an FDB_ADD says of an entry besides its key; 0 or -1 for what the kernel did not say. */
    private record Entry(Key key, int portIfindex, int vni, int port, int state, int flags, int viaIfindex) {
    }

    private static final int ETH_ALEN = 6;
    /** VLAN_N_VID - 1: NDA_VLAN is a 12-bit VLAN id. */
    private static final int VLAN_MAX = 4095;

    private final Vrf vrf;
    private final FamilyObjects<Key> objects;
    private final Owner owner;
    /**
     * The remote of each unicast MAC of a device's table, by the entry's key without its remote. A
     * unicast MAC has one remote at most in a VXLAN table (the kernel appends remotes only to the
     * all-zeros and multicast MACs, {@code vxlan_fdb_update_existing}), and {@code bridge fdb replace}
     * changes it with a notification of the new remote only: the new one deletes the old. By table
     * (the device), so that a device that goes costs its own entries only.
     */
    private final Map<Integer, Map<Key, Key>> unicastRemotes = new HashMap<>();
    /** The devices whose RTM_NEWLINK this subscription has seen since the last dump began. */
    private final Set<Integer> devices = new HashSet<>();
    /** Entries of devices not seen yet, each with what its FDB_ADD says; sent when the device is. */
    private final Map<Key, Entry> waiting = new HashMap<>();
    private final NeighbourMessage entry = new NeighbourMessage();
    private final LinkMessage link = new LinkMessage();
    private final byte[] lladdr = new byte[32];
    private final byte[] remote = new byte[16];

    public FdbEntries(Vrf vrf, FamilyObjects<Key> objects, Owner owner) {
        this.vrf = vrf;
        this.objects = objects;
        this.owner = owner;
    }

    /** The cache of the FDB family in {@code vrf}. */
    public static FamilyObjects<Key> objectsOf(Vrf vrf, FpcChannel fpc) {
        int vrfid = vrf.vrfid();
        return new FamilyObjects<>(FdbAttr.FAMILY_FDB, (w, key) -> key.writeTo(w, vrfid), fpc, Key::table);
    }

    /**
     * Applies an AF_BRIDGE neighbour message; a device deleted (RTM_DELLINK) takes its entries, which
     * the FPM deleted with it, without a DEL; other messages are ignored.
     */
    @Override
    public void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        if (MessageHandler.linkOf(Rtnetlink.AF_UNSPEC, message, link)) {
            int ifindex = link.ifindex();
            if (message.type() == Rtnetlink.RTM_DELLINK) {
                // A link's deletion costs its own entries, not a pass over every table (issue #23).
                devices.remove(ifindex);
                if (!waiting.isEmpty()) {
                    waiting.keySet().removeIf(k -> k.table() == ifindex);
                }
                objects.forgetDevice(ifindex);
                unicastRemotes.remove(ifindex);
            } else if (devices.add(ifindex) && !waiting.isEmpty()) {
                for (Entry e : waiting.values().stream().filter(e -> e.key().table() == ifindex).toList()) {
                    waiting.remove(e.key());
                    send(e, false);
                }
            }
            return;
        }
        if (message.type() != Rtnetlink.RTM_NEWNEIGH && message.type() != Rtnetlink.RTM_DELNEIGH) {
            return;
        }
        // ndm_family, the payload's first byte: the ARP and NDP neighbours this channel carries are left
        // before their attributes are walked (issue #23: every neighbour of the vrf comes here); one too
        // short for its header goes on, to be refused and counted as malformed.
        if (message.payloadLength() >= NeighbourMessage.NDMSG_LENGTH
                && (message.buffer().get(message.payloadOffset()) & 0xff) != Rtnetlink.AF_BRIDGE) {
            return;
        }
        entry.wrap(message);
        if (entry.family() != Rtnetlink.AF_BRIDGE) {
            return;
        }
        int table = owner.tableOf(entry);
        if (table <= 0) {
            return;
        }
        int macLength = entry.copyLladdr(lladdr);
        if (macLength != ETH_ALEN) {
            throw new NetlinkFormatException("FDB entry of ifindex " + entry.ifindex() + ": NDA_LLADDR of "
                    + macLength + " bytes, need " + ETH_ALEN + " (ETH_ALEN)");
        }
        int vlan = Math.max(entry.vlan(), 0);
        if (vlan > VLAN_MAX) {
            throw new NetlinkFormatException("FDB entry of ifindex " + entry.ifindex() + ": NDA_VLAN " + vlan
                    + " above " + VLAN_MAX);
        }
        int remoteLength = entry.copyDst(remote);
        Key key = key(table, vlan, remoteLength);
        Key unicast = remoteLength > 0 && isUnicast() ? new Key(table, key.mac(), vlan, 0, 0, 0) : null;
        if (message.type() == Rtnetlink.RTM_DELNEIGH) {
            waiting.remove(key);
            objects.delete(key);
            Map<Key, Key> remotes = unicast == null ? null : unicastRemotes.get(table);
            if (remotes != null && remotes.remove(unicast, key) && remotes.isEmpty()) {
                unicastRemotes.remove(table);
            }
            return;
        }
        if (unicast != null) {
            Key replaced = unicastRemotes.computeIfAbsent(table, t -> new HashMap<>()).put(unicast, key);
            if (replaced != null && !replaced.equals(key)) {
                waiting.remove(replaced);
                objects.delete(replaced);
            }
        }
        // NDA_IFINDEX in another namespace (NDA_LINK_NETNSID) names no interface of this vrf.
        int via = entry.has(Rtnetlink.NDA_LINK_NETNSID) ? 0 : entry.remoteIfindex();
        // A bridge's entry names the port the station is behind (the bridge itself for its own address).
        Entry e = new Entry(key, entry.master() != 0 ? entry.ifindex() : 0, entry.vni(), entry.port(), entry.state(),
                entry.flags(), via);
        if (devices.contains(table)) {
            send(e, fromDump);
        } else {
            waiting.put(key, e);
        }
    }

    private void send(Entry e, boolean fromDump) {
        int vrfid = vrf.vrfid();
        FrameWriter w = objects.beginAdd();
        e.key().writeTo(w, vrfid);
        if (e.portIfindex() != 0) {
            w.putU64(FdbAttr.PORT_IFUID, Ifuid.of(vrfid, e.portIfindex()));
        }
        if (e.vni() != -1) {
            w.putU32(FdbAttr.VNI, e.vni());
        }
        if (e.port() != -1) {
            w.putU16(FdbAttr.DST_PORT, e.port());
        }
        w.putU16(FdbAttr.STATE, e.state());
        w.putU8(FdbAttr.FLAGS, e.flags());
        if (e.viaIfindex() != 0) {
            w.putU64(FdbAttr.VIA_IFUID, Ifuid.of(vrfid, e.viaIfindex()));
        }
        objects.add(e.key(), fromDump);
    }

    /** A dump starts: forget the remotes the last dump swept (they are not in the FPM anymore). */
    @Override
    public void dumpStarted() {
        devices.clear();
        waiting.clear();
        for (Map<Key, Key> remotes : unicastRemotes.values()) {
            remotes.values().removeIf(k -> !objects.contains(k));
        }
        unicastRemotes.values().removeIf(Map::isEmpty);
    }

    /** Neither all zeros (the default destination) nor a group address (the I/G bit). */
    private boolean isUnicast() {
        boolean zero = true;
        for (int i = 0; i < ETH_ALEN; i++) {
            zero &= lladdr[i] == 0;
        }
        return !zero && (lladdr[0] & 1) == 0;
    }

    private Key key(int table, int vlan, int remoteLength) {
        long mac = ((lladdr[0] & 0xffL) << 40) | (ByteBuffer.wrap(lladdr, 1, 4).getInt() & 0xffffffffL) << 8
                | (lladdr[5] & 0xffL);
        ByteBuffer r = ByteBuffer.wrap(remote);
        long high = remoteLength == 16 ? r.getLong(0) : 0;
        long low = remoteLength == 16 ? r.getLong(8) : remoteLength == 4 ? r.getInt(0) & 0xffffffffL : 0;
        return new Key(table, mac, vlan, high, low, remoteLength);
    }
}
