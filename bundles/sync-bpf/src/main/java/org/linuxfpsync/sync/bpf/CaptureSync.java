package org.linuxfpsync.sync.bpf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.cmgr.spi.ReplayMember;
import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.VrfSync;
import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.BpfAttr;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.RateLimitedLog;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.PacketDiagMessage;
import org.linuxfpsync.netlink.codec.SockDiag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The taps of one vrf: its packet sockets, dumped with {@code packet_diag} on the vrf's
 * {@code sock_diag} channel (opened in the vrf's namespace, so the kernel answers with that
 * namespace's sockets), kept equal in the FPM as BPF_ADD/BPF_DEL.
 *
 * <p>The kernel announces neither a new packet socket nor a filter attached to one: the feature
 * {@link #poll polls}. A poll is a REFRESH dump, which sends only what changed; the other dumps (the
 * start, a replay for a new FPM session) send every tap between the family's replay markers. The
 * decision is taken at the end of each dump, when every socket is known, so that the owners of new
 * sockets are looked up in one scan of {@code /proc}.
 */
final class CaptureSync implements NetlinkListener, VrfSync {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureSync.class);
    private static final int SHOW = SockDiag.PACKET_SHOW_INFO | SockDiag.PACKET_SHOW_MCLIST | SockDiag.PACKET_SHOW_FILTER;

    /** A tap's FPC key: VRFID, IFUID (absent for ifindex 0: every interface), ID (the socket's inode). */
    record Key(int vrfid, int ifindex, long inode) {
    }

    private final String name;
    private final Vrf vrf;
    private final SyncCore core;
    private final SocketOwners owners;
    private final Supplier<TapPolicy> policy;
    private final FamilyObjects<Key> taps;
    private final PacketDiagMessage diag = new PacketDiagMessage();
    private final List<PacketSocket> dumped = new ArrayList<>();
    private final Map<Long, SocketOwner> knownOwners = new HashMap<>();
    private final RateLimitedLog malformedLog = new RateLimitedLog(LOG);
    private boolean replaying;
    private boolean hiddenLogged;
    private volatile long malformed;
    private volatile ReplayMember member;
    private volatile Subscription subscription;
    private boolean closed;
    /** The cost of the dumps, from the request to the last frame sent: docs/bpf-sync.md's figures. */
    private long dumpBegan;
    private long dumps;
    private long dumpNanos;
    private long maxDumpNanos;
    private long scans;
    private long scanNanos;

    CaptureSync(String name, Vrf vrf, SyncCore core, FpcChannel fpc, SocketOwners owners, Supplier<TapPolicy> policy) {
        this.name = name;
        this.vrf = vrf;
        this.core = core;
        this.owners = owners;
        this.policy = policy;
        this.taps = new FamilyObjects<>(BpfAttr.FAMILY_BPF, CaptureSync::writeKey, fpc);
    }

    static SubscriptionSpec spec(Vrf vrf) {
        return new SubscriptionSpec(NetlinkFamily.SOCK_DIAG, vrf, new int[0], new int[] {SockDiag.SOCK_DIAG_BY_FAMILY},
                List.of(new DumpRequest(SockDiag.SOCK_DIAG_BY_FAMILY, NetlinkRequests.packetDiagDump(SHOW))));
    }

    /** Joins the family's replay window, then dumps; returns once the vrf's taps have been sent. */
    synchronized CaptureSync start(NetlinkService netlink) throws NetlinkException {
        try {
            member = core.joinReplayWindow(vrf, BpfAttr.FAMILY_BPF, name + " " + taps.familyName(), this::replay);
            subscription = netlink.subscribe(spec(vrf), this);
        } catch (NetlinkException | RuntimeException e) {
            closeLocked(true);
            throw e;
        }
        LOG.info("vrf {}: {} synced: {} taps", vrf.vrfid(), name, syncedObjects());
        return this;
    }

    /** Asks for a dump that sends what changed (a new socket, a filter replaced, a socket gone); never waits. */
    void poll() {
        Subscription s = subscription;
        if (s != null) {
            s.resync(ResyncReason.REFRESH);
        }
    }

    /** Another member of the window replays, or a new FPM session: every tap again. */
    private void replay() {
        Subscription s = subscription;
        if (s != null) {
            s.resync(ResyncReason.REQUESTED);
        }
    }

    @Override
    public void dumpStarted(ResyncReason reason) {
        replaying = reason != ResyncReason.REFRESH;
        dumped.clear();
        dumpBegan = System.nanoTime();
        ReplayMember m = member;
        if (replaying && m != null) {
            m.dumpStarted();
        }
    }

    @Override
    public void message(NlMsg message, boolean fromDump) {
        try {
            dumped.add(PacketSocket.of(diag.wrap(message)));
        } catch (NetlinkFormatException e) {
            malformed++;
            if (malformedLog.admit()) {
                LOG.warn("vrf {}: {} packet socket ignored ({} malformed so far, {} warnings suppressed): {}",
                        vrf.vrfid(), name, malformed, malformedLog.suppressed(), e.getMessage());
            }
        }
    }

    @Override
    public void dumpFinished(boolean complete) {
        ReplayMember m = member;
        if (!complete) {
            if (replaying && m != null) {
                m.dumpFinished(false);
            }
            return;
        }
        try {
            apply(dumped);
        } catch (RuntimeException e) {
            // Never leave the family's replay window open: the next poll sends what this one could not.
            LOG.warn("vrf {}: {} taps not all sent: {}", vrf.vrfid(), name, e.toString());
        }
        if (replaying && m != null) {
            m.dumpFinished(true);
        }
        long nanos = System.nanoTime() - dumpBegan;
        dumps++;
        dumpNanos += nanos;
        maxDumpNanos = Math.max(maxDumpNanos, nanos);
    }

    /** Sends the taps of a complete dump; those it lacks leave the FPM. */
    private void apply(List<PacketSocket> sockets) {
        TapPolicy p = policy.get();
        Map<Long, SocketOwner> owner = ownersOf(sockets);
        Set<Key> wanted = new HashSet<>();
        for (PacketSocket s : sockets) {
            SocketOwner o = owner.getOrDefault(s.inode(), SocketOwner.UNKNOWN);
            if (!p.syncs(s, o) || (s.ifindex() != 0 && !core.holdsInterface(vrf, s.ifindex()))) {
                continue; // an interface the core has not announced yet: the next poll sends it
            }
            Key key = new Key(vrf.vrfid(), s.ifindex(), s.inode());
            wanted.add(key);
            write(taps.beginAdd(), key, s, o, p.program(s));
            taps.add(key, replaying);
            if (s.filter() == PacketSocket.Filter.HIDDEN && !hiddenLogged) {
                hiddenLogged = true;
                LOG.warn("vrf {}: the kernel hides the filters of packet sockets (no CAP_NET_ADMIN in the namespace):"
                        + " their taps are sent without a program", vrf.vrfid());
            }
        }
        if (replaying) {
            taps.forget(k -> !wanted.contains(k)); // the window's GR_END sweeps them from the FPM
        } else {
            // The FPM removed the taps of a deleted interface with it: no BPF_DEL for those.
            taps.forget(k -> !wanted.contains(k) && k.ifindex() != 0 && !core.holdsInterface(vrf, k.ifindex()));
            taps.deleteIf(k -> !wanted.contains(k));
        }
    }

    /** The owners of the dumped sockets: those of sockets seen before, and one scan for the new ones. */
    private Map<Long, SocketOwner> ownersOf(List<PacketSocket> sockets) {
        Set<Long> present = new HashSet<>();
        sockets.forEach(s -> present.add(s.inode()));
        knownOwners.keySet().retainAll(present);
        Set<Long> unknown = new HashSet<>(present);
        unknown.removeAll(knownOwners.keySet());
        if (!unknown.isEmpty()) {
            long began = System.nanoTime();
            Map<Long, SocketOwner> found = owners.find(unknown);
            scans++;
            scanNanos += System.nanoTime() - began;
            // A socket no process holds stays unknown: it is not scanned for again while it lives.
            unknown.forEach(inode -> knownOwners.put(inode, found.getOrDefault(inode, SocketOwner.UNKNOWN)));
        }
        return knownOwners;
    }

    private static void write(FrameWriter w, Key key, PacketSocket s, SocketOwner o, byte[] program) {
        writeKey(w, key);
        if (program != null) {
            w.putBytes(BpfAttr.PROGRAM, program);
        }
        w.putU8(BpfAttr.SOCKET_TYPE, s.type()).putU16(BpfAttr.PROTOCOL, s.protocol());
        if (o.pid() > 0) {
            w.putU32(BpfAttr.PID, (int) o.pid()).putString(BpfAttr.APPLICATION, o.comm());
        }
        if (s.promisc()) {
            w.putU8(BpfAttr.PROMISC, 1);
        }
    }

    private static void writeKey(FrameWriter w, Key key) {
        w.putU32(BpfAttr.VRFID, key.vrfid());
        if (key.ifindex() != 0) {
            w.putU64(BpfAttr.IFUID, Ifuid.of(key.vrfid(), key.ifindex()));
        }
        w.putU32(BpfAttr.ID, (int) key.inode());
    }

    @Override
    public long syncedObjects() {
        return taps.size();
    }

    @Override
    public long malformed() {
        return malformed;
    }

    @Override
    public synchronized void close(boolean withdraw) {
        closeLocked(withdraw);
        LOG.info("vrf {}: {} sync stopped{}; {} dumps of packet sockets, {} us each on average, {} us at most;"
                + " {} scans of /proc, {} us each on average", vrf.vrfid(), name, withdraw ? ", its taps withdrawn" : "",
                dumps, dumps == 0 ? 0 : dumpNanos / dumps / 1000, maxDumpNanos / 1000, scans,
                scans == 0 ? 0 : scanNanos / scans / 1000);
    }

    private void closeLocked(boolean withdraw) {
        if (closed) {
            return;
        }
        closed = true;
        Subscription s = subscription;
        subscription = null;
        if (s != null) {
            s.close(); // waits until no callback runs: nothing is sent after the window is left
        }
        ReplayMember m = member;
        member = null;
        if (m != null) {
            m.leave(withdraw);
        }
        taps.forget(k -> true);
    }
}
