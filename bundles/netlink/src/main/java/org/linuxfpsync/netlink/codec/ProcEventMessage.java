package org.linuxfpsync.netlink.codec;

/**
 * A reusable, allocation-free decoder of one process event of the proc connector
 * ({@link CnProc}): the message must be NLMSG_DONE, its {@code cn_msg} addressed to
 * {@code CN_IDX_PROC}/{@code CN_VAL_PROC}, its {@code len} within the message and long enough for
 * the {@code proc_event} header and the union member its {@code what} names (exec, exit: pid and
 * tgid; the acknowledgement, PROC_EVENT_NONE: err). Other events are accepted with their header only.
 */
public final class ProcEventMessage {
    /** {@code event_data.exec} / {@code .exit} / {@code .fork}...: the two pids every member starts with. */
    private static final int PIDS_LENGTH = 8;
    /** {@code event_data.ack.err}. */
    private static final int ACK_LENGTH = 4;

    private NlMsg msg;
    private int cn;
    private int event;

    /**
     * Decodes {@code message}.
     *
     * @throws NetlinkFormatException when it is not a proc connector event as {@code linux/cn_proc.h} lays it out
     */
    public ProcEventMessage wrap(NlMsg message) throws NetlinkFormatException {
        if (message.type() != Rtnetlink.NLMSG_DONE) {
            throw new NetlinkFormatException("proc connector: nlmsg_type " + message.type()
                    + ", the connector sends NLMSG_DONE (" + Rtnetlink.NLMSG_DONE + ")");
        }
        int payload = message.payloadLength();
        if (payload < CnProc.CN_MSG_LENGTH) {
            throw new NetlinkFormatException("proc connector: " + payload + " bytes, shorter than struct cn_msg ("
                    + CnProc.CN_MSG_LENGTH + ")");
        }
        int offset = message.payloadOffset();
        int idx = message.buffer().getInt(offset);
        int val = message.buffer().getInt(offset + 4);
        if (idx != CnProc.CN_IDX_PROC || val != CnProc.CN_VAL_PROC) {
            throw new NetlinkFormatException("connector message for " + Integer.toUnsignedString(idx) + "."
                    + Integer.toUnsignedString(val) + ", not the proc connector (" + CnProc.CN_IDX_PROC + "."
                    + CnProc.CN_VAL_PROC + ")");
        }
        int length = message.buffer().getShort(offset + 16) & 0xffff;
        if (length > payload - CnProc.CN_MSG_LENGTH) {
            throw new NetlinkFormatException("proc connector: cn_msg len " + length + " beyond the message's "
                    + (payload - CnProc.CN_MSG_LENGTH) + " bytes of data");
        }
        int need = CnProc.PROC_EVENT_HEADER_LENGTH;
        if (length >= need) {
            int what = message.buffer().getInt(offset + CnProc.CN_MSG_LENGTH);
            need += what == CnProc.PROC_EVENT_NONE ? ACK_LENGTH : hasPids(what) ? PIDS_LENGTH : 0;
        }
        if (length < need) {
            throw new NetlinkFormatException("proc connector: cn_msg len " + length + ", struct proc_event needs "
                    + need);
        }
        this.msg = message;
        this.cn = offset;
        this.event = offset + CnProc.CN_MSG_LENGTH;
        return this;
    }

    /** Every member of the union but the acknowledgement starts with process_pid, process_tgid (fork: the parent's). */
    private static boolean hasPids(int what) {
        switch (what) {
            case CnProc.PROC_EVENT_FORK:
            case CnProc.PROC_EVENT_EXEC:
            case CnProc.PROC_EVENT_UID:
            case CnProc.PROC_EVENT_GID:
            case CnProc.PROC_EVENT_SID:
            case CnProc.PROC_EVENT_PTRACE:
            case CnProc.PROC_EVENT_COMM:
            case CnProc.PROC_EVENT_COREDUMP:
            case CnProc.PROC_EVENT_EXIT:
                return true;
            default:
                return false;
        }
    }

    /** {@code cn_msg.seq}: a per-CPU count (the kernel numbers its acknowledgements too). */
    public int connectorSeq() {
        return msg.buffer().getInt(cn + 8);
    }

    /** {@code cn_msg.ack}: the request's plus one for an acknowledgement, else 0. */
    public int connectorAck() {
        return msg.buffer().getInt(cn + 12);
    }

    /** {@code proc_event.what}: one of the {@code CnProc.PROC_EVENT_*} bits. */
    public int what() {
        return msg.buffer().getInt(event);
    }

    /** {@code proc_event.cpu} ({@code -1} for an acknowledgement). */
    public int cpu() {
        return msg.buffer().getInt(event + 4);
    }

    /** {@code proc_event.timestamp_ns}: nanoseconds since boot. */
    public long timestampNanos() {
        return msg.buffer().getLong(event + 8);
    }

    /** The thread ({@code process_pid}); for a fork, the parent's; 0 for an acknowledgement or an unknown event. */
    public int pid() {
        return hasPids(what()) ? msg.buffer().getInt(event + CnProc.PROC_EVENT_HEADER_LENGTH) : 0;
    }

    /** The process ({@code process_tgid}); for a fork, the parent's; 0 for an acknowledgement or an unknown event. */
    public int tgid() {
        return hasPids(what()) ? msg.buffer().getInt(event + CnProc.PROC_EVENT_HEADER_LENGTH + 4) : 0;
    }

    /** {@code event_data.ack.err} of an acknowledgement (PROC_EVENT_NONE): 0, or a positive errno; 0 otherwise. */
    public int ackError() {
        return what() == CnProc.PROC_EVENT_NONE ? msg.buffer().getInt(event + CnProc.PROC_EVENT_HEADER_LENGTH) : 0;
    }

    /**
     * A control message for the proc connector, the payload after the nlmsghdr of an NLMSG_DONE
     * request: {@code cn_msg} then, with {@code eventFilter} 0, the {@code enum proc_cn_mcast_op}
     * every kernel reads; otherwise {@code struct proc_input} (op, then the events to receive), which
     * kernels since 6.6 apply to the sending socket and older ones ignore. The kernel's
     * acknowledgement carries {@code ack + 1}.
     */
    public static byte[] control(int seq, int ack, int op, int eventFilter) {
        int data = eventFilter == 0 ? 4 : 8;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(CnProc.CN_MSG_LENGTH + data)
                .order(java.nio.ByteOrder.nativeOrder());
        b.putInt(CnProc.CN_IDX_PROC).putInt(CnProc.CN_VAL_PROC).putInt(seq).putInt(ack).putShort((short) data)
                .putShort((short) 0).putInt(op);
        if (eventFilter != 0) {
            b.putInt(eventFilter);
        }
        return b.array();
    }
}
