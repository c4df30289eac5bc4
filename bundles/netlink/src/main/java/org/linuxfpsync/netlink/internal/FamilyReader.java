package org.linuxfpsync.netlink.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.RateLimitedLog;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.internal.CommandChannel.DumpResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pair of sockets of one (family, vrf) and the one thread that owns them. The thread
 * alternates between commands (new subscriber, resync, removal: taken from a lock-free queue),
 * the dumps those call for, and one receive on the listening socket. When idle it blocks, without
 * timeout, in that receive, which a new command, a stop or a close ends with a datagram of its own
 * ({@link ReaderWakeup}; a command-only reader blocks in poll(2) on an eventfd): an idle reader
 * costs no CPU, and a command does not wait for a timeout.
 *
 * <p>Ordering: a new subscriber's groups are joined before its dump is requested, and events are
 * read only between dumps, so every change made after the dump started is either in the dump or
 * waiting in the listening socket: the dump/event race cannot lose a change.
 */
final class FamilyReader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FamilyReader.class);
    // The command socket's receive timeout: how long a stop waits while a dump's reply is awaited
    // (the command socket is read only during a request, so an idle reader never waits on it).
    static final int POLL_MILLIS = 20;
    /** A dump interrupted (NLM_F_DUMP_INTR) this many times in a row is retried later instead. */
    private static final int MAX_INTERRUPTED_DUMPS = 5;
    private static final long JOIN_MILLIS = 5_000;

    private sealed interface Command permits Add, Remove, Resync, FilteredDump, AfterQueued {
    }

    private record AfterQueued(SubscriptionImpl subscriber, Runnable task) implements Command {
    }

    private record FilteredDump(SubscriptionImpl subscriber, DumpRequest filter) implements Command {
    }

    private record Add(SubscriptionImpl subscriber, CompletableFuture<Void> ready) implements Command {
    }

    private record Remove(SubscriptionImpl subscriber, CompletableFuture<Void> done) implements Command {
    }

    private record Resync(SubscriptionImpl subscriber, ResyncReason reason) implements Command {
    }

    private final NetlinkFamily family;
    private final Vrf vrf;
    private final EventChannel events;
    private final CommandChannel commands;
    private final Queue<Command> queue = new ConcurrentLinkedQueue<>();
    /** Written by submit and shutdown; the idle reader waits on it and its listening socket. */
    private final ReaderWakeup wakeup;
    /** Run before the thread parks (the sockets run it before a receive that would block). */
    private final Runnable beforeWait;
    private final Thread thread;
    private final BooleanSupplier isRunning = this::isRunning;
    private final RateLimitedLog unexpectedLog = new RateLimitedLog(LOG);
    private final RateLimitedLog dumpLog = new RateLimitedLog(LOG);
    private volatile boolean running = true;
    /** Whether this thread waits with everything delivered: read by other threads ({@link #quietMark}). */
    private final ReaderQuiet quiet = new ReaderQuiet();
    /**
     * Set by the first {@link #quietMark}: from then on the reader marks its waits, in poll(2), not
     * in the receive (which would take a datagram before the mark is left). Until then it is never
     * quiet: a mark of -1 only makes the caller do more.
     */
    private volatile boolean quietWatched;

    // ---- reader thread state
    private final List<SubscriptionImpl> subscribers = new ArrayList<>();
    /** Subscribers per joined multicast group: a group is left when its last subscriber goes. */
    private final Map<Integer, Integer> groupUsers = new HashMap<>();

    // ---- guarded by the service's lock
    private int attached;

    /** @param events null for a command-only family (SOCK_DIAG): no listening socket */
    private FamilyReader(NetlinkFamily family, Vrf vrf, EventChannel events, CommandChannel commands,
                         ReaderWakeup wakeup, Runnable beforeWait) {
        this.beforeWait = beforeWait;
        this.wakeup = wakeup;
        this.family = family;
        this.vrf = vrf;
        this.events = events;
        this.commands = commands;
        this.thread = new Thread(this, events != null ? events.socket().name() : commands.socket().name());
        this.thread.setDaemon(true);
    }

    /** {@code netlink-<family>[-<channel>]-<role>-<vrfid>}, as the manual's show netlink names them. */
    static String channelName(NetlinkFamily family, String channel, String role, int vrfid) {
        return "netlink-" + family.channelName + (channel.isEmpty() ? "" : "-" + channel) + "-" + role + "-" + vrfid;
    }

    /**
     * Opens both sockets in the vrf's namespace on the calling thread, so that a missing namespace
     * or a refused socket is reported to the subscriber that asked. The thread is not started yet.
     */
    static FamilyReader open(Posix posix, SubscriptionSpec spec, NetlinkSettings settings, Runnable beforeWait)
            throws NetlinkException {
        NetlinkFamily family = spec.family();
        String channel = spec.channel();
        Vrf vrf = spec.vrf();
        String listenName = channelName(family, channel, "listen", vrf.vrfid());
        String cmdName = channelName(family, channel, "cmd", vrf.vrfid());
        NetlinkSocket listen = null;
        NetlinkSocket cmd = null;
        ReaderWakeup wakeup = null;
        try {
            if (!family.commandOnly) {
                // No receive timeout: the reader waits in its receive, woken by a datagram.
                listen = NetlinkSocket.open(posix, family, vrf.netnsName(), listenName);
                listen.beforeWait(beforeWait);
                wakeup = ReaderWakeup.sendingTo(posix, family, vrf.netnsName(), listen,
                        channelName(family, channel, "wake", vrf.vrfid()));
            } else {
                wakeup = ReaderWakeup.open(posix, cmdName);
            }
            cmd = NetlinkSocket.open(posix, family, vrf.netnsName(), cmdName);
            cmd.setReceiveTimeoutMillis(POLL_MILLIS);
            cmd.beforeWait(beforeWait);
            try {
                cmd.enableExtendedAck();
            } catch (NetlinkException e) {
                LOG.debug("{}: no extended ACK: {}", cmdName, e.getMessage());
            }
            EventChannel events = listen == null ? null
                    : new EventChannel(listen, new ChannelCounters(listenName, family, vrf.vrfid()), settings,
                            spec.receiveBuffer(),
                            new ReceiveVector(posix, ReceiveVector.SLOTS, NetlinkSocket.RECEIVE_BUFFER_BYTES), wakeup);
            CommandChannel commands = new CommandChannel(posix, cmd, new ChannelCounters(cmdName, family, vrf.vrfid()),
                    settings);
            return new FamilyReader(family, vrf, events, commands, wakeup, beforeWait);
        } catch (NetlinkException | RuntimeException e) {
            if (wakeup != null) {
                wakeup.close();
            }
            if (listen != null) {
                listen.close();
            }
            if (cmd != null) {
                cmd.close();
            }
            throw e;
        }
    }

    void start() {
        thread.start();
        if (events != null) {
            LOG.info("opened {} (port {}, rcvbuf {}) and {} (port {}) in {}", events.socket().name(),
                    Integer.toUnsignedString(events.socket().portId()), events.counters().receiveBufferBytes(),
                    commands.socket().name(), Integer.toUnsignedString(commands.socket().portId()), namespace());
        } else {
            LOG.info("opened {} (port {}) in {}", commands.socket().name(),
                    Integer.toUnsignedString(commands.socket().portId()), namespace());
        }
    }

    private String namespace() {
        return vrf.isOwnNamespace() ? "the own network namespace" : "network namespace '" + vrf.netnsName() + "'";
    }

    Vrf vrf() {
        return vrf;
    }

    /** The counters of the channel's sockets: listening (unless command-only), then command. */
    List<ChannelCounters> counters() {
        return events == null ? List.of(commands.counters()) : List.of(events.counters(), commands.counters());
    }

    /** Messages the command socket received: the answers to dumps and requests, a dump's progress. */
    long commandMessagesReceived() {
        return commands.counters().packetsReceived();
    }

    int listeningPortId() {
        return events == null ? -1 : events.socket().portId();
    }

    int commandPortId() {
        return commands.socket().portId();
    }

    boolean isReaderThread() {
        return Thread.currentThread() == thread;
    }

    boolean isRunning() {
        return running;
    }

    int attach() {
        return ++attached;
    }

    int detach() {
        return --attached;
    }

    // ---- commands, from any thread

    /** Completes once the subscriber's initial dump has been delivered (or has failed). */
    CompletableFuture<Void> add(SubscriptionImpl subscriber) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        submit(new Add(subscriber, ready));
        return ready;
    }

    /** Completes once no callback of the subscriber can run any more. */
    CompletableFuture<Void> remove(SubscriptionImpl subscriber) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(new Remove(subscriber, done));
        return done;
    }

    void requestResync(SubscriptionImpl subscriber, ResyncReason reason) {
        submit(new Resync(subscriber, reason));
    }

    void requestFilteredDump(SubscriptionImpl subscriber, DumpRequest filter) {
        submit(new FilteredDump(subscriber, filter));
    }

    /** Runs {@code task} on the reader thread once what the listening socket holds now has been delivered. */
    void runAfterQueued(SubscriptionImpl subscriber, Runnable task) {
        submit(new AfterQueued(subscriber, task));
    }

    /**
     * A mark (>= 0) when the reader waits with every message it received delivered, its listeners'
     * {@code caughtUp} run, and nothing queued on its listening socket; -1 otherwise. Any thread.
     */
    long quietMark() {
        if (!quietWatched) {
            quietWatched = true;
            wakeup.wake(); // out of the receive it may block in, into a marked wait
        }
        long mark = quiet.mark();
        if (mark < 0 || events == null) {
            return mark;
        }
        // The reader may not have woken yet for a datagram queued meanwhile.
        return events.socket().hasQueuedNow() ? -1 : mark;
    }

    /** Whether the reader has delivered nothing since {@link #quietMark} returned {@code mark}. Any thread. */
    boolean stillQuiet(long mark) {
        return quiet.still(mark);
    }

    private void submit(Command command) {
        queue.offer(command);
        wakeup.wake();
        if (!running) {
            // The thread may already be past its last look at the queue.
            failPendingCommands();
        }
    }

    /** Stops the thread, which closes both sockets itself; does not wait. */
    void shutdown() {
        running = false;
        wakeup.wake();
    }

    /** Waits for the thread to end, unless called from the thread itself (a callback closing). */
    void join() {
        if (isReaderThread() || !thread.isAlive()) {
            return;
        }
        try {
            thread.join(JOIN_MILLIS);
            if (thread.isAlive()) {
                LOG.warn("{} did not stop within {} ms", thread.getName(), JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the reader thread

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    runOnce();
                } catch (Throwable t) {
                    // Nothing may kill the reader thread but close: log, and go on reading.
                    unexpectedLog.warn(thread.getName() + ": unexpected error, continuing", t);
                    beforeWait.run();
                    LockSupport.parkNanos(EventChannel.BACKOFF_NANOS);
                }
            }
        } finally {
            quiet.leave(); // before the sockets close: a quietMark never vouches for a closed fd
            beforeWait.run();
            // The sockets are closed here, by their own thread: closing an fd under a thread blocked
            // in recvfrom does not wake it, and the fd number could be reused meanwhile.
            if (events != null) {
                events.close();
            }
            commands.close();
            // Under its lock: a submit or shutdown racing with this end must not write a reused fd.
            wakeup.close();
            for (SubscriptionImpl subscriber : subscribers) {
                subscriber.active = false;
            }
            subscribers.clear();
            failPendingCommands();
            LOG.info("closed {}{}", events == null ? "" : events.socket().name() + " and ", commands.socket().name());
        }
    }

    private void runOnce() {
        runCommands();
        runPendingDumps();
        if (!running) {
            return;
        }
        int timeoutMillis = millisUntilPendingDump();
        if (events == null) {
            // Nothing to listen to: wait for a command or stop (a wake) or a pending dump's retry time.
            beforeWait.run();
            wakeup.await(-1, timeoutMillis);
        } else {
            // Quiet only for a wait without timeout: a pending dump's retry means the listeners'
            // state is not the kernel's yet.
            ReaderQuiet quietWait = null;
            if (timeoutMillis < 0 && events.waitsNext()) {
                caughtUp();
                quietWait = quietWatched ? quiet : null;
            }
            if (events.receiveAndDeliver(subscribers, timeoutMillis, quietWait)
                    == EventChannel.Outcome.EVENTS_LOST) {
                scheduleOverflowResync();
            }
        }
    }

    /** Each listener publishes what other threads read while this one waits. */
    private void caughtUp() {
        for (int i = 0, n = subscribers.size(); i < n; i++) {
            SubscriptionImpl subscriber = subscribers.get(i);
            if (subscriber.active && !subscriber.isClosed()) {
                try {
                    subscriber.listener().caughtUp();
                } catch (RuntimeException e) {
                    unexpectedLog.warn(thread.getName() + ": " + subscriber + " failed in caughtUp", e);
                }
            }
        }
    }

    /**
     * A task that must come after what the kernel has queued on the listening socket: that is
     * delivered first (an overflow schedules the resync as a receive would), then the task runs.
     */
    private void runAfterQueued(AfterQueued after) {
        SubscriptionImpl subscriber = after.subscriber();
        if (!subscribers.contains(subscriber) || subscriber.isClosed()) {
            return;
        }
        if (events != null && events.deliverQueued(subscribers) == EventChannel.Outcome.EVENTS_LOST) {
            scheduleOverflowResync();
        }
        try {
            after.task().run();
        } catch (RuntimeException e) {
            unexpectedLog.warn(thread.getName() + ": a task of " + subscriber + " failed", e);
        }
    }

    /**
     * How long the reader may wait before a dump is due (a failed dump retried with backoff): -1
     * when none is pending, so that an idle reader waits without timeout.
     */
    private int millisUntilPendingDump() {
        long soonest = Long.MAX_VALUE;
        long now = System.nanoTime();
        for (int i = 0; i < subscribers.size(); i++) {
            SubscriptionImpl subscriber = subscribers.get(i);
            if (subscriber.pendingDump != null && !subscriber.isClosed()) {
                soonest = Math.min(soonest, Math.max(0, subscriber.pendingDumpAtNanos - now));
            }
        }
        if (soonest == Long.MAX_VALUE) {
            return -1;
        }
        // Rounded up: a wait that ends just before the dump is due would only wait again.
        return (int) Math.min(Integer.MAX_VALUE, (soonest + 999_999) / 1_000_000);
    }

    private void runCommands() {
        Command command;
        while (running && (command = queue.poll()) != null) {
            if (command instanceof Add add) {
                addSubscriber(add);
            } else if (command instanceof Remove remove) {
                removeSubscriber(remove.subscriber());
                remove.done().complete(null);
            } else if (command instanceof Resync resync) {
                SubscriptionImpl subscriber = resync.subscriber();
                if (subscribers.contains(subscriber) && !subscriber.isClosed()) {
                    subscriber.pendingDump = merge(subscriber.pendingDump, resync.reason());
                    subscriber.pendingDumpAtNanos = System.nanoTime();
                }
            } else if (command instanceof AfterQueued after) {
                runAfterQueued(after);
            } else if (command instanceof FilteredDump dump) {
                SubscriptionImpl subscriber = dump.subscriber();
                if (subscribers.contains(subscriber) && !subscriber.isClosed()
                        && subscriber.pendingFiltered.stream().noneMatch(dump.filter()::sameAs)) {
                    subscriber.pendingFiltered.add(dump.filter());
                }
            }
        }
    }

    private void addSubscriber(Add add) {
        SubscriptionImpl subscriber = add.subscriber();
        if (subscriber.isClosed()) {
            add.ready().complete(null);
            return;
        }
        try {
            joinGroups(subscriber);
        } catch (NetlinkException e) {
            add.ready().completeExceptionally(e);
            return;
        }
        subscribers.add(subscriber);
        runDump(subscriber, ResyncReason.INITIAL);
        subscriber.active = true;
        add.ready().complete(null);
    }

    private void joinGroups(SubscriptionImpl subscriber) throws NetlinkException {
        int[] groups = subscriber.spec().groups();
        if (events == null) {
            return; // command-only: the service refused groups already
        }
        for (int i = 0; i < groups.length; i++) {
            int users = groupUsers.getOrDefault(groups[i], 0);
            if (users == 0) {
                try {
                    events.socket().joinGroup(groups[i]);
                } catch (NetlinkException e) {
                    leaveGroups(groups, i); // undo the groups this subscriber joined so far
                    throw e;
                }
            }
            groupUsers.put(groups[i], users + 1);
        }
    }

    private void leaveGroups(int[] groups, int count) {
        for (int i = 0; i < count; i++) {
            int users = groupUsers.getOrDefault(groups[i], 0) - 1;
            if (users > 0) {
                groupUsers.put(groups[i], users);
                continue;
            }
            groupUsers.remove(groups[i]);
            if (events == null) {
                continue;
            }
            try {
                events.socket().leaveGroup(groups[i]);
            } catch (NetlinkException e) {
                LOG.warn("{}", e.getMessage());
            }
        }
    }

    private void removeSubscriber(SubscriptionImpl subscriber) {
        subscriber.active = false;
        if (subscribers.remove(subscriber)) {
            leaveGroups(subscriber.spec().groups(), subscriber.spec().groups().length);
        }
    }

    /**
     * The reason of a dump pending when another is asked for: the one that does more (INITIAL, then
     * REQUESTED, then OVERFLOW, REFRESH last). A replay covers an overflow's differential dump; an
     * overflow covers a refresh (it also re-reads what a refresh leaves out, DumpRequest.onRefresh).
     */
    static ResyncReason merge(ResyncReason pending, ResyncReason requested) {
        if (pending == null || requested.ordinal() < pending.ordinal()) {
            return requested;
        }
        return pending;
    }

    private void scheduleOverflowResync() {
        long now = System.nanoTime();
        for (int i = 0; i < subscribers.size(); i++) {
            SubscriptionImpl subscriber = subscribers.get(i);
            if (subscriber.active && !subscriber.isClosed()) {
                subscriber.pendingDump = merge(subscriber.pendingDump, ResyncReason.OVERFLOW);
                subscriber.pendingDumpAtNanos = now;
                events.counters().countResync();
            }
        }
    }

    private void runPendingDumps() {
        for (int i = 0; i < subscribers.size() && running; i++) {
            SubscriptionImpl subscriber = subscribers.get(i);
            ResyncReason reason = subscriber.pendingDump;
            if (reason != null && !subscriber.isClosed() && System.nanoTime() - subscriber.pendingDumpAtNanos >= 0) {
                runDump(subscriber, reason);
            }
            if (subscriber.pendingDump == null && !subscriber.isClosed()) {
                runFilteredDumps(subscriber);
            }
        }
    }

    /**
     * The filtered dumps {@code subscriber} asked for. A failed one is not retried: the subscriber
     * hears that it did not complete and decides (a route sync falls back to a full refresh).
     */
    private void runFilteredDumps(SubscriptionImpl subscriber) {
        while (!subscriber.pendingFiltered.isEmpty() && running && subscriber.pendingDump == null) {
            DumpRequest filter = subscriber.pendingFiltered.remove(0);
            DumpResult result = DumpResult.FAILED;
            for (int attempt = 1; attempt <= MAX_INTERRUPTED_DUMPS && running; attempt++) {
                result = commands.dumpFiltered(subscriber, filter, isRunning);
                if (result != DumpResult.INTERRUPTED) {
                    break;
                }
            }
            LOG.debug("{}: filtered dump for {}: {}", commands.socket().name(), subscriber, result);
        }
    }

    private void runDump(SubscriptionImpl subscriber, ResyncReason reason) {
        subscriber.pendingDump = null;
        // Every dump of the spec reports everything a filtered one would.
        subscriber.pendingFiltered.clear();
        if (subscriber.spec().dumps().isEmpty()) {
            return;
        }
        DumpResult result = DumpResult.FAILED;
        for (int attempt = 1; attempt <= MAX_INTERRUPTED_DUMPS && running; attempt++) {
            result = commands.dump(subscriber, reason, isRunning);
            if (result != DumpResult.INTERRUPTED) {
                break;
            }
            LOG.debug("{}: dump for {} interrupted by a concurrent change (NLM_F_DUMP_INTR), redoing it",
                    commands.socket().name(), subscriber);
        }
        if (!running) {
            return;
        }
        if (result == DumpResult.COMPLETE) {
            subscriber.dumpSucceeded();
            LOG.debug("{}: {} dump for {} complete", commands.socket().name(), reason, subscriber);
        } else {
            long delay = subscriber.retryDelayNanos();
            subscriber.dumpFailed(reason, System.nanoTime());
            dumpLog.warn(commands.socket().name() + ": " + reason + " dump for " + subscriber
                    + (result == DumpResult.INTERRUPTED ? " kept being interrupted" : " failed")
                    + "; retrying in " + delay / 1_000_000_000L + " s", null);
        }
    }

    private void failPendingCommands() {
        Command command;
        while ((command = queue.poll()) != null) {
            if (command instanceof Add add) {
                add.ready().completeExceptionally(new NetlinkException(thread.getName() + " is closed"));
            } else if (command instanceof Remove remove) {
                remove.done().complete(null);
            }
        }
    }

    @Override
    public String toString() {
        return family + " vrf " + vrf.vrfid();
    }
}
