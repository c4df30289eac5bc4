package org.linuxfpsync.fpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class FpcCodecsTest {
    private final FrameWriter writer = new FrameWriter();
    private final FrameReader reader = new FrameReader();

    @Test
    void aClientHelloCarriesNameInstanceAndFeaturesButNoEpoch() throws Exception {
        reader.wrapFrame(FpcCodecs.helloFrame(writer, 0, FpcHello.client("cmgrd", 3, 0x1ffff)));
        assertThat(FpcCodecs.parseHello(reader)).isEqualTo(new FpcHello(1, "cmgrd", 3, 0x1ffff, FpcHello.ABSENT));
    }

    @Test
    void aServerHelloCarriesFeaturesAndEpochButNoInstance() throws Exception {
        reader.wrapFrame(FpcCodecs.helloFrame(writer, 0, FpcHello.server("linux-fp-sync-fpm", 0xffffffffL, 42)));
        assertThat(FpcCodecs.parseHello(reader))
                .isEqualTo(new FpcHello(1, "linux-fp-sync-fpm", FpcHello.ABSENT, 0xffffffffL, 42));
    }

    @Test
    void aHelloWithoutVersionIsRefused() throws Exception {
        reader.wrapFrame(writer.begin(FpcMessageType.HELLO, 0).putString(HelloAttr.NAME, "x").finish());
        assertThatThrownBy(() -> FpcCodecs.parseHello(reader)).hasMessage("HELLO without VERSION_MAX");
    }

    @Test
    void unknownTlvsAreSkippedAndTheLastOfARepeatedTlvWins() throws Exception {
        reader.wrapFrame(writer.begin(FpcMessageType.HELLO, 0)
                .putU16(HelloAttr.VERSION_MAX, 1)
                .putBytes(999, new byte[] {1, 2, 3})
                .putString(HelloAttr.NAME, "first")
                .putString(HelloAttr.NAME, "second")
                .finish());
        assertThat(FpcCodecs.parseHello(reader).name()).isEqualTo("second");
    }

    @Test
    void anErrorNamesTheRefusedFrameItsCodeAndWhy() throws Exception {
        reader.wrapFrame(FpcCodecs.errorFrame(writer, 7, 12, InterfaceAttr.IF_UPDATE, ErrorAttr.ENOENT,
                "no interface with ifuid 0x2a"));
        FpcError e = FpcCodecs.parseError(reader);
        assertThat(e).isEqualTo(new FpcError(12, InterfaceAttr.IF_UPDATE, ErrorAttr.ENOENT,
                "no interface with ifuid 0x2a"));
        assertThat(e).hasToString("IF_UPDATE seq 12: ENOENT (no interface with ifuid 0x2a)");
    }

    @Test
    void anErrorMessageIsKeptToOneShortLine() throws Exception {
        reader.wrapFrame(FpcCodecs.errorFrame(writer, 1, 1, -1, 999, "a\nb" + "x".repeat(500)));
        FpcError e = FpcCodecs.parseError(reader);
        assertThat(e.message()).startsWith("a b").hasSize(FpcCodecs.MAX_ERROR_MESSAGE);
        assertThat(e.refusedType()).isEqualTo(-1);
        assertThat(e).hasToString("frame seq 1: errno 999 (" + e.message() + ")");
    }

    @Test
    void graceMarkersCarryFamilyAndVrf() throws Exception {
        reader.wrapFrame(FpcCodecs.grFrame(writer, FpcMessageType.GR_END, 4, InterfaceAttr.FAMILY_INTERFACES, -1));
        assertThat(reader.type()).isEqualTo(FpcMessageType.GR_END);
        assertThat(FpcCodecs.parseGr(reader)).isEqualTo(new FpcGrMarker(1, -1));
        assertThatThrownBy(() -> FpcCodecs.grFrame(writer, FpcMessageType.HELLO, 1, 1, 0))
                .hasMessage("not a graceful-restart marker: HELLO");
    }

    @Test
    void aGraceMarkerWithoutVrfIsRefused() throws Exception {
        reader.wrapFrame(writer.begin(FpcMessageType.GR_BEGIN, 1).putU8(GrAttr.FAMILY, 1).finish());
        assertThatThrownBy(() -> FpcCodecs.parseGr(reader)).hasMessage("GR_BEGIN without VRFID");
    }

    @Test
    void anMrouteStatsReplyNamesItsRouteByTheKeyOfItsMrouteAdd() throws Exception {
        reader.wrapFrame(writer.begin(FpcMessageType.MROUTE_STATS_REPLY, 3)
                .putU32(MrouteStatsReplyAttr.REQUEST_SEQ, 0x40000001)
                .putU32(MrouteStatsReplyAttr.VRFID, 7)
                .putU8(MrouteStatsReplyAttr.FAMILY, 10)
                .putU32(MrouteStatsReplyAttr.TABLE, 0xfffffffe)
                .putAddress(MrouteStatsReplyAttr.GROUP, InetAddress.getByName("ff3e::1234"))
                .putU64(MrouteStatsReplyAttr.PACKETS, 5)
                .putU64(MrouteStatsReplyAttr.BYTES, 700)
                .putU64(MrouteStatsReplyAttr.WRONG_IF, 2)
                .finish());
        assertThat(FpcCodecs.parseMrouteStatsReply(reader)).as("no SOURCE: (*,G), the family's any address")
                .isEqualTo(new FpcMrouteStats(0x40000001, 7, 10, 0xfffffffeL, InetAddress.getByName("::"),
                        InetAddress.getByName("ff3e::1234"), 5, 700, 2, false));
    }

    @Test
    void anEmptyMrouteStatsAnswerIsOneLastReplyWithoutRoute() throws Exception {
        reader.wrapFrame(writer.begin(FpcMessageType.MROUTE_STATS_REPLY, 3)
                .putU32(MrouteStatsReplyAttr.REQUEST_SEQ, 9).putU8(MrouteStatsReplyAttr.LAST, 1).finish());
        FpcMrouteStats s = FpcCodecs.parseMrouteStatsReply(reader);
        assertThat(s.group()).isNull();
        assertThat(s.source()).isNull();
        assertThat(s.last()).isTrue();
    }

    @Test
    void anMrouteStatsReplyThatCannotNameItsRouteIsRefused() throws Exception {
        reader.wrapFrame(writer.begin(FpcMessageType.MROUTE_STATS_REPLY, 3)
                .putU32(MrouteStatsReplyAttr.REQUEST_SEQ, 9).putU64(MrouteStatsReplyAttr.PACKETS, 1).finish());
        assertThatThrownBy(() -> FpcCodecs.parseMrouteStatsReply(reader))
                .hasMessageContaining("MROUTE_STATS_REPLY without GROUP is only the LAST of an empty answer");
        reader.wrapFrame(writer.begin(FpcMessageType.MROUTE_STATS_REPLY, 3)
                .putU32(MrouteStatsReplyAttr.REQUEST_SEQ, 9)
                .putAddress(MrouteStatsReplyAttr.SOURCE, new byte[] {10, 0, 0, 1})
                .putAddress(MrouteStatsReplyAttr.GROUP, InetAddress.getByName("ff3e::1"))
                .finish());
        assertThatThrownBy(() -> FpcCodecs.parseMrouteStatsReply(reader))
                .hasMessageContaining("a 4-byte SOURCE and a 16-byte GROUP");
        reader.wrapFrame(writer.begin(FpcMessageType.MROUTE_STATS_REPLY, 3)
                .putU64(MrouteStatsReplyAttr.PACKETS, 1).finish());
        assertThatThrownBy(() -> FpcCodecs.parseMrouteStatsReply(reader))
                .hasMessageContaining("MROUTE_STATS_REPLY without REQUEST_SEQ");
    }

    @Test
    void anMrouteStatsRequestNamesItsVrfOrNone() throws Exception {
        reader.wrapFrame(FpcCodecs.mrouteStatsRequestFrame(writer, 5, -1));
        assertThat(reader.type()).isEqualTo(FpcMessageType.MROUTE_STATS_REQUEST);
        assertThat(reader.nextTlv()).as("every vrf: no TLV").isFalse();
        reader.wrapFrame(FpcCodecs.mrouteStatsRequestFrame(writer, 5, 0xfffffffeL));
        assertThat(reader.nextTlv()).isTrue();
        assertThat(reader.tlvType()).isEqualTo(MrouteStatsRequestAttr.VRFID);
        assertThat(Integer.toUnsignedLong(reader.u32())).isEqualTo(0xfffffffeL);
    }
}
