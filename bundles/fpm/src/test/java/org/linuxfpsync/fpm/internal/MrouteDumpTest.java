package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.FlushAttr;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FpcMrouteStats;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.MrouteAttr;
import org.linuxfpsync.fpc.codec.MrouteOifAttr;
import org.linuxfpsync.fpm.FpmObject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The multicast routes in the dump as {@code ip -d -j -s mroute show table all} writes them (iproute2
 * 6.1's print_mroute: src, dst, iif, multipath with oif and a ttl above 1, state, packets, bytes, table),
 * and the fast path's per-entry counters: kept across a replacement, gone with the entry, answered to
 * MROUTE_STATS_REQUEST.
 */
class MrouteDumpTest {
    private static final long IN = 0x10;
    private static final long OUT = 0x11;
    private static final long OUT2 = 0x12;

    private final FpmTables tables = new FpmTables();
    private final List<byte[]> replies = new ArrayList<>();
    private final FpmSession session = new FpmSession(tables, new FpmCounters(), 0x1ffff, () -> 1,
            f -> replies.add(Frames.copy(f)), () -> { });
    private final Frames frames = new Frames();
    private final FrameWriter w = new FrameWriter();
    private int seq = 100;

    @BeforeEach
    void threeInterfaces() throws Exception {
        feed(frames.hello(), frames.ifCreate(IN, 0, 2, "in0"), frames.ifCreate(OUT, 0, 3, "out0"),
                frames.ifCreate(OUT2, 0, 4, "out2"));
    }

    @Test
    void entriesAreWrittenAsIpWritesThemWithTheirTable() throws Exception {
        feed(add(2, 253, "10.1.0.2", "239.1.1.1", IN, OUT, 1, OUT2, 5), add(10, 1000, "::", "ff3e::1:1", OUT, IN, 1, 0, 0));
        assertThat(errors()).isEmpty();

        assertThat(mroutes()).containsExactly(
                "{\"src\":\"10.1.0.2\",\"dst\":\"239.1.1.1\",\"iif\":\"in0\",\"multipath\":[{\"oif\":\"out0\"},"
                        + "{\"oif\":\"out2\",\"ttl\":5}],\"state\":\"resolved\",\"packets\":0,\"bytes\":0,"
                        + "\"table\":\"default\",\"family\":\"inet\"}",
                "{\"src\":\"::\",\"dst\":\"ff3e::1:1\",\"iif\":\"out0\",\"multipath\":[{\"oif\":\"in0\"}],"
                        + "\"state\":\"resolved\",\"packets\":0,\"bytes\":0,\"table\":\"1000\",\"family\":\"inet6\"}");
    }

    @Test
    void countersAddUpAreKeptByAReplacementAndStartAgainAfterADeletion() throws Exception {
        feed(add(2, 253, "10.1.0.2", "239.1.1.1", IN, OUT, 1, 0, 0));
        FpmObject entry = tables.objects("mroutes").get(0);
        assertThat(tables.mrouteCounters().add(entry.key(), 3, 300, 0)).isTrue();
        assertThat(tables.mrouteCounters().add(entry.key(), 2, 200, 1)).isTrue();
        assertThat(counters()).isEqualTo("5 500 1");

        feed(add(2, 253, "10.1.0.2", "239.1.1.1", IN, OUT2, 3, 0, 0));
        assertThat(counters()).isEqualTo("5 500 1");

        feed(del(2, 253, "10.1.0.2", "239.1.1.1"));
        assertThat(tables.mrouteCounters().add(entry.key(), 1, 1, 0)).isFalse();
        feed(add(2, 253, "10.1.0.2", "239.1.1.1", IN, OUT, 1, 0, 0));
        assertThat(counters()).isEqualTo("0 0 0");
        assertThatThrownBy(() -> tables.mrouteCounters().add(entry.key(), -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSweptOrFlushedEntryTakesItsCounters() throws Exception {
        feed(add(2, 253, "10.1.0.2", "239.1.1.1", IN, OUT, 1, 0, 0));
        List<Object> key = tables.objects("mroutes").get(0).key();
        tables.mrouteCounters().add(key, 4, 400, 0);

        feed(gr(FpcMessageType.GR_BEGIN), gr(FpcMessageType.GR_END));
        assertThat(tables.objects("mroutes")).isEmpty();
        feed(add(2, 253, "10.1.0.2", "239.1.1.1", IN, OUT, 1, 0, 0));
        assertThat(counters()).isEqualTo("0 0 0");

        tables.mrouteCounters().add(key, 4, 400, 0);
        feed(Frames.copy(w.begin(FpcMessageType.FLUSH, seq++).putU8(FlushAttr.FAMILY, MrouteAttr.FAMILY_MROUTES)
                .putU32(FlushAttr.VRFID, 0).finish()));
        assertThat(tables.mrouteCounters().add(key, 1, 1, 0)).isFalse();
        assertThat(errors()).isEmpty();
    }

    @Test
    void anMrouteStatsRequestIsAnsweredWithEveryEntrysCountersNamedByItsKey() throws Exception {
        feed(add(2, 253, "10.1.0.2", "239.1.1.1", IN, OUT, 1, 0, 0), add(10, 1000, "::", "ff3e::1:1", OUT, IN, 1, 0, 0));
        tables.mrouteCounters().add(tables.objects("mroutes").get(0).key(), 7, 700, 1);
        replies.clear();
        feed(Frames.copy(FpcCodecs.mrouteStatsRequestFrame(w, 555, -1)));

        List<FpcMrouteStats> answer = mrouteStats();
        assertThat(answer).containsExactly(
                new FpcMrouteStats(555, 0, 2, 253, InetAddress.getByName("10.1.0.2"),
                        InetAddress.getByName("239.1.1.1"), 7, 700, 1, false),
                new FpcMrouteStats(555, 0, 10, 1000, InetAddress.getByName("::"),
                        InetAddress.getByName("ff3e::1:1"), 0, 0, 0, true));
    }

    @Test
    void anMrouteStatsRequestOfAVrfWithoutEntriesGetsOneEmptyLastReply() throws Exception {
        feed(add(2, 253, "10.1.0.2", "239.1.1.1", IN, OUT, 1, 0, 0));
        replies.clear();
        feed(Frames.copy(FpcCodecs.mrouteStatsRequestFrame(w, 556, 3)));

        List<FpcMrouteStats> answer = mrouteStats();
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0).group()).isNull();
        assertThat(answer.get(0).last()).isTrue();
        assertThat(answer.get(0).requestSeq()).isEqualTo(556);
    }

    private List<FpcMrouteStats> mrouteStats() throws Exception {
        List<FpcMrouteStats> list = new ArrayList<>();
        FrameReader r = new FrameReader();
        for (byte[] f : replies) {
            r.wrapFrame(ByteBuffer.wrap(f));
            list.add(FpcCodecs.parseMrouteStatsReply(r));
        }
        return list;
    }

    private String counters() {
        MrouteCounters.Counts c = tables.mrouteCounters().of(tables.objects("mroutes").get(0).key());
        return c.packets() + " " + c.bytes() + " " + c.wrongIf();
    }

    private byte[] add(int family, int table, String source, String group, long iif, long oif, int ttl, long oif2,
                       int ttl2) throws Exception {
        FrameWriter f = key(w.begin(MrouteAttr.MROUTE_ADD, seq++), family, table, source, group)
                .putU64(MrouteAttr.IIF_IFUID, iif)
                .beginNested(MrouteAttr.OIF).putU64(MrouteOifAttr.IFUID, oif).putU8(MrouteOifAttr.TTL, ttl).endNested();
        if (oif2 != 0) {
            f.beginNested(MrouteAttr.OIF).putU64(MrouteOifAttr.IFUID, oif2).putU8(MrouteOifAttr.TTL, ttl2).endNested();
        }
        return Frames.copy(f.finish());
    }

    private byte[] del(int family, int table, String source, String group) throws Exception {
        return Frames.copy(key(w.begin(MrouteAttr.MROUTE_DEL, seq++), family, table, source, group).finish());
    }

    private static FrameWriter key(FrameWriter f, int family, int table, String source, String group)
            throws Exception {
        return f.putU32(MrouteAttr.VRFID, 0).putU8(MrouteAttr.FAMILY, family).putU32(MrouteAttr.TABLE, table)
                .putAddress(MrouteAttr.SOURCE, InetAddress.getByName(source).getAddress())
                .putAddress(MrouteAttr.GROUP, InetAddress.getByName(group).getAddress());
    }

    private byte[] gr(int type) {
        return Frames.copy(FpcCodecs.grFrame(w, type, seq++, MrouteAttr.FAMILY_MROUTES, 0));
    }

    private List<String> mroutes() throws Exception {
        JsonNode vrf = new ObjectMapper().readTree(FpmDump.toJson(1, tables)).path("vrfs").get(0);
        List<String> list = new ArrayList<>();
        vrf.path("mroutes").forEach(e -> list.add(e.toString()));
        return list;
    }

    private List<byte[]> errors() {
        return Frames.errors(replies);
    }

    private void feed(byte[]... list) throws Exception {
        for (byte[] f : list) {
            assertThat(session.receive(f, 0, f.length)).isTrue();
        }
    }
}
