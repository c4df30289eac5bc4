package org.linuxfpsync.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * XFRM_MSG_NEWAE and the GETAE request on bytes laid out as {@code linux/xfrm.h} defines
 * {@code struct xfrm_aevent_id}, {@code xfrm_replay_state} and {@code xfrm_replay_state_esn}: this
 * kernel refuses ESP/AH states, so these aevents are uapi-encoded, never captured.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class XfrmAeventMessageTest {
    private static final byte[] SRC = {10, 0, 0, 1};
    private static final byte[] DST = {10, 0, 0, 2};

    private final NlMsg msg = new NlMsg();
    private final XfrmAeventMessage aevent = new XfrmAeventMessage();

    /** struct xfrm_aevent_id of ESP spi 0x1234 to 10.0.0.2 from 10.0.0.1, reqid 42. */
    static NlMessageWriter aeventId(NlMessageWriter w, int flags) {
        w.bytes(DST).zeros(12).be32(0x1234).u16(Rtnetlink.AF_INET).u8(Xfrm.IPPROTO_ESP).zeros(1); // sa_id
        return w.bytes(SRC).zeros(12).u32(flags).u32(42);                                          // saddr, flags, reqid
    }

    private XfrmAeventMessage wrap(NlMessageWriter w) throws NetlinkFormatException {
        ByteBuffer datagram = w.toDirectBuffer();
        return aevent.wrap(msg.wrap(datagram, 0, datagram.limit()));
    }

    @Test
    void a_uapi_encoded_NEWAE_with_XFRMA_REPLAY_VAL_gives_the_SA_id_and_its_32_bit_counters() throws Exception {
        NlMessageWriter w = new NlMessageWriter(512).beginMessage(Xfrm.XFRM_MSG_NEWAE, 0, 0, 0);
        aeventId(w, Xfrm.XFRM_AE_CR);
        w.beginNest(Xfrm.XFRMA_REPLAY_VAL).u32(0xfffffff0).u32(77).u32(0x8000_0001).endNest();   // oseq, seq, bitmap
        w.beginNest(Xfrm.XFRMA_LTIME_VAL).zeros(32).endNest();
        wrap(w.endMessage());

        byte[] daddr = new byte[16];
        assertThat(aevent.copyDaddr(daddr)).isEqualTo(4);
        assertThat(Arrays.copyOf(daddr, 4)).isEqualTo(DST);
        assertThat(aevent.spi()).isEqualTo(0x1234);
        assertThat(aevent.proto()).isEqualTo(Xfrm.IPPROTO_ESP);
        assertThat(aevent.family()).isEqualTo(Rtnetlink.AF_INET);
        assertThat(aevent.flags()).isEqualTo(Xfrm.XFRM_AE_CR);
        assertThat(aevent.reqid()).isEqualTo(42);
        assertThat(aevent.esn()).isFalse();
        assertThat(aevent.outboundSequence()).isEqualTo(0xfffffff0L);
        assertThat(aevent.inboundSequence()).isEqualTo(77);
        assertThat(aevent.bitmapWords()).isEqualTo(1);
        assertThat(aevent.bitmapWord(0)).isEqualTo(0x8000_0001);
        assertThat(aevent.replayWindow()).isEqualTo(-1);
        assertThat(aevent.replayThreshold()).isEqualTo(-1);
        assertThat(aevent.eventTimerThreshold()).isEqualTo(-1);
    }

    @Test
    void a_uapi_encoded_NEWAE_with_XFRMA_REPLAY_ESN_VAL_gives_64_bit_counters_the_window_and_every_bitmap_word()
            throws Exception {
        NlMessageWriter w = new NlMessageWriter(512).beginMessage(Xfrm.XFRM_MSG_NEWAE, 0, 5, 0);
        aeventId(w, Xfrm.XFRM_AE_RVAL | Xfrm.XFRM_AE_RTHR | Xfrm.XFRM_AE_ETHR);
        // bmp_len 2, oseq 7, seq 9, oseq_hi 1, seq_hi 2, replay_window 64, bmp[2]
        w.beginNest(Xfrm.XFRMA_REPLAY_ESN_VAL).u32(2).u32(7).u32(9).u32(1).u32(2).u32(64).u32(0x1ff).u32(0x80000000)
                .endNest();
        w.attrU32(Xfrm.XFRMA_REPLAY_THRESH, 2).attrU32(Xfrm.XFRMA_ETIMER_THRESH, 10);
        wrap(w.endMessage());

        assertThat(aevent.esn()).isTrue();
        assertThat(aevent.outboundSequence()).isEqualTo(1L << 32 | 7);
        assertThat(aevent.inboundSequence()).isEqualTo(2L << 32 | 9);
        assertThat(aevent.replayWindow()).isEqualTo(64);
        assertThat(aevent.bitmapWords()).isEqualTo(2);
        assertThat(aevent.bitmapWord(0)).isEqualTo(0x1ff);
        assertThat(aevent.bitmapWord(1)).isEqualTo(0x80000000);
        assertThat(aevent.replayThreshold()).isEqualTo(2);
        assertThat(aevent.eventTimerThreshold()).isEqualTo(10);
    }

    @Test
    void an_ESN_state_whose_bmp_len_disagrees_with_its_length_is_malformed() {
        NlMessageWriter w = new NlMessageWriter(512).beginMessage(Xfrm.XFRM_MSG_NEWAE, 0, 0, 0);
        aeventId(w, 0);
        w.beginNest(Xfrm.XFRMA_REPLAY_ESN_VAL).u32(4).u32(7).u32(9).u32(1).u32(2).u32(64).u32(0).endNest();

        assertThatThrownBy(() -> wrap(w.endMessage())).isInstanceOf(NetlinkFormatException.class)
                .hasMessageContaining("XFRMA_REPLAY_ESN_VAL in XFRM_MSG_NEWAE: 28 bytes with bmp_len 4");
    }

    @Test
    void a_NEWAE_without_replay_state_or_with_a_short_header_is_malformed() {
        NlMessageWriter none = new NlMessageWriter(512).beginMessage(Xfrm.XFRM_MSG_NEWAE, 0, 0, 0);
        aeventId(none, Xfrm.XFRM_AE_CR);
        assertThatThrownBy(() -> wrap(none.endMessage())).isInstanceOf(NetlinkFormatException.class)
                .hasMessage("XFRM_MSG_NEWAE without XFRMA_REPLAY_VAL or XFRMA_REPLAY_ESN_VAL");

        NlMessageWriter shortHeader = new NlMessageWriter(512).beginMessage(Xfrm.XFRM_MSG_NEWAE, 0, 0, 0).zeros(40);
        assertThatThrownBy(() -> wrap(shortHeader.endMessage())).isInstanceOf(NetlinkFormatException.class)
                .hasMessageContaining("truncated xfrm_aevent_id");

        NlMessageWriter shortReplay = new NlMessageWriter(512).beginMessage(Xfrm.XFRM_MSG_NEWAE, 0, 0, 0);
        aeventId(shortReplay, 0).beginNest(Xfrm.XFRMA_REPLAY_VAL).u32(1).u32(2).endNest();
        assertThatThrownBy(() -> wrap(shortReplay.endMessage())).isInstanceOf(NetlinkFormatException.class)
                .hasMessageContaining("XFRMA_REPLAY_VAL");
    }

    @Test
    void the_GETAE_request_is_a_uapi_xfrm_aevent_id_with_sa_id_and_flags_then_XFRMA_MARK_when_the_SA_has_one() {
        int flags = Xfrm.XFRM_AE_RVAL | Xfrm.XFRM_AE_RTHR | Xfrm.XFRM_AE_ETHR;
        NlMessageWriter expected = new NlMessageWriter(128).beginMessage(0, 0, 0, 0);
        expected.bytes(DST).zeros(12).be32(0x1234).u16(Rtnetlink.AF_INET).u8(Xfrm.IPPROTO_ESP).zeros(1) // sa_id
                .zeros(16).u32(flags).u32(0);                                                        // saddr, flags, reqid
        byte[] withoutMark = payload(expected.endMessage());
        assertThat(XfrmAeventMessage.getAeRequest(Rtnetlink.AF_INET, DST, 0x1234, Xfrm.IPPROTO_ESP, flags, 0, 0))
                .isEqualTo(withoutMark).hasSize(48);

        expected = new NlMessageWriter(128).beginMessage(0, 0, 0, 0);
        expected.bytes(DST).zeros(12).be32(0x1234).u16(Rtnetlink.AF_INET).u8(Xfrm.IPPROTO_ESP).zeros(1)
                .zeros(16).u32(flags).u32(0).beginNest(Xfrm.XFRMA_MARK).u32(7).u32(0xff).endNest();
        assertThat(XfrmAeventMessage.getAeRequest(Rtnetlink.AF_INET, DST, 0x1234, Xfrm.IPPROTO_ESP, flags, 7, 0xff))
                .isEqualTo(payload(expected.endMessage())).hasSize(60);

        assertThatThrownBy(() -> XfrmAeventMessage.getAeRequest(Rtnetlink.AF_INET6, DST, 1, Xfrm.IPPROTO_ESP, flags, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** What follows the nlmsghdr. */
    private static byte[] payload(NlMessageWriter w) {
        byte[] all = w.toByteArray();
        return Arrays.copyOfRange(all, NlMsg.HEADER_LENGTH, all.length);
    }
}
