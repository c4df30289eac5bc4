package org.linuxfpsync.netlink.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.RateLimitedLog;
import org.linuxfpsync.netlink.ReceiveBufferPolicy;
import org.linuxfpsync.netlink.codec.DatagramWalker;
import org.linuxfpsync.netlink.codec.MessageTypeNames;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket of one (family, vrf): receives multicast notifications and hands each
 * message to the subscribers that want its type. Reader thread only, allocation-free per message.
 */
final class EventChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventChannel.class);
    static final long BACKOFF_NANOS = 10_000_000L;

    /** What one receive call amounted to. */
    enum Outcome {
        /** Datagrams were processed (delivered, or dropped and counted). */
        RECEIVED,
        /** Nothing arrived: the reader was woken, its wait timed out, or the call was interrupted. */
        IDLE,
        /** Events were lost (ENOBUFS, or a datagram larger than its slot): subscribers need a dump. */
        EVENTS_LOST
    }

    private final NetlinkSocket socket;
    private final ChannelCounters counters;
    private final NetlinkSettings settings;
    private final DatagramWalker walker = new DatagramWalker();
    private final RateLimitedLog malformedLog = new RateLimitedLog(LOG);
    private final RateLimitedLog listenerLog = new RateLimitedLog(LOG);
    private final RateLimitedLog receiveLog = new RateLimitedLog(LOG);
    /** The size last asked with SO_RCVBUFFORCE (the kernel reports twice as much). */
    private int requestedBufferBytes;

    /** The channel's buffer sizes (SubscriptionSpec#receiveBuffer), its 0s the service's settings. */
    private final ReceiveBufferPolicy bufferPolicy;
    private final ReceiveVector vector;
    /** How the reader is woken: by a datagram on this socket, which it then blocks in, or an eventfd. */
    private final ReaderWakeup wakeup;
    /** The last receive filled the vector: more may be queued, so the next one does not wait first. */
    private boolean lastVectorFull;
    /**
     * The last receive took at least {@link #DENSE_DATAGRAMS} without filling the vector: the kernel
     * notifies a dense stream, so the next receive comes after a {@link #DENSE_PAUSE_NANOS} pause,
     * not a wait in poll(2).
     */
    private boolean pausing;
    /** The receive buffer is large enough for a pause's worst case ({@link #PAUSE_MIN_BUFFER_BYTES}). */
    private boolean bufferAllowsPause;

    /**
     * Datagrams one receive must take for the next to come after a pause (issue #23). Woken by each
     * datagram, a reader that keeps up with a stream spends a poll, a recvmmsg and an FPC write
     * (which wakes the FPM) per one or two changes; after a pause, one recvmmsg takes what came
     * meanwhile and one write its frames. Three taken at once means the reader fell behind a stream:
     * a pause of {@link #DENSE_PAUSE_NANOS} then finds three or more while the stream lasts at 15,000
     * changes a second or more. At 8 (a stream of 40,000 a second), a kernel that adds routes at
     * 24,000 to 34,000 a second (`ip -batch` on a slow machine) was never paused: the route churns'
     * readers woke one to two datagrams at a time, and cmgrd used 1.5 times the C listener's CPU,
     * 0.8 times at 3 (`bench/run --only=churn`, session 13). A trickle (10,000 a second: one datagram
     * per receive) is not paused: three queue only while the reader was kept from the socket for
     * 0.3 ms, and the pause after it, taking fewer, ends the pausing. Nor does a receive that took
     * half the vector or more pause: the reader is late (the stream fills a pause, or the reader was
     * kept from the socket), and a sleep would only let the queue grow; it reads again after poll(2),
     * at once for what is queued. Each pause is decided by the receive before it: hysteresis without
     * a clock.
     */
    static final int DENSE_DATAGRAMS = 3;

    /**
     * How long a reader of a dense stream pauses before its next receive. A change waits it at most
     * (plus the timer's slack, 50 us) while the stream lasts; nothing of a trickle waits it.
     */
    static final long DENSE_PAUSE_NANOS = 200_000;

    /**
     * The smallest receive buffer (as the kernel reports it) a reader pauses with: a pause lets the
     * queue grow by what the kernel notifies in it, at most ~50 datagrams (250 us at 200,000 a
     * second) of ~830 bytes each in the buffer's accounting (an IPv4 route notification's truesize):
     * ~42 KiB, 4 % of 1 MiB, against the 64 MiB a listening socket has by default. A buffer the
     * operator set smaller is left for the queue alone; a reader whose buffer is that small polls.
     */
    static final int PAUSE_MIN_BUFFER_BYTES = 1 << 20;

    /**
     * @param bufferPolicy the channel's buffer sizes (SubscriptionSpec#receiveBuffer)
     * @param vector       the memory its receives fill, owned by the channel's reader thread
     * @param wakeup       how the reader is woken (closed by its owner, the reader)
     */
    EventChannel(NetlinkSocket socket, ChannelCounters counters, NetlinkSettings settings,
                 ReceiveBufferPolicy bufferPolicy, ReceiveVector vector, ReaderWakeup wakeup) throws NetlinkException {
        this.socket = socket;
        this.vector = vector;
        this.wakeup = wakeup;
        this.counters = counters;
        this.settings = settings;
        this.bufferPolicy = bufferPolicy;
        this.requestedBufferBytes = bufferPolicy.initialBytesOr(settings.receiveBufferBytes, maxBufferBytes());
        receiveBufferSet(socket.setReceiveBuffer(requestedBufferBytes));
    }

    private void receiveBufferSet(int reportedBytes) {
        counters.setReceiveBuffer(reportedBytes, maxBufferBytes());
        bufferAllowsPause = reportedBytes >= PAUSE_MIN_BUFFER_BYTES;
    }

    /** The largest buffer the channel grows to: its own, or the service's (which may change live). */
    private int maxBufferBytes() {
        return bufferPolicy.maxBytesOr(settings.receiveBufferMaxBytes);
    }

    /** The next receive comes after a pause, not a wait in poll(2): the last one found a dense stream. */
    boolean pausesNext() {
        return pausing;
    }

    NetlinkSocket socket() {
        return socket;
    }

    ChannelCounters counters() {
        return counters;
    }

    /**
     * Takes the datagrams queued, up to a vector's worth in one recvmmsg(2), and delivers their
     * messages in the order the kernel queued them. Waits first (until a datagram, a wake-up or
     * {@code timeoutMillis}, -1 for none; the before-wait hooks run before it) unless the last call
     * filled the whole vector: a call that returned fewer emptied the queue, so no receive returning
     * EAGAIN is needed to learn it. Without timeout nor {@code quiet}, and woken by datagram, the
     * wait is the receive itself (MSG_WAITFORONE); otherwise poll(2), which returns at once for what
     * came since. After a call that took {@link #DENSE_DATAGRAMS} or more without filling the
     * vector, it pauses instead ({@link #DENSE_PAUSE_NANOS}, the hooks run first), and returns IDLE
     * if nothing came meanwhile; a pause's receive that takes fewer, or half the vector or more, ends
     * the pausing.
     *
     * @param quiet marked while the reader waits in poll(2) (null: not watched): a receive that waits
     *              would take a datagram from the socket before the reader leaves the quiet state,
     *              and a thread reading the quiet mark could then find an empty socket too early
     */
    Outcome receiveAndDeliver(List<SubscriptionImpl> subscribers, int timeoutMillis, ReaderQuiet quiet) {
        if (pausing) {
            socket.pause(DENSE_PAUSE_NANOS);
        } else if (!lastVectorFull) {
            if (timeoutMillis < 0 && quiet == null && wakeup.byDatagram()) {
                return receiveNow(subscribers, true);
            }
            if (quiet != null) {
                quiet.enter();
            }
            try {
                socket.awaitReadable(wakeup, timeoutMillis);
            } finally {
                if (quiet != null) {
                    quiet.leave();
                }
            }
        }
        return receiveNow(subscribers, false);
    }

    /**
     * Whether the next {@link #receiveAndDeliver} waits before it receives (not after a full vector,
     * nor in a dense stream's pause): the moment the reader has delivered everything it received.
     */
    boolean waitsNext() {
        return !pausing && !lastVectorFull;
    }

    /**
     * Delivers every datagram queued now, without waiting: what the kernel queued before a command
     * that must come after it ({@code Subscription#runAfterQueued}). EVENTS_LOST when one receive lost some.
     */
    Outcome deliverQueued(List<SubscriptionImpl> subscribers) {
        Outcome outcome = Outcome.IDLE;
        do {
            Outcome one = receiveNow(subscribers, false);
            if (one == Outcome.EVENTS_LOST) {
                return one;
            }
            if (one == Outcome.IDLE) {
                break;
            }
            outcome = one;
        } while (lastVectorFull);
        return outcome;
    }

    /**
     * One recvmmsg(2), and the delivery of what it took: without waiting, or ({@code waiting}) after
     * the before-wait hooks, blocking until the first datagram.
     */
    private Outcome receiveNow(List<SubscriptionImpl> subscribers, boolean waiting) {
        int count = waiting ? socket.receiveWaiting(vector) : socket.receive(vector, NetlinkSocket.MSG_DONTWAIT);
        lastVectorFull = count == vector.slots();
        pausing = count >= DENSE_DATAGRAMS && count < vector.slots() / 2 && bufferAllowsPause;
        if (count < 0) {
            return receiveFailed(-count);
        }
        long receivedNanos = System.nanoTime();
        int wakes = 0;
        boolean lost = false;
        for (int i = 0; i < count; i++) {
            int sender = vector.senderPortId(i);
            if (wakeup.isWake(sender)) {
                wakes++; // a command or a stop for the reader: nothing to deliver
                continue;
            }
            // Every datagram of the vector is delivered, also after one that lost events: they were
            // received (taken from the kernel), and the resync dump that follows comes after them.
            lost |= !deliverDatagram(subscribers, i, sender);
        }
        if (count == wakes) {
            return Outcome.IDLE;
        }
        counters.receivedAt(receivedNanos);
        return lost ? Outcome.EVENTS_LOST : Outcome.RECEIVED;
    }

    /** Datagram {@code i} of the vector, from port {@code sender}: delivered, or dropped and counted; false when truncated. */
    private boolean deliverDatagram(List<SubscriptionImpl> subscribers, int i, int sender) {
        int n = vector.length(i);
        ByteBuffer buffer = vector.slot(i);
        int received = Math.min(n, buffer.capacity());
        counters.countBytes(received);
        if (sender != 0) {
            // Only the kernel (port 0) speaks for the kernel: any local process may send to our
            // port id, and a forged RTM_NEWLINK must never reach the fast path.
            counters.countDroppedNotKernel();
            if (LOG.isDebugEnabled() && settings.debug(NetlinkSettings.DEBUG_BAD_DATAGRAMS)) {
                LOG.debug("{}: dropped {} bytes from port {} (not the kernel): {}", socket.name(), n,
                        Integer.toUnsignedString(sender), HexDump.of(counters.family(), buffer, received));
            }
            return true;
        }
        if (n > buffer.capacity()) {
            counters.countMalformed();
            malformedLog.warn(socket.name() + ": datagram of " + n + " bytes truncated to " + buffer.capacity()
                    + ": events lost, resyncing", null);
            return false;
        }
        deliver(subscribers, buffer, n);
        return true;
    }

    private void deliver(List<SubscriptionImpl> subscribers, ByteBuffer buffer, int length) {
        walker.reset(buffer, 0, length);
        try {
            while (walker.next()) {
                NlMsg msg = walker.message();
                int type = msg.type();
                counters.countMessage(type);
                // The mask first: a field read, where the logger's check walks pax-logging and log4j per message.
                if (settings.debug(NetlinkSettings.DEBUG_EVENTS) && LOG.isDebugEnabled()) {
                    LOG.debug("{}: {} len {} flags 0x{} seq {}", socket.name(),
                            MessageTypeNames.name(counters.family(), type), msg.length(),
                            Integer.toHexString(msg.flags()), Integer.toUnsignedString(msg.seq()));
                }
                for (int i = 0, n = subscribers.size(); i < n; i++) {
                    SubscriptionImpl subscriber = subscribers.get(i);
                    if (subscriber.active && subscriber.wants(type) && !subscriber.isClosed()) {
                        deliver(subscriber, msg);
                    }
                }
            }
        } catch (NetlinkFormatException e) {
            counters.countMalformed();
            malformedLog.warn(socket.name() + ": malformed datagram of " + length + " bytes, rest skipped: "
                    + e.getMessage(), null);
            if (LOG.isDebugEnabled() && settings.debug(NetlinkSettings.DEBUG_BAD_DATAGRAMS)) {
                LOG.debug("{}: malformed datagram: {}", socket.name(), HexDump.of(counters.family(), buffer, length));
            }
        }
    }

    private void deliver(SubscriptionImpl subscriber, NlMsg msg) {
        try {
            subscriber.listener().message(msg, false);
        } catch (Throwable t) {
            counters.countListenerError();
            listenerLog.warn(socket.name() + ": " + subscriber + " failed on "
                    + MessageTypeNames.name(counters.family(), msg.type()), t);
        }
    }

    private Outcome receiveFailed(int errno) {
        switch (errno) {
            case Errno.EAGAIN:
            case Errno.EINTR:
                return Outcome.IDLE;
            case Errno.ENOBUFS:
                counters.countEnobufs();
                growReceiveBuffer();
                discardQueued();
                return Outcome.EVENTS_LOST;
            default:
                counters.countReceiveError();
                receiveLog.warn(socket.name() + ": recvfrom failed: " + Errno.name(errno), null);
                // An error that repeats at once (ENOMEM...) must not turn the loop into a busy spin.
                LockSupport.parkNanos(BACKOFF_NANOS);
                return Outcome.IDLE;
        }
    }

    /**
     * Empties the receive queue after an overflow, counting what it held but delivering nothing:
     * the resync dump that follows supersedes it. Necessary, not an optimisation: the kernel
     * reports ENOBUFS once per congestion (NETLINK_S_CONGESTED) and clears that state only when
     * the queue is empty, so notifications dropped while a full queue waited through the dump
     * would be lost without another ENOBUFS. Emptied first, a new overflow during the dump is
     * reported and resynced again.
     */
    private void discardQueued() {
        lastVectorFull = false;
        pausing = false;
        while (true) {
            int count = socket.receive(vector, NetlinkSocket.MSG_DONTWAIT);
            if (count < 0) {
                if (-count == Errno.ENOBUFS) {
                    counters.countEnobufs();
                    continue;
                }
                if (-count == Errno.EINTR) {
                    continue;
                }
                return; // EAGAIN: empty
            }
            if (count > 0) {
                counters.receivedAt(System.nanoTime()); // received, if not delivered
            }
            for (int i = 0; i < count; i++) {
                if (!wakeup.isWake(vector.senderPortId(i))) {
                    countDiscarded(i);
                }
            }
        }
    }

    private void countDiscarded(int i) {
        ByteBuffer buffer = vector.slot(i);
        int received = Math.min(vector.length(i), buffer.capacity());
        counters.countBytes(received);
        if (vector.senderPortId(i) != 0) {
            counters.countDroppedNotKernel();
            return;
        }
        walker.reset(buffer, 0, received);
        try {
            while (walker.next()) {
                counters.countMessage(walker.message().type());
            }
        } catch (NetlinkFormatException e) {
            counters.countMalformed();
        }
    }

    /** Doubles the receive buffer, up to receiveBufferMaxBytes (the manual's -l). */
    private void growReceiveBuffer() {
        int max = maxBufferBytes();
        if (requestedBufferBytes >= max) {
            LOG.warn("{}: receive buffer overflow (ENOBUFS) at the maximum of {} bytes; resyncing",
                    socket.name(), max);
            return;
        }
        int grown = (int) Math.min((long) requestedBufferBytes * 2, max);
        try {
            int reported = socket.setReceiveBuffer(grown);
            requestedBufferBytes = grown;
            receiveBufferSet(reported);
            LOG.warn("{}: receive buffer overflow (ENOBUFS): buffer grown to {} bytes (max {}); resyncing",
                    socket.name(), grown, max);
        } catch (NetlinkException e) {
            LOG.warn("{}: receive buffer overflow (ENOBUFS), growing the buffer failed: {}; resyncing",
                    socket.name(), e.getMessage());
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
