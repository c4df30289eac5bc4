package org.linuxfpsync.netlink.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import jnr.ffi.Pointer;
import org.linuxfpsync.netlink.DumpRequest;
import org.linuxfpsync.netlink.FollowUp;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.NetlinkRequest;
import org.linuxfpsync.netlink.RateLimitedLog;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.codec.AttributeWalker;
import org.linuxfpsync.netlink.codec.DatagramWalker;
import org.linuxfpsync.netlink.codec.MessageTypeNames;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command socket of one (family, vrf): runs one subscriber's dumps and delivers the replies
 * to that subscriber only. A separate socket from the listening one, so that dump replies and
 * notifications never interleave and the notifications that arrive during a dump wait in the
 * listening socket until the dump is over. Reader thread only.
 */
final class CommandChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandChannel.class);
    /** A dump whose replies stop for this long is abandoned (the kernel never stalls that long). */
    private static final long REPLY_TIMEOUT_NANOS = 10_000_000_000L;
    /** What {@link #requestOne} returns when no answer came (timeout, socket error): the dump failed. */
    private static final int REQUEST_FAILED = -1;

    enum DumpResult {
        COMPLETE,
        /** NLM_F_DUMP_INTR: the table changed during the dump; what was reported may be inconsistent. */
        INTERRUPTED,
        FAILED
    }

    private final NetlinkSocket socket;
    private final ChannelCounters counters;
    private final NetlinkSettings settings;
    private final DatagramWalker walker = new DatagramWalker();
    private final AttributeWalker errorAttributes = new AttributeWalker();
    private final RateLimitedLog listenerLog = new RateLimitedLog(LOG);
    private final RateLimitedLog malformedLog = new RateLimitedLog(LOG);
    private final Posix posix;
    private ByteBuffer request;
    private Pointer requestPointer;
    private int seq;
    /** The last dump's replies carried NLM_F_DUMP_FILTERED: the kernel applied its filter. */
    private boolean lastDumpFiltered;

    CommandChannel(Posix posix, NetlinkSocket socket, ChannelCounters counters, NetlinkSettings settings)
            throws NetlinkException {
        this.posix = posix;
        this.socket = socket;
        this.counters = counters;
        this.settings = settings;
        counters.setReceiveBuffer(socket.receiveBufferSize(), socket.receiveBufferSize());
        allocateRequest(4096);
    }

    private void allocateRequest(int bytes) {
        request = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        requestPointer = posix.wrap(request);
    }

    NetlinkSocket socket() {
        return socket;
    }

    ChannelCounters counters() {
        return counters;
    }

    /**
     * Runs every dump of {@code subscriber}'s spec, framed by dumpStarted / dumpFinished.
     *
     * @param running false when the channel is closing: the dump is abandoned
     */
    DumpResult dump(SubscriptionImpl subscriber, ResyncReason reason, BooleanSupplier running) {
        NetlinkListener listener = subscriber.listener();
        long start = System.nanoTime();
        try {
            listener.dumpStarted(reason);
        } catch (Throwable t) {
            listenerFailed(subscriber, "dumpStarted", t);
        }
        DumpResult result = DumpResult.COMPLETE;
        List<DumpRequest> dumps = subscriber.spec().dumps();
        for (int i = 0; i < dumps.size() && result == DumpResult.COMPLETE; i++) {
            if (reason != ResyncReason.REFRESH || dumps.get(i).onRefresh()) {
                result = dumpOne(subscriber, dumps.get(i), running);
            }
        }
        if (result == DumpResult.COMPLETE) {
            result = followUps(subscriber, running);
        }
        try {
            listener.dumpFinished(result == DumpResult.COMPLETE);
        } catch (Throwable t) {
            listenerFailed(subscriber, "dumpFinished", t);
        }
        counters.countResync();
        if (reason == ResyncReason.REFRESH) {
            counters.countRefresh();
        }
        if (result == DumpResult.COMPLETE) {
            counters.setLastDumpNanos(System.nanoTime() - start);
        }
        return result;
    }

    /**
     * Runs one filtered dump of {@code subscriber} ({@link org.linuxfpsync.netlink.Subscription#dumpFiltered}),
     * framed by filteredDumpStarted / filteredDumpFinished.
     */
    DumpResult dumpFiltered(SubscriptionImpl subscriber, DumpRequest filter, BooleanSupplier running) {
        NetlinkListener listener = subscriber.listener();
        try {
            listener.filteredDumpStarted(filter);
        } catch (Throwable t) {
            listenerFailed(subscriber, "filteredDumpStarted", t);
        }
        DumpResult result = dumpOne(subscriber, filter, running);
        try {
            listener.filteredDumpFinished(filter, result == DumpResult.COMPLETE, lastDumpFiltered);
        } catch (Throwable t) {
            listenerFailed(subscriber, "filteredDumpFinished", t);
        }
        // A dump run like the others: the channel's dump count (resyncs) is of every table read it did,
        // and a kernel that ignores the filter reads the whole table (show netlink showed the messages of
        // two table reads, a full and a filtered one, with resyncs 1).
        counters.countResync();
        counters.countFilteredDump();
        return result;
    }

    private DumpResult dumpOne(SubscriptionImpl subscriber, DumpRequest dump, BooleanSupplier running) {
        String what = MessageTypeNames.name(counters.family(), dump.messageType()) + " dump on " + socket.name();
        int seq = nextSeq();
        lastDumpFiltered = false;
        try {
            send(dump, seq);
        } catch (NetlinkException e) {
            LOG.warn("{} failed: {}", what, e.getMessage());
            return DumpResult.FAILED;
        }
        boolean interrupted = false;
        boolean damaged = false;
        long deadline = System.nanoTime() + REPLY_TIMEOUT_NANOS;
        ByteBuffer buffer = socket.receiveBuffer();
        while (running.getAsBoolean()) {
            int n = socket.receiveOrWait();
            if (n < 0) {
                int errno = -n;
                if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                    if (System.nanoTime() - deadline > 0) {
                        LOG.warn("{} failed: no reply for {} s", what, REPLY_TIMEOUT_NANOS / 1_000_000_000L);
                        return DumpResult.FAILED;
                    }
                    continue;
                }
                counters.countReceiveError();
                LOG.warn("{} failed: recvfrom: {}", what, posix.describe(errno));
                return DumpResult.FAILED;
            }
            long received = System.nanoTime();
            deadline = received + REPLY_TIMEOUT_NANOS;
            counters.receivedAt(received);
            counters.countBytes(Math.min(n, buffer.capacity()));
            if (socket.senderPortId() != 0) {
                counters.countDroppedNotKernel();
                continue;
            }
            if (n > buffer.capacity()) {
                counters.countMalformed();
                malformedLog.warn(what + ": datagram of " + n + " bytes truncated to " + buffer.capacity(), null);
                damaged = true;
                continue;
            }
            walker.reset(buffer, 0, n);
            try {
                while (walker.next()) {
                    NlMsg msg = walker.message();
                    int type = msg.type();
                    counters.countMessage(type);
                    if (msg.seq() != seq || msg.pid() != socket.portId()) {
                        // A late reply to a dump we abandoned earlier: not ours to deliver.
                        LOG.debug("{}: ignoring {} with seq {} (expected {})", socket.name(),
                                MessageTypeNames.name(counters.family(), type), msg.seq(), seq);
                        continue;
                    }
                    if ((msg.flags() & Rtnetlink.NLM_F_DUMP_INTR) != 0) {
                        interrupted = true;
                    }
                    if ((msg.flags() & Rtnetlink.NLM_F_DUMP_FILTERED) != 0) {
                        lastDumpFiltered = true;
                    }
                    if (type == Rtnetlink.NLMSG_DONE) {
                        // struct nlmsgdone carries the dump's final error (negative errno) if any.
                        int error = msg.payloadLength() >= 4 ? buffer.getInt(msg.payloadOffset()) : 0;
                        if (error < 0) {
                            LOG.warn("{} failed: {}", what, posix.describe(-error));
                            return DumpResult.FAILED;
                        }
                        return damaged ? DumpResult.FAILED : interrupted ? DumpResult.INTERRUPTED : DumpResult.COMPLETE;
                    }
                    if (type == Rtnetlink.NLMSG_ERROR) {
                        int error = msg.payloadLength() >= 4 ? buffer.getInt(msg.payloadOffset()) : -Errno.EPROTO;
                        if (error == 0) {
                            continue; // an ACK: not expected for a dump, harmless
                        }
                        String detail = extendedAckMessage(msg);
                        if (dump.strict()) {
                            // A filtered dump by a device that went meanwhile (ENODEV): its subscriber expects it.
                            LOG.debug("{} failed: {}{}", what, posix.describe(-error), detail == null ? "" : ": " + detail);
                        } else {
                            LOG.warn("{} failed: {}{}", what, posix.describe(-error),
                                    detail == null ? "" : ": " + detail);
                        }
                        return DumpResult.FAILED;
                    }
                    if (LOG.isDebugEnabled() && settings.debug(NetlinkSettings.DEBUG_DUMPS)) {
                        LOG.debug("{}: {} len {} seq {}", socket.name(), MessageTypeNames.name(counters.family(), type),
                                msg.length(), msg.seq());
                    }
                    if (subscriber.wants(type) && !subscriber.isClosed()) {
                        deliver(subscriber, msg);
                    }
                }
            } catch (NetlinkFormatException e) {
                counters.countMalformed();
                damaged = true;
                malformedLog.warn(what + ": malformed datagram of " + n + " bytes, rest skipped: " + e.getMessage(),
                        null);
                if (LOG.isDebugEnabled() && settings.debug(NetlinkSettings.DEBUG_BAD_DATAGRAMS)) {
                    LOG.debug("{}: malformed datagram: {}", socket.name(), HexDump.of(counters.family(), buffer, n));
                }
            }
        }
        return DumpResult.FAILED;
    }

    /** The subscriber's follow-ups of a complete dump, one after the other: dumps and acknowledged requests. */
    private DumpResult followUps(SubscriptionImpl subscriber, BooleanSupplier running) {
        List<? extends FollowUp> followUps;
        try {
            followUps = subscriber.listener().followUps();
        } catch (Throwable t) {
            listenerFailed(subscriber, "followUps", t);
            return DumpResult.FAILED;
        }
        int requests = 0;
        int refused = 0;
        for (int i = 0; i < followUps.size(); i++) {
            if (subscriber.isClosed()) {
                return DumpResult.FAILED;
            }
            if (followUps.get(i) instanceof DumpRequest dump) {
                DumpResult result = dumpOne(subscriber, dump, running);
                if (result != DumpResult.COMPLETE) {
                    return result;
                }
                continue;
            }
            NetlinkRequest request = (NetlinkRequest) followUps.get(i);
            requests++;
            int error = requestOne(subscriber, request, running);
            if (error == REQUEST_FAILED) {
                return DumpResult.FAILED;
            }
            if (error != 0) {
                refused++;
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{}: {} refused: {}", socket.name(),
                            MessageTypeNames.name(counters.family(), request.messageType()), posix.describe(error));
                }
            }
        }
        if (refused > 0) {
            LOG.info("{}: {} of {} follow-up requests of a dump for {} refused (objects gone meanwhile)", socket.name(),
                    refused, requests, subscriber);
        }
        return DumpResult.COMPLETE;
    }

    /**
     * Sends one request with NLM_F_ACK and delivers its answers until the acknowledgement.
     *
     * @return 0 when acknowledged, the kernel's errno when refused, {@link #REQUEST_FAILED} when no answer came
     */
    private int requestOne(SubscriptionImpl subscriber, NetlinkRequest request, BooleanSupplier running) {
        String what = MessageTypeNames.name(counters.family(), request.messageType()) + " on " + socket.name();
        int seq = nextSeq();
        try {
            send(request.messageType(), Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK, request.payload(), seq, false);
        } catch (NetlinkException e) {
            LOG.warn("{} failed: {}", what, e.getMessage());
            return REQUEST_FAILED;
        }
        long deadline = System.nanoTime() + REPLY_TIMEOUT_NANOS;
        ByteBuffer buffer = socket.receiveBuffer();
        while (running.getAsBoolean()) {
            int n = socket.receiveOrWait();
            if (n < 0) {
                int errno = -n;
                if ((errno == Errno.EAGAIN || errno == Errno.EINTR) && System.nanoTime() - deadline <= 0) {
                    continue;
                }
                counters.countReceiveError();
                LOG.warn("{} failed: {}", what, errno == Errno.EAGAIN || errno == Errno.EINTR
                        ? "no answer for " + REPLY_TIMEOUT_NANOS / 1_000_000_000L + " s" : "recvfrom: " + posix.describe(errno));
                return REQUEST_FAILED;
            }
            counters.receivedAt(System.nanoTime());
            counters.countBytes(Math.min(n, buffer.capacity()));
            if (socket.senderPortId() != 0) {
                counters.countDroppedNotKernel();
                continue;
            }
            if (n > buffer.capacity()) {
                counters.countMalformed();
                malformedLog.warn(what + ": datagram of " + n + " bytes truncated to " + buffer.capacity(), null);
                continue;
            }
            walker.reset(buffer, 0, n);
            try {
                while (walker.next()) {
                    NlMsg msg = walker.message();
                    counters.countMessage(msg.type());
                    // The kernel answers some requests with the request's own nlmsg_pid (0: xfrm's
                    // build_aevent copies it), its acknowledgement with our port id.
                    if (msg.seq() != seq || msg.pid() != socket.portId() && msg.pid() != 0) {
                        continue; // a late answer to an abandoned dump or request
                    }
                    if (msg.type() == Rtnetlink.NLMSG_ERROR) {
                        int error = msg.payloadLength() >= 4 ? buffer.getInt(msg.payloadOffset()) : -Errno.EPROTO;
                        return -error;
                    }
                    if (subscriber.wants(msg.type()) && !subscriber.isClosed()) {
                        deliver(subscriber, msg);
                    }
                }
            } catch (NetlinkFormatException e) {
                counters.countMalformed();
                malformedLog.warn(what + ": malformed datagram of " + n + " bytes, rest skipped: " + e.getMessage(), null);
            }
        }
        return REQUEST_FAILED;
    }

    private void send(DumpRequest dump, int seq) throws NetlinkException {
        send(dump.messageType(), NetlinkRequests.DUMP_FLAGS, dump.payload(), seq, dump.strict());
    }

    private void send(int messageType, int flags, byte[] payload, int seq, boolean strict) throws NetlinkException {
        int length = NlMsg.HEADER_LENGTH + payload.length;
        if (length > request.capacity()) {
            allocateRequest(NlMsg.align(length));
        }
        int written = NetlinkRequests.writeRequest(request, 0, messageType, flags, seq, payload);
        if (!strict) {
            socket.send(requestPointer, written, 0);
            return;
        }
        // The kernel reads the option when the dump starts, in the send: the other dumps stay lenient.
        socket.setStrictCheck(true);
        try {
            socket.send(requestPointer, written, 0);
        } finally {
            socket.setStrictCheck(false);
        }
    }

    private int nextSeq() {
        seq++;
        if (seq == 0) {
            seq = 1; // 0 is what notifications carry: never expect it as a reply
        }
        return seq;
    }

    private void deliver(SubscriptionImpl subscriber, NlMsg msg) {
        try {
            subscriber.listener().message(msg, true);
        } catch (Throwable t) {
            listenerFailed(subscriber, MessageTypeNames.name(counters.family(), msg.type()), t);
        }
    }

    private void listenerFailed(SubscriptionImpl subscriber, String what, Throwable t) {
        counters.countListenerError();
        listenerLog.warn(socket.name() + ": " + subscriber + " failed on " + what, t);
    }

    /**
     * The kernel's explanation of an error (NLMSGERR_ATTR_MSG), sent when NETLINK_EXT_ACK is on:
     * {@code struct nlmsgerr} (error, then the request's header, or the whole request unless
     * NLM_F_CAPPED) followed by attributes when NLM_F_ACK_TLVS is set.
     */
    private String extendedAckMessage(NlMsg msg) {
        if ((msg.flags() & Rtnetlink.NLM_F_ACK_TLVS) == 0 || msg.payloadLength() < 4 + NlMsg.HEADER_LENGTH) {
            return null;
        }
        ByteBuffer buffer = msg.buffer();
        int requestStart = msg.payloadOffset() + 4;
        int requestLength = (msg.flags() & Rtnetlink.NLM_F_CAPPED) != 0
                ? NlMsg.HEADER_LENGTH : NlMsg.align(buffer.getInt(requestStart));
        int start = requestStart + requestLength;
        int end = msg.offset() + msg.length();
        if (requestLength < NlMsg.HEADER_LENGTH || start > end) {
            return null;
        }
        try {
            errorAttributes.reset(buffer, start, end, "NLMSG_ERROR");
            while (errorAttributes.next()) {
                if (errorAttributes.type() == Rtnetlink.NLMSGERR_ATTR_MSG) {
                    int length = errorAttributes.payloadLength();
                    byte[] text = new byte[length];
                    buffer.get(errorAttributes.payloadOffset(), text, 0, length);
                    int nul = 0;
                    while (nul < length && text[nul] != 0) {
                        nul++;
                    }
                    return new String(text, 0, nul, StandardCharsets.UTF_8);
                }
            }
        } catch (NetlinkFormatException e) {
            return null;
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
    }
}
