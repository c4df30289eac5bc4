package org.linuxfpsync.netlink.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import jnr.ffi.Pointer;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.ProcessListener;
import org.linuxfpsync.netlink.RateLimitedLog;
import org.linuxfpsync.netlink.codec.CnProc;
import org.linuxfpsync.netlink.codec.DatagramWalker;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.ProcEventMessage;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proc connector socket ({@code NETLINK_CONNECTOR}, group {@code CN_IDX_PROC}) and the one
 * thread that reads it: every process exec and exit of the machine, validated (sender port 0,
 * lengths, the proc connector's id), counted per event and handed to the watchers. Opened in the
 * cache manager's own network namespace, which must be the initial one: the connector is
 * registered there only. The thread blocks in poll(2) on the socket and a {@link ReaderWakeup} that
 * its stop writes, like the other readers: no receive timeout wakes it while no process starts.
 */
final class ProcConnectorChannel implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcConnectorChannel.class);
    static final String NAME = FamilyReader.channelName(NetlinkFamily.CONNECTOR, "proc", "listen", 0);
    /** What show netlink says of the channel while it is open. */
    static final String OPEN_NOTE = "proc connector: process exec and exit events; it exists only in the initial"
            + " network namespace";
    /** How long the kernel's acknowledgement of PROC_CN_MCAST_LISTEN is waited for. */
    private static final long ACK_TIMEOUT_NANOS = 2_000_000_000L;
    /** The events asked for where the kernel filters per socket (6.6 and later): exec and exit only. */
    private static final int EVENTS = CnProc.PROC_EVENT_EXEC | CnProc.PROC_EVENT_EXIT;
    private static final int LISTEN_SEQ = 1;

    private final Posix posix;
    private final NetlinkSocket socket;
    private final ReaderWakeup wakeup;
    private final ChannelCounters counters;
    /** Replaced, never changed in place: the reader thread walks it without a lock or an iterator. */
    private volatile ProcessListener[] listeners = new ProcessListener[0];
    private final DatagramWalker walker = new DatagramWalker();
    private final ProcEventMessage event = new ProcEventMessage();
    private final RateLimitedLog malformedLog = new RateLimitedLog(LOG);
    private final RateLimitedLog listenerLog = new RateLimitedLog(LOG);
    private final Thread thread;
    /** 4 KiB slots: a proc event is about 100 bytes (cn_msg and struct proc_event). */
    private final ReceiveVector vector;
    /** The last receive filled the vector: the next one does not wait first (EventChannel's rule). */
    private boolean lastVectorFull;
    private volatile boolean running = true;
    /** Waits that ended with nothing to read while running: EINTR only, since no timeout ends a wait. */
    private volatile long emptyWakeups;

    private ProcConnectorChannel(Posix posix, NetlinkSocket socket, ReaderWakeup wakeup, ChannelCounters counters) {
        this.vector = new ReceiveVector(posix, ReceiveVector.SLOTS, 4096);
        this.posix = posix;
        this.socket = socket;
        this.wakeup = wakeup;
        this.counters = counters;
        this.thread = new Thread(this, NAME);
        this.thread.setDaemon(true);
    }

    /** The counters of a connector channel, named and noted as show netlink lists it. */
    static ChannelCounters counters(int receiveBufferMaxBytes) {
        ChannelCounters counters = new ChannelCounters(NAME, NetlinkFamily.CONNECTOR, 0,
                new TypeCounters(CnProc::eventName));
        counters.setReceiveBuffer(0, receiveBufferMaxBytes);
        return counters;
    }

    /**
     * Opens the socket, joins CN_IDX_PROC, asks for events and waits for the kernel's
     * acknowledgement: an error names why there will be no events. The thread is not started yet.
     */
    static ProcConnectorChannel open(Posix posix, NetlinkSettings settings, ChannelCounters counters)
            throws NetlinkException {
        return open(posix, settings, counters, "");
    }

    /** In namespace {@code netnsName} ("" = our own): tests show that another namespace has no connector. */
    static ProcConnectorChannel open(Posix posix, NetlinkSettings settings, ChannelCounters counters, String netnsName)
            throws NetlinkException {
        NetlinkSocket socket = NetlinkSocket.open(posix, NetlinkFamily.CONNECTOR, netnsName, NAME);
        ReaderWakeup wakeup = null;
        try {
            wakeup = ReaderWakeup.open(posix, NAME);
            counters.setReceiveBuffer(socket.setReceiveBuffer(settings.receiveBufferBytes),
                    settings.receiveBufferMaxBytes);
            socket.joinGroup(CnProc.CN_IDX_PROC);
            ProcConnectorChannel channel = new ProcConnectorChannel(posix, socket, wakeup, counters);
            try {
                channel.control(LISTEN_SEQ, CnProc.PROC_CN_MCAST_LISTEN, 0);
            } catch (NetlinkException e) {
                // Another namespace opens the socket, but has no kernel side to talk to (ECONNREFUSED).
                throw new NetlinkException(e.getMessage() + " (NETLINK_CONNECTOR exists only in the initial network"
                        + " namespace)", e);
            }
            channel.awaitAcknowledgement();
            // Kernels since 6.6 then send this socket exec and exit only; older ones ignore the request.
            channel.control(LISTEN_SEQ + 1, CnProc.PROC_CN_MCAST_LISTEN, EVENTS);
            return channel;
        } catch (NetlinkException | RuntimeException e) {
            if (wakeup != null) {
                wakeup.close();
            }
            socket.close();
            throw e;
        }
    }

    ChannelCounters counters() {
        return counters;
    }

    int portId() {
        return socket.portId();
    }

    synchronized void add(ProcessListener listener) {
        List<ProcessListener> list = new ArrayList<>(List.of(listeners));
        list.add(listener);
        listeners = list.toArray(new ProcessListener[0]);
    }

    synchronized void remove(ProcessListener listener) {
        List<ProcessListener> list = new ArrayList<>(List.of(listeners));
        list.remove(listener);
        listeners = list.toArray(new ProcessListener[0]);
    }

    void start() {
        thread.start();
        LOG.info("opened {} (port {}, rcvbuf {}): process exec and exit events", NAME,
                Integer.toUnsignedString(socket.portId()), counters.receiveBufferBytes());
    }

    /** Waits of the reader that ended with nothing to read (tests: an idle channel must not wake). */
    long emptyWakeups() {
        return emptyWakeups;
    }

    /** Stops the thread, which tells the kernel it no longer listens and closes the socket; waits for it. */
    void shutdown() {
        running = false;
        wakeup.wake();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void control(int seq, int op, int eventFilter) throws NetlinkException {
        // The acknowledgement answers with ack + 1: our port id tells ours from another listener's.
        byte[] payload = ProcEventMessage.control(seq, socket.portId(), op, eventFilter);
        ByteBuffer request = ByteBuffer.allocateDirect(NlMsg.align(NlMsg.HEADER_LENGTH + payload.length))
                .order(ByteOrder.nativeOrder());
        Pointer pointer = posix.wrap(request);
        int length = NetlinkRequests.writeRequest(request, 0, Rtnetlink.NLMSG_DONE, 0, seq, payload);
        socket.send(pointer, length, 0);
    }

    /**
     * The kernel acknowledges PROC_CN_MCAST_LISTEN with PROC_EVENT_NONE (err 0) to the group, unless
     * the caller is outside the initial pid or user namespace: then it ignores the request silently.
     */
    private void awaitAcknowledgement() throws NetlinkException {
        long deadline = System.nanoTime() + ACK_TIMEOUT_NANOS;
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            int n = socket.receiveOrWait(wakeup, (int) Math.max(1, remaining / 1_000_000));
            if (n < 0) {
                if (-n == Errno.EAGAIN || -n == Errno.EINTR || -n == Errno.ENOBUFS) {
                    continue;
                }
                throw new NetlinkException("recvfrom on " + NAME + " failed: " + posix.describe(-n));
            }
            if (!accepted(socket.receiveBuffer(), n, socket.senderPortId())) {
                continue;
            }
            walker.reset(socket.receiveBuffer(), 0, n);
            try {
                while (walker.next()) {
                    ProcEventMessage e = decoded(walker.message());
                    if (e != null && e.what() == CnProc.PROC_EVENT_NONE && e.connectorAck() == socket.portId() + 1) {
                        if (e.ackError() != 0) {
                            throw new NetlinkException("the proc connector refused PROC_CN_MCAST_LISTEN: "
                                    + posix.describe(e.ackError()));
                        }
                        return;
                    }
                }
            } catch (NetlinkFormatException e) {
                malformed(n, e);
            }
        }
        throw new NetlinkException("the proc connector did not acknowledge PROC_CN_MCAST_LISTEN within "
                + ACK_TIMEOUT_NANOS / 1_000_000_000L + " s (the kernel answers the initial pid and user namespaces only)");
    }

    @Override
    public void run() {
        try {
            while (running) {
                receiveOnce();
            }
        } finally {
            try {
                control(LISTEN_SEQ + 2, CnProc.PROC_CN_MCAST_IGNORE, 0);
            } catch (NetlinkException e) {
                LOG.debug("{}: PROC_CN_MCAST_IGNORE not sent: {}", NAME, e.getMessage());
            }
            wakeup.close();
            socket.close();
            LOG.info("closed {}", NAME);
        }
    }

    /**
     * The events queued, up to a vector's worth in one recvmmsg(2); waits first (the before-wait
     * hook, then poll) unless the last call filled the vector, as {@link EventChannel} does.
     */
    private void receiveOnce() {
        if (!lastVectorFull) {
            socket.awaitReadable(wakeup, -1);
        }
        int count = socket.receive(vector, NetlinkSocket.MSG_DONTWAIT);
        lastVectorFull = count == vector.slots();
        if (count < 0) {
            int errno = -count;
            if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                if (running) {
                    emptyWakeups++;
                }
                return;
            }
            if (errno == Errno.ENOBUFS) {
                counters.countEnobufs();
                eventsLost();
                return;
            }
            counters.countReceiveError();
            LOG.warn("{}: recvmmsg failed: {}", NAME, posix.describe(errno));
            LockSupport.parkNanos(EventChannel.BACKOFF_NANOS);
            return;
        }
        if (count > 0) {
            counters.receivedAt(System.nanoTime());
        }
        for (int i = 0; i < count; i++) {
            int n = vector.length(i);
            ByteBuffer buffer = vector.slot(i);
            if (!accepted(buffer, n, vector.senderPortId(i))) {
                continue;
            }
            walker.reset(buffer, 0, n);
            try {
                while (walker.next()) {
                    ProcEventMessage e = decoded(walker.message());
                    if (e != null) {
                        deliver(e);
                    }
                }
            } catch (NetlinkFormatException e) {
                malformed(n, e);
            }
        }
    }

    /** Counts the datagram; false when it is not to be read: not from the kernel, or truncated. */
    private boolean accepted(ByteBuffer buffer, int n, int senderPortId) {
        counters.countBytes(Math.min(n, buffer.capacity()));
        if (senderPortId != 0) {
            // Any local process may send to our port: only the kernel speaks for the kernel.
            counters.countDroppedNotKernel();
            return false;
        }
        if (n > buffer.capacity()) {
            counters.countMalformed();
            malformedLog.warn(NAME + ": datagram of " + n + " bytes truncated to " + buffer.capacity(), null);
            eventsLost();
            return false;
        }
        return true;
    }

    /** The event, counted; null (counted as malformed) when it does not decode. */
    private ProcEventMessage decoded(NlMsg message) {
        try {
            event.wrap(message);
        } catch (NetlinkFormatException e) {
            counters.countMalformed();
            malformedLog.warn(NAME + ": message ignored: " + e.getMessage(), null);
            return null;
        }
        counters.countMessage(event.what());
        return event;
    }

    private void malformed(int n, NetlinkFormatException e) {
        counters.countMalformed();
        malformedLog.warn(NAME + ": malformed datagram of " + n + " bytes, rest skipped: " + e.getMessage(), null);
    }

    private void deliver(ProcEventMessage e) {
        int what = e.what();
        if (what != CnProc.PROC_EVENT_EXEC && what != CnProc.PROC_EVENT_EXIT) {
            return; // counted only (a kernel before 6.6 sends every event)
        }
        for (ProcessListener listener : listeners) {
            try {
                if (what == CnProc.PROC_EVENT_EXEC) {
                    listener.processExecuted(e.tgid());
                } else {
                    listener.processExited(e.pid(), e.tgid());
                }
            } catch (Throwable t) {
                counters.countListenerError();
                listenerLog.warn(NAME + ": " + listener + " failed on " + CnProc.eventName(what), t);
            }
        }
    }

    private void eventsLost() {
        for (ProcessListener listener : listeners) {
            try {
                listener.eventsLost();
            } catch (Throwable t) {
                counters.countListenerError();
                listenerLog.warn(NAME + ": " + listener + " failed on lost events", t);
            }
        }
    }
}
