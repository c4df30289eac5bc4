package org.linuxfpsync.featuresync.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.linuxfpsync.cmgr.spi.L3Sync;
import org.linuxfpsync.cmgr.spi.ReplayMember;
import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.cmgr.spi.VrfListener;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;

/**
 * A core that follows the vrfs a test gives it and frames each member's dumps with markers noted in
 * the {@link RecordingFpc}: {@code GR_BEGIN fdb vrf 0} when a dump starts, {@code GR_END fdb vrf 0}
 * when it completes, {@code FLUSH fdb vrf 0} when the member withdraws. One member per window: the
 * sharing of a window by several syncs is the core's (ReplayWindowTest).
 */
public final class RecordingCore implements SyncCore {
    public final List<Vrf> followed = new ArrayList<>();
    public final List<VrfListener> listeners = new ArrayList<>();
    /** Interfaces the core has not announced (IF_CREATE) yet: their RTM_NEWLINK is still unread. */
    public final Set<Integer> notYetHeld = new HashSet<>();
    /** The followed vrf each IFLA_LINK_NETNSID names, in any vrf: an id not here names no followed vrf. */
    public final Map<Integer, Vrf> netnsids = new HashMap<>();
    private final List<Runnable> replays = new ArrayList<>();
    private final RecordingFpc fpc;
    private int members;

    public RecordingCore(RecordingFpc fpc) {
        this.fpc = fpc;
    }

    @Override
    public void addVrfListener(VrfListener listener) {
        listeners.add(listener);
        followed.forEach(listener::vrfFollowed);
    }

    @Override
    public void removeVrfListener(VrfListener listener) {
        listeners.remove(listener);
    }

    @Override
    public L3Sync startL3Sync(Vrf vrf, int addressFamily) {
        throw new UnsupportedOperationException("no L3 in these tests");
    }

    @Override
    public ReplayMember joinReplayWindow(Vrf vrf, int fpcFamily, String name, Runnable replay) {
        String window = familyName(fpcFamily) + " vrf " + vrf.vrfid();
        replays.add(replay);
        members++;
        return new ReplayMember() {
            private boolean left;

            @Override
            public boolean dumpStarted() {
                fpc.note("GR_BEGIN " + window);
                return false; // each dump opens a window of its own here
            }

            @Override
            public void dumpFinished(boolean complete) {
                if (complete) {
                    fpc.note("GR_END " + window);
                }
            }

            @Override
            public void leave(boolean withdraw) {
                if (left) {
                    throw new AssertionError(name + " left the window of " + window + " twice");
                }
                left = true;
                members--;
                replays.remove(replay);
                fpc.note((withdraw ? "FLUSH " : "KEEP ") + window);
            }
        };
    }

    @Override
    public Optional<Vrf> vrfOfNetnsid(Vrf vrf, int netnsid) {
        return Optional.ofNullable(netnsids.get(netnsid));
    }

    @Override
    public boolean holdsInterface(Vrf vrf, int ifindex) {
        return !notYetHeld.contains(ifindex);
    }

    /** A new FPM session: every member replays. */
    public void sessionUp() {
        new ArrayList<>(replays).forEach(Runnable::run);
    }

    /** Members that have not left their window. */
    public int members() {
        return members;
    }

    /** The name of a family code, for the markers this fake core notes. */
    private static String familyName(int code) {
        return code == InterfaceAttr.FAMILY_INTERFACES ? "interfaces" : FpcSchema.family(code).name();
    }
}
