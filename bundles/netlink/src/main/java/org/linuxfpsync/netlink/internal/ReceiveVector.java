package org.linuxfpsync.netlink.internal;

import com.kenai.jffi.MemoryIO;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The memory of {@code recvmmsg(2)} on one listening socket, allocated once: {@code slots}
 * datagrams per call, each into its own slot of one receive area (an iovec each) with its own
 * {@code sockaddr_nl} (whose nl_pid says whether the kernel sent it). Receiving allocates nothing.
 *
 * <p>Why: a netlink notification is one datagram, so a reader that takes one per {@code recvfrom}
 * pays a system call per event, and one more that returns EAGAIN before it may wait (issues #19
 * and #23). With a vector, a burst costs one call per {@code slots} datagrams, and a call that
 * returns fewer than {@code slots} has emptied the queue: the reader may wait at once.
 *
 * <p>The area is malloc'd and not zeroed (unlike {@code ByteBuffer.allocateDirect}): the kernel
 * touches only the pages that datagrams fill, so 128 slots of 64 KiB, needed for the rare large
 * datagram, cost the memory of what is received, not 8 MiB per socket. It is freed with this
 * object (jnr frees it when its {@link Pointer} is collected); the slot buffers are views of it
 * and must not outlive it: they are handed to listeners only for the length of a callback.
 *
 * <p>Layout ({@code <sys/socket.h>}, {@code <bits/types/struct_iovec.h>}), with A the address
 * size: {@code struct msghdr} = msg_name (A), msg_namelen (u32, padded to A), msg_iov (A),
 * msg_iovlen (size_t), msg_control (A), msg_controllen (size_t), msg_flags (int), padded to A;
 * {@code struct mmsghdr} = msghdr, msg_len (u32), padded to A; {@code struct iovec} = base, len.
 */
final class ReceiveVector {
    /**
     * Datagrams per call: a burst of 128 conntrack events (~300 bytes each) in one system call. Twice
     * what a reader's pause takes from a flood (EventChannel: 200 us, plus the timer's slack and the
     * scheduler's on 2 busy cores, at 130,000 to 180,000 changes a second: 30 to 45 datagrams), so
     * that a pause's call stays under half the vector, the bound above which the reader counts as
     * late and waits in poll(2) instead: with 64 slots the bound was 32, a flood's pause crossed it
     * every few calls and the reader fell back to a poll, a recvmmsg and an FPC write per few
     * changes (issue #23).
     */
    static final int SLOTS = 128;
    private static final int SOCKADDR_NL_LENGTH = 12;

    private final int slots;
    private final int slotBytes;
    /** Keeps the receive area alive as long as the views of it. */
    private final Pointer area;
    private final ByteBuffer[] slotViews;
    private final Pointer headers;
    /**
     * Held, though only the headers point to them: jnr frees native memory once its Pointer is
     * collected, and the kernel would then read iovecs from freed (reused) memory.
     */
    private final Pointer iovecs;
    private final int headerBytes;
    private final int nameLengthOffset;
    private final int lengthOffset;
    private final Pointer addresses;
    /** Entries the last call filled: their msg_namelen is restored before the next call. */
    private int filled;

    ReceiveVector(Posix posix, int slots, int slotBytes) {
        if (slots < 1 || slotBytes < 16 || (long) slots * slotBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("receive vector of " + slots + " slots of " + slotBytes + " bytes");
        }
        this.slots = slots;
        this.slotBytes = slotBytes;
        int a = posix.runtime().addressSize();
        int msghdrBytes = align(6 * a + 4, a);
        this.headerBytes = align(msghdrBytes + 4, a);
        this.nameLengthOffset = a;
        this.lengthOffset = msghdrBytes;
        int iovecBytes = 2 * a;

        this.area = Memory.allocateDirect(posix.runtime(), slots * slotBytes, false);
        ByteBuffer whole = MemoryIO.getInstance().newDirectByteBuffer(area.address(), slots * slotBytes);
        this.slotViews = new ByteBuffer[slots];
        this.headers = posix.allocate(slots * headerBytes);
        this.iovecs = posix.allocate(slots * iovecBytes);
        this.addresses = posix.allocate(slots * SOCKADDR_NL_LENGTH);
        for (int i = 0; i < slots; i++) {
            slotViews[i] = whole.slice(i * slotBytes, slotBytes).order(ByteOrder.nativeOrder());
            iovecs.putAddress((long) i * iovecBytes, area.address() + (long) i * slotBytes);
            iovecs.putAddress((long) i * iovecBytes + a, slotBytes);
            long header = (long) i * headerBytes;
            headers.putAddress(header, addresses.address() + (long) i * SOCKADDR_NL_LENGTH);
            headers.putInt(header + nameLengthOffset, SOCKADDR_NL_LENGTH);
            headers.putAddress(header + 2L * a, iovecs.address() + (long) i * iovecBytes);
            headers.putAddress(header + 3L * a, 1);
            // msg_control, msg_controllen, msg_flags: 0 (zeroed by allocate)
        }
        this.filled = slots;
    }

    private static int align(int bytes, int to) {
        return (bytes + to - 1) / to * to;
    }

    /**
     * One {@code recvmmsg} on {@code fd}: fills slots 0.. in the order the datagrams were queued.
     * MSG_TRUNC is added, so each {@link #length} is the datagram's real length. Linux returns the
     * count when an error (ENOBUFS) follows received datagrams, and reports the error on the next
     * call (net/socket.c do_recvmmsg: it records it in sk_err, which netlink's next receive
     * returns before any queued datagram).
     *
     * @return datagrams received (1..slots), or {@code -errno} (EAGAIN: none was queued)
     */
    int receive(LibC libc, Posix posix, int fd, int flags) {
        for (int i = 0; i < filled; i++) {
            // In and out: the kernel writes back the sender's address length.
            headers.putInt((long) i * headerBytes + nameLengthOffset, SOCKADDR_NL_LENGTH);
        }
        int n = libc.recvmmsg(fd, headers, slots, flags | NetlinkSocket.MSG_TRUNC, null);
        if (n < 0) {
            filled = 0;
            return -posix.errno();
        }
        filled = n;
        return n;
    }

    int slots() {
        return slots;
    }

    int slotBytes() {
        return slotBytes;
    }

    /** Slot {@code i}'s datagram, from offset 0, in host byte order (valid until the next receive). */
    ByteBuffer slot(int i) {
        return slotViews[i];
    }

    /** The real length of datagram {@code i}: greater than {@link #slotBytes} when it was truncated. */
    int length(int i) {
        long n = Integer.toUnsignedLong(headers.getInt((long) i * headerBytes + lengthOffset));
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** sockaddr_nl.nl_pid of datagram {@code i}: 0 for the kernel, else a user-space socket. */
    int senderPortId(int i) {
        return addresses.getInt((long) i * SOCKADDR_NL_LENGTH + 4);
    }
}
