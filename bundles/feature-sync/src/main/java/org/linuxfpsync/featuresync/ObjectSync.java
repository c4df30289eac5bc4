package org.linuxfpsync.featuresync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.cmgr.spi.ReplayMember;
import org.linuxfpsync.cmgr.spi.SyncCore;
import org.linuxfpsync.netlink.FollowUp;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.RateLimitedLog;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects of one feature in one vrf, kept equal to the kernel: one netlink subscription whose
 * dumps at start, for a new FPM session and when another sync of a shared family replays are
 * replays framed by the replay window of each FPC family it fills, and whose dumps after an
 * overflow or for a refresh send the differences only ({@link SyncedFamily}), and a
 * {@link MessageHandler} that turns messages into objects. A message that does not parse is counted,
 * logged at most once a second, and skipped: nothing synced is lost and the reader thread goes on.
 *
 * <p>A dump runs on a socket of its own while notifications wait in the listening one: it can report
 * a link the core has not announced yet (its RTM_NEWLINK waits, unread), and the FPM would refuse the
 * link's objects. Such a link is left out of the dump, as if created just after it: its RTM_NEWLINK
 * comes next, to the core first ({@link SyncCore#holdsInterface}).
 */
public final class ObjectSync implements NetlinkListener, VrfSync {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectSync.class);

    private final String name;
    private final Vrf vrf;
    private final SubscriptionSpec spec;
    private final MessageHandler handler;
    private final List<SyncedFamily> families;
    private final LinkMessage link = new LinkMessage();
    private volatile SyncCore core;
    private volatile Subscription subscription;
    private boolean closed;
    private final SkippedInput skipped = new SkippedInput();
    private final RateLimitedLog refusedLog = new RateLimitedLog(LOG);
    private final RateLimitedLog malformedLog = new RateLimitedLog(LOG);

    /**
     * @param name     the feature, for logs and window members ({@code vxlan})
     * @param families every FPC family the handler fills, each with its own cache
     */
    public ObjectSync(String name, Vrf vrf, SubscriptionSpec spec, MessageHandler handler,
                      List<? extends SyncedFamily> families) {
        this.name = name;
        this.vrf = vrf;
        this.spec = spec;
        this.handler = handler;
        this.families = List.copyOf(families);
        handler.dumpRequester(this::replay);
    }

    /**
     * Joins the replay window of each family, then subscribes; returns once the initial dump has been
     * sent. On failure, what was sent goes again.
     */
    public synchronized ObjectSync start(NetlinkService netlink, SyncCore core) throws NetlinkException {
        this.core = core;
        try {
            for (SyncedFamily f : families) {
                f.join(core.joinReplayWindow(vrf, f.familyCode(), name + " " + f.familyName(), this::replay));
            }
            subscription = netlink.subscribe(spec, this);
        } catch (NetlinkException | RuntimeException e) {
            closeLocked(true);
            throw e;
        }
        LOG.info("vrf {}: {} synced: {} objects", vrf.vrfid(), name, syncedObjects());
        return this;
    }

    /** Asks for a full dump (another member of a window replays, or a new FPM session); never waits. */
    private void replay() {
        Subscription s = subscription;
        if (s != null) {
            s.resync(ResyncReason.REQUESTED);
        }
    }

    /**
     * Asks for a refresh ({@link ResyncReason#REFRESH}): a dump compared with what was sent, whose
     * differences alone are sent, outside the replay window; for what the kernel changes or deletes
     * without a notification. Never waits; a pending dump of another reason covers it.
     */
    public void refresh() {
        Subscription s = subscription;
        if (s != null) {
            s.resync(ResyncReason.REFRESH);
        }
    }

    public Vrf vrf() {
        return vrf;
    }

    @Override
    public void dumpStarted(ResyncReason reason) {
        LOG.debug("vrf {}: {} dump started ({})", vrf.vrfid(), name, reason);
        for (SyncedFamily f : families) {
            f.dumpStarted(reason.differential());
        }
        handler.dumpStarted();
    }

    @Override
    public void message(NlMsg message, boolean fromDump) {
        try {
            if (fromDump && notAnnouncedYet(message)) {
                return;
            }
            handler.apply(message, fromDump);
        } catch (ObjectRefused e) {
            skipped.countRefused(e.reason());
            if (refusedLog.admit()) {
                LOG.warn("vrf {}: {} object refused ({} warnings suppressed): {}", vrf.vrfid(), name,
                        refusedLog.suppressed(), e.getMessage());
            }
        } catch (NetlinkFormatException e) {
            long malformed = skipped.countMalformed();
            if (malformedLog.admit()) {
                LOG.warn("vrf {}: {} message ignored ({} malformed so far, {} warnings suppressed): {}", vrf.vrfid(),
                        name, malformed, malformedLog.suppressed(), e.getMessage());
            }
        }
    }

    /**
     * A link's RTM_NEWLINK (its device's or its bridge port's) of an interface the core does not hold yet.
     * Rtnetlink only: another family's type 16 is something else (XFRM_MSG_NEWSA).
     */
    private boolean notAnnouncedYet(NlMsg message) throws NetlinkFormatException {
        SyncCore c = core;
        return spec.family() == NetlinkFamily.ROUTE && message.type() == Rtnetlink.RTM_NEWLINK && c != null
                && !c.holdsInterface(vrf, link.wrap(message).ifindex());
    }

    @Override
    public List<? extends FollowUp> followUps() {
        return handler.followUps();
    }

    @Override
    public void dumpFinished(boolean complete) {
        handler.dumpFinished(complete);
        for (SyncedFamily f : families) {
            f.dumpFinished(complete);
        }
        LOG.debug("vrf {}: {} dump {}, {} objects", vrf.vrfid(), name, complete ? "done" : "interrupted",
                syncedObjects());
    }

    @Override
    public long malformed() {
        return skipped.malformed();
    }

    @Override
    public Map<String, Long> refused() {
        return skipped.refused();
    }

    @Override
    public long syncedObjects() {
        long n = 0;
        for (SyncedFamily f : families) {
            n += f.size();
        }
        return n;
    }

    @Override
    public synchronized void close(boolean withdraw) {
        closeLocked(withdraw);
        LOG.info("vrf {}: {} sync stopped{}", vrf.vrfid(), name, withdraw ? ", its objects withdrawn" : "");
    }

    private void closeLocked(boolean withdraw) {
        if (closed) {
            return;
        }
        closed = true;
        Subscription s = subscription;
        subscription = null;
        if (s != null) {
            // Waits until no callback runs: nothing of ours is sent after the windows are left.
            s.close();
        }
        for (SyncedFamily f : new ArrayList<>(families)) {
            f.close(withdraw);
        }
    }
}
