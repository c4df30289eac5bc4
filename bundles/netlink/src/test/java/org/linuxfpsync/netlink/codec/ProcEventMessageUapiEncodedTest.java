package org.linuxfpsync.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link ProcEventMessage} over process events laid out as {@code drivers/connector/cn_proc.c} and
 * {@code connector.c} send them ({@code linux/cn_proc.h}, {@code linux/connector.h}): an NLMSG_DONE
 * from port 0, {@code struct cn_msg} (id 1.1, seq, ack, len 40), {@code struct proc_event} of 40
 * bytes (what, cpu, timestamp_ns aligned to 8, the union). The live connector is read by
 * ProcConnectorLiveTest; these bytes are what it would see, and what it must refuse.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProcEventMessageUapiEncodedTest {
    /** {@code sizeof(struct proc_event)} on 64-bit kernels: 16 bytes of header, a union of 24. */
    private static final int PROC_EVENT_LENGTH = 40;

    private final ProcEventMessage decoder = new ProcEventMessage();
    private final NlMsg nl = new NlMsg();

    /** One event: nlmsghdr, cn_msg (len {@code cnLen}), then {@code data} (what, cpu, timestamp, the union's words). */
    private NlMsg raw(int idx, int val, int cnLen, int dataLength, int what, int... union) throws Exception {
        int length = NlMsg.HEADER_LENGTH + CnProc.CN_MSG_LENGTH + dataLength;
        ByteBuffer b = ByteBuffer.allocateDirect(NlMsg.align(length)).order(ByteOrder.nativeOrder());
        b.putInt(length).putShort((short) Rtnetlink.NLMSG_DONE).putShort((short) 0).putInt(7).putInt(0);
        b.putInt(idx).putInt(val).putInt(7).putInt(0).putShort((short) cnLen).putShort((short) 0);
        if (dataLength >= 16) {
            b.putInt(what).putInt(1).putLong(123_456_789L);
            for (int i = 0; i < union.length && b.position() + 4 <= length; i++) {
                b.putInt(union[i]);
            }
        }
        return nl.wrap(b, 0, length);
    }

    private NlMsg event(int what, int... union) throws Exception {
        return raw(CnProc.CN_IDX_PROC, CnProc.CN_VAL_PROC, PROC_EVENT_LENGTH, PROC_EVENT_LENGTH, what, union);
    }

    @Test
    void an_exec_gives_the_pid_and_tgid_of_the_process() throws Exception {
        ProcEventMessage e = decoder.wrap(event(CnProc.PROC_EVENT_EXEC, 4242, 4242));

        assertThat(e.what()).isEqualTo(CnProc.PROC_EVENT_EXEC);
        assertThat(e.pid()).isEqualTo(4242);
        assertThat(e.tgid()).isEqualTo(4242);
        assertThat(e.cpu()).isEqualTo(1);
        assertThat(e.timestampNanos()).isEqualTo(123_456_789L);
        assertThat(CnProc.eventName(e.what())).isEqualTo("PROC_EVENT_EXEC");
    }

    @Test
    void an_exit_of_a_thread_gives_the_thread_and_its_process() throws Exception {
        // exit_proc_event: process_pid, process_tgid, exit_code, exit_signal, parent_pid, parent_tgid
        ProcEventMessage e = decoder.wrap(event(CnProc.PROC_EVENT_EXIT, 4250, 4242, 9, 17, 1, 1));

        assertThat(e.what()).isEqualTo(0x80000000);
        assertThat(e.pid()).isEqualTo(4250);
        assertThat(e.tgid()).isEqualTo(4242);
        assertThat(CnProc.eventName(e.what())).isEqualTo("PROC_EVENT_EXIT");
    }

    @Test
    void the_acknowledgement_of_listen_carries_the_error_and_the_requests_ack_plus_one() throws Exception {
        int length = NlMsg.HEADER_LENGTH + CnProc.CN_MSG_LENGTH + PROC_EVENT_LENGTH;
        ByteBuffer b = ByteBuffer.allocateDirect(length).order(ByteOrder.nativeOrder());
        b.putInt(length).putShort((short) Rtnetlink.NLMSG_DONE).putShort((short) 0).putInt(0).putInt(0);
        b.putInt(1).putInt(1).putInt(0).putInt(5001).putShort((short) PROC_EVENT_LENGTH).putShort((short) 0);
        b.putInt(CnProc.PROC_EVENT_NONE).putInt(-1).putLong(1L).putInt(22);

        ProcEventMessage e = decoder.wrap(nl.wrap(b, 0, length));

        assertThat(e.what()).isEqualTo(CnProc.PROC_EVENT_NONE);
        assertThat(e.connectorAck()).isEqualTo(5001);
        assertThat(e.ackError()).isEqualTo(22);
        assertThat(e.cpu()).isEqualTo(-1);
        assertThat(e.pid()).isZero();
    }

    @Test
    void other_events_decode_with_their_header_and_an_unknown_one_is_named_by_its_bits() throws Exception {
        assertThat(decoder.wrap(event(CnProc.PROC_EVENT_FORK, 1, 1, 4300, 4300)).tgid()).isEqualTo(1);
        ProcEventMessage unknown = decoder.wrap(event(0x400, 5, 5));
        assertThat(unknown.pid()).isZero();
        assertThat(CnProc.eventName(0x400)).isEqualTo("PROC_EVENT_[0x400]");
        // a shorter proc_event of an older or smaller union is enough for exec: header and two pids
        assertThat(decoder.wrap(raw(1, 1, 24, 24, CnProc.PROC_EVENT_EXEC, 77, 77)).tgid()).isEqualTo(77);
    }

    @Test
    void a_message_of_another_connector_or_with_lengths_that_do_not_fit_is_refused() {
        assertThatThrownBy(() -> decoder.wrap(raw(3, 1, 40, 40, CnProc.PROC_EVENT_EXEC, 1, 1)))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("not the proc connector");
        assertThatThrownBy(() -> decoder.wrap(raw(1, 1, 41, 40, CnProc.PROC_EVENT_EXEC, 1, 1)))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("cn_msg len 41 beyond");
        assertThatThrownBy(() -> decoder.wrap(raw(1, 1, 20, 40, CnProc.PROC_EVENT_EXEC, 1, 1)))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("needs 24");
        assertThatThrownBy(() -> decoder.wrap(raw(1, 1, 8, 8, 0)))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("needs 16");
        assertThatThrownBy(() -> decoder.wrap(raw(1, 1, 0, 0, 0)))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("needs 16");
    }

    @Test
    void a_message_shorter_than_cn_msg_or_of_another_type_is_refused() throws Exception {
        ByteBuffer b = ByteBuffer.allocateDirect(32).order(ByteOrder.nativeOrder());
        b.putInt(32).putShort((short) Rtnetlink.NLMSG_DONE).putShort((short) 0).putInt(0).putInt(0);
        assertThatThrownBy(() -> decoder.wrap(nl.wrap(b, 0, 32)))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("shorter than struct cn_msg (20)");
        b.putShort(4, (short) Rtnetlink.NLMSG_ERROR);
        assertThatThrownBy(() -> decoder.wrap(nl.wrap(b, 0, 32)))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("nlmsg_type 2");
    }

    @Test
    void listen_is_the_op_every_kernel_reads_and_the_filter_is_struct_proc_input() {
        ByteBuffer listen = ByteBuffer.wrap(ProcEventMessage.control(3, 99, CnProc.PROC_CN_MCAST_LISTEN, 0))
                .order(ByteOrder.nativeOrder());
        assertThat(listen.capacity()).isEqualTo(CnProc.CN_MSG_LENGTH + 4);
        assertThat(listen.getInt(0)).isEqualTo(CnProc.CN_IDX_PROC);
        assertThat(listen.getInt(4)).isEqualTo(CnProc.CN_VAL_PROC);
        assertThat(listen.getInt(8)).isEqualTo(3);
        assertThat(listen.getInt(12)).isEqualTo(99);
        assertThat(listen.getShort(16)).isEqualTo((short) 4);
        assertThat(listen.getInt(20)).isEqualTo(CnProc.PROC_CN_MCAST_LISTEN);

        ByteBuffer filtered = ByteBuffer.wrap(ProcEventMessage.control(4, 99, CnProc.PROC_CN_MCAST_LISTEN,
                CnProc.PROC_EVENT_EXEC | CnProc.PROC_EVENT_EXIT)).order(ByteOrder.nativeOrder());
        // struct proc_input { enum proc_cn_mcast_op mcast_op; enum proc_cn_event event_type; } (linux 6.6)
        assertThat(filtered.getShort(16)).isEqualTo((short) 8);
        assertThat(filtered.getInt(24)).isEqualTo(0x80000002);
    }
}
