package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcHello;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.StatsReplyAttr;
import org.linuxfpsync.fpc.codec.StatsRequestAttr;
import org.linuxfpsync.fpm.FpmFastPath;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmService;

/** A bound fast path (docs/fp-xdp.md): it is told the changes, answers HELLO's FEATURES and STATS_REPLY's counters. */
class FpmFastPathTest {
    private static final long D0 = 0x61a1e72L;

    private final FpmTables tables = new FpmTables();
    private final List<ByteBuffer> replies = new ArrayList<>();
    private final FpmSession session = new FpmSession(tables, new FpmCounters(), 0x1ffff, () -> 1,
            f -> replies.add(ByteBuffer.wrap(Frames.copy(f))), () -> { });
    private final Frames frames = new Frames();
    private final List<String> told = new ArrayList<>();

    private final FpmFastPath fastPath = new FpmFastPath() {
        @Override
        public long features() {
            return 0x10000;
        }

        @Override
        public void bound(FpmService fpm) {
        }

        @Override
        public void unbound() {
        }

        @Override
        public void applied(int type, Object object) {
            told.add("0x" + Integer.toHexString(type));
        }

        @Override
        public void removedWithoutNotice(String table, int vrfid) {
            told.add("reread " + table + " of vrf " + vrfid);
        }

        @Override
        public long[] counters(FpmInterface iface) {
            return new long[] {10, 1000, 20, 2000, 3, 4, 0, 0};
        }
    };

    private void feed(byte[]... list) throws Exception {
        for (byte[] f : list) {
            assertThat(session.receive(f, 0, f.length)).isTrue();
        }
    }

    @Test
    void helloOffersTheFastPathsFeaturesAndTheStatsAreItsCounters() throws Exception {
        tables.fastPath(fastPath);
        feed(frames.hello(), frames.ifCreate(D0, 0, 3, "d0"));
        FpcHello hello = FpcCodecs.parseHello(new FrameReader().wrapFrame(replies.get(0)));
        assertThat(hello.features()).isEqualTo(0x10000);

        replies.clear();
        feed(Frames.copy(new FrameWriter().begin(FpcMessageType.STATS_REQUEST, 5).putU32(StatsRequestAttr.VRFID, 0)
                .finish()));
        FrameReader r = new FrameReader().wrapFrame(replies.get(0));
        long[] got = new long[8];
        while (r.nextTlv()) {
            if (r.tlvType() >= StatsReplyAttr.RX_PACKETS && r.tlvType() <= StatsReplyAttr.TX_ERRORS) {
                got[r.tlvType() - StatsReplyAttr.RX_PACKETS] = r.u64();
            }
        }
        assertThat(got).containsExactly(10, 1000, 20, 2000, 3, 4, 0, 0);
    }

    @Test
    void theFastPathIsToldEachChangeAndToRereadWhatASweepRemoved() throws Exception {
        tables.fastPath(fastPath);
        feed(frames.hello(), frames.ifCreate(D0, 0, 3, "d0"), frames.gr(FpcMessageType.GR_BEGIN, 0), frames.gr(FpcMessageType.GR_END, 0));
        assertThat(told).containsExactly("0x100", "reread interfaces of vrf 0");
    }

    @Test
    void withoutAFastPathHelloOffersTheConfiguredFeaturesAndStatsAreZero() throws Exception {
        feed(frames.hello(), frames.ifCreate(D0, 0, 3, "d0"));
        assertThat(FpcCodecs.parseHello(new FrameReader().wrapFrame(replies.get(0))).features()).isEqualTo(0x1ffff);
    }
}
