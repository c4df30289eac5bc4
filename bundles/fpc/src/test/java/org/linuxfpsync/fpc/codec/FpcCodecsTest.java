package org.linuxfpsync.fpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
