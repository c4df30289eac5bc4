package org.linuxfpsync.featuresync;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Audit;
import org.linuxfpsync.netlink.codec.AuditMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When one feature's {@link XtablesSync}s read their tables again: the kernel sends no netlink event
 * for an x_tables change. Two sources; every read runs on the features' timer thread
 * ({@code cmgr-poll}, {@link PollTimer}; {@link XtablesPolls}):
 *
 * <ul>
 *   <li>audit: the kernel logs each table replacement as an AUDIT_NETFILTER_CFG record
 *   ({@code table=filter family=2 entries=6 op=xt_replace}) to the read-only multicast group
 *   AUDIT_NLGRP_READLOG ({@code netlink-audit-listen-0}), while auditing is enabled. Only listened to:
 *   no AUDIT_SET, the audit daemon keeps its place. Records carry no namespace (the kernel multicasts
 *   them in the initial one): a record of a table this feature owns re-reads every vrf. Records that
 *   come while a read is queued merge into it;</li>
 *   <li>a poll, every {@code pollPeriodMs} (default 1 s, within [100 ms, 60 s]) while no record has
 *   come; once records come (auditing is on), every {@link #AUDITED_PERIOD_MS}, in case auditing is
 *   switched off later.</li>
 * </ul>
 *
 * <p>The thread sleeps until the next poll is due (not a fixed tick that looks whether it is: three
 * features' 100 ms ticks were half of their idle CPU); a read on an audit record moves the poll after it.
 * Polls run at the timer's grid points of the period, reading every feature due before the next
 * point (early, never late): the three read together once a period, in the wake-up of the timer's
 * other tasks of that period, and read each vrf's names files once between them.
 */
public final class XtablesWatch {
    private static final Logger LOG = LoggerFactory.getLogger(XtablesWatch.class);
    /** The configuration of the three netfilter features' x_tables reads. */
    public static final String PID = "org.linuxfpsync.sync.xtables";
    static final long DEFAULT_PERIOD_MS = 1000;
    static final long MIN_PERIOD_MS = 100;
    static final long MAX_PERIOD_MS = 60_000;
    /** The poll once audit records are seen: a safety net only. */
    static final long AUDITED_PERIOD_MS = 30_000;

    private final String feature;
    private final NftSync.Owner owner;
    private final NetlinkService netlink;
    private final Set<XtablesSync> syncs = ConcurrentHashMap.newKeySet();
    private final XtablesPolls thread;
    private final AtomicBoolean readQueued = new AtomicBoolean();
    private final AuditMessage audit = new AuditMessage();
    private volatile long periodMs;
    private volatile boolean auditSeen;
    private volatile long lastRead;
    private volatile long auditRecords;
    private volatile long auditTriggered;
    private volatile long malformedRecords;
    /** Times the shared poll looked whether this feature was due. */
    private volatile long polls;
    /** Whether this feature's vrfs are read by the shared thread. Guarded by this. */
    private boolean started;
    private Subscription auditSubscription;

    public XtablesWatch(String feature, NftSync.Owner owner, NetlinkService netlink, Map<String, Object> properties) {
        this(feature, owner, netlink, properties, XtablesPolls.SHARED);
    }

    /** @param thread the polls, on their timer (tests: one of their own) */
    XtablesWatch(String feature, NftSync.Owner owner, NetlinkService netlink, Map<String, Object> properties,
                 XtablesPolls thread) {
        this.feature = feature;
        this.owner = owner;
        this.netlink = netlink;
        this.periodMs = period(properties);
        this.thread = thread;
    }

    /** {@code pollPeriodMs}, within [100 ms, 60 s]; the default (1 s) when absent or not a number. */
    public static long period(Map<String, Object> properties) {
        Object v = properties == null ? null : properties.get("pollPeriodMs");
        if (v == null) {
            return DEFAULT_PERIOD_MS;
        }
        try {
            long ms = Long.parseLong(v.toString().trim());
            long bounded = Math.max(MIN_PERIOD_MS, Math.min(MAX_PERIOD_MS, ms));
            if (bounded != ms) {
                LOG.error("x_tables: pollPeriodMs {} out of [{}, {}]: {} ms", ms, MIN_PERIOD_MS, MAX_PERIOD_MS,
                        bounded);
            }
            return bounded;
        } catch (NumberFormatException e) {
            LOG.error("x_tables: pollPeriodMs '{}' is not a number: {} ms", v, DEFAULT_PERIOD_MS);
            return DEFAULT_PERIOD_MS;
        }
    }

    /** A new configuration: the poll period applies at once (the next poll is due a period after the last read). */
    public void configure(Map<String, Object> properties) {
        periodMs = period(properties);
        thread.reschedule();
    }

    /**
     * A vrf's x_tables sync, in the family's replay window with a replay pending but nothing read yet:
     * join it before the vrf's nftables sync starts, so that the window that sync's first dump opens
     * waits for this one's first {@link XtablesSync#read} (then a single window covers both).
     */
    public XtablesSync join(String featureName, Vrf vrf, org.linuxfpsync.cmgr.spi.SyncCore core,
                            org.linuxfpsync.fpc.FpcChannel fpc) {
        XtablesSync sync = new XtablesSync(featureName, vrf, owner, netlink, fpc).join(core, this::readSoon);
        synchronized (this) {
            syncs.add(sync); // after joining: a poll never reads it outside the window
            if (!started) {
                start();
            }
        }
        return sync;
    }

    /** The vrf's sync stops: it is read no more; the last one stops the thread and the audit channel. */
    public void leave(XtablesSync sync, boolean withdraw) {
        remove(sync);
        sync.close(withdraw);
    }

    private void start() {
        started = true;
        lastRead = System.nanoTime();
        thread.add(this);
        try {
            auditSubscription = netlink.subscribe(new SubscriptionSpec(NetlinkFamily.AUDIT, Vrf.defaultVrf(),
                    new int[] {Audit.AUDIT_NLGRP_READLOG}, new int[] {Audit.AUDIT_NETFILTER_CFG}, List.of()),
                    new AuditListener());
        } catch (NetlinkException | RuntimeException e) {
            LOG.info("{}: no audit records ({}): x_tables polled every {} ms", feature, e.getMessage(), periodMs);
        }
    }

    private void remove(XtablesSync sync) {
        Subscription audit;
        synchronized (this) {
            syncs.remove(sync);
            if (!syncs.isEmpty() || !started) {
                return;
            }
            audit = auditSubscription;
            auditSubscription = null;
            started = false;
            thread.remove(this); // in the lock: a vrf joining meanwhile adds the feature back after this
        }
        // Outside the lock: closing waits for the audit callback, which queues a read (readSoon).
        if (audit != null) {
            audit.close();
        }
        LOG.info("{}: x_tables reads stopped; {}", feature, auditCounts());
    }

    /** The period in force: longer once audit records are seen. */
    private long periodNanos() {
        return TimeUnit.MILLISECONDS.toNanos(auditSeen ? Math.max(periodMs, AUDITED_PERIOD_MS) : periodMs);
    }

    /** How long until this feature's poll is due (negative: overdue); Long.MAX_VALUE when it reads nothing. */
    long dueInNanos(long now) {
        return syncs.isEmpty() ? Long.MAX_VALUE : lastRead + periodNanos() - now;
    }

    /** The poll's grid: the configured period (also once audit records lengthen it). */
    long gridNanos() {
        return TimeUnit.MILLISECONDS.toNanos(periodMs);
    }

    /**
     * The shared poll, on the thread at a grid point: reads every vrf when the period (longer once
     * audit records are seen) has passed since the last read, or will before the next grid point.
     */
    void pollIfDue(long now, XtableNames names) {
        polls++;
        if (!syncs.isEmpty() && dueInNanos(now) < gridNanos()) {
            readAll(names);
        }
    }

    /** Queues one read of every vrf (merged with one already queued); never waits. */
    void readSoon() {
        if (readQueued.compareAndSet(false, true)) {
            boolean queued = thread.execute(() -> {
                readQueued.set(false);
                readAll(new XtableNames()); // the poll already scheduled finds this feature read: a period after
            });
            if (!queued) {
                readQueued.set(false);
            }
        }
    }

    private void readAll(XtableNames names) {
        lastRead = System.nanoTime();
        for (XtablesSync s : syncs) {
            try {
                s.read(names);
            } catch (RuntimeException e) {
                // A task that throws is never run again by its executor: one vrf must not stop the others.
                LOG.warn("{}: x_tables read failed: {}", feature, e.toString());
            }
        }
    }

    long polls() {
        return polls;
    }

    /** Audit records received, those that triggered a read, and those that did not parse. */
    public String auditCounts() {
        return auditRecords + " AUDIT_NETFILTER_CFG records, " + auditTriggered + " of this feature's tables, "
                + malformedRecords + " malformed";
    }

    /** Whether a record names a table of this feature: {@code family=} and {@code table=} of an x_tables op. */
    boolean concerns(AuditMessage record) {
        if (!record.findField("op") || record.fieldValueLength() < 3
                || !record.field("op").startsWith("xt_")) {
            return false; // nft_* records: the nftables sync has their netlink events
        }
        long family = record.fieldLong("family", -1);
        String table = record.field("table");
        return table != null && family >= 0 && family <= 255 && XtablesSync.owns(owner, (int) family, table);
    }

    private final class AuditListener implements NetlinkListener {
        @Override
        public void dumpStarted(ResyncReason reason) {
        }

        @Override
        public void message(NlMsg message, boolean fromDump) {
            if (message.type() != Audit.AUDIT_NETFILTER_CFG) {
                return;
            }
            auditRecords++;
            auditSeen = true;
            try {
                if (concerns(audit.wrap(message))) {
                    auditTriggered++;
                    readSoon();
                }
            } catch (NetlinkFormatException | IllegalArgumentException e) {
                malformedRecords++;
            }
        }

        @Override
        public void dumpFinished(boolean complete) {
        }
    }
}
