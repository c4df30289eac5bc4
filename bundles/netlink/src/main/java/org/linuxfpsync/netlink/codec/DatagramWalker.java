package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;

/**
 * Walks the netlink messages of one datagram ({@code NLMSG_OK} / {@code NLMSG_NEXT}), handing
 * out the same reusable {@link NlMsg} view for each: nothing is allocated.
 *
 * <pre>
 *   DatagramWalker walker = new DatagramWalker();
 *   walker.reset(buffer, 0, received);
 *   while (walker.next()) { NlMsg msg = walker.message(); ... }
 * </pre>
 *
 * A kernel datagram is a sequence of NLMSG_ALIGN'ed messages; a header that does not fit what
 * is left makes {@link #next} throw, and the rest of the datagram cannot be trusted.
 */
public final class DatagramWalker {
    private final NlMsg message = new NlMsg();
    private ByteBuffer buffer;
    private int next;
    private int end;

    /** Starts a walk over {@code length} bytes of {@code buffer} from {@code offset}. */
    public DatagramWalker reset(ByteBuffer buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buffer.limit()) {
            throw new IndexOutOfBoundsException("datagram [" + offset + ", +" + length + ") outside buffer limit "
                    + buffer.limit());
        }
        this.buffer = buffer;
        this.next = offset;
        this.end = offset + length;
        return this;
    }

    /**
     * Moves to the next message.
     *
     * @return false when the datagram is exhausted
     * @throws NetlinkFormatException when the next header is truncated or its length does not fit
     */
    public boolean next() throws NetlinkFormatException {
        if (next >= end) {
            return false;
        }
        message.wrap(buffer, next, end - next);
        // The last message may end unaligned; nextOffset() then points past end and we stop.
        next = message.nextOffset();
        return true;
    }

    /** The current message; valid until the next call to {@link #next} or {@link #reset}. */
    public NlMsg message() {
        return message;
    }
}
