package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.ObjectFamily;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpm.FpmObject;

/**
 * The packed routes table against a map of objects: the same rows, keys, replay sweeps and
 * flushes through random writes and deletions that grow its index, reuse its rows and compact
 * its bytes.
 */
class PackedObjectTableTest {
    private final FrameWriter w = new FrameWriter();
    private final ObjectDecoder decoder = new ObjectDecoder();
    private final FrameReader reader = new FrameReader();
    private int seq;

    /** ROUTE_ADD (or DEL) of 10.a.b.c/32 in table 254 of {@code vrf}; {@code metric} 0 is left out (the same key as 0). */
    private FpmObject route(int type, int vrf, int n, int metric, int protocol) throws Exception {
        w.begin(type, seq++).putU32(RouteAttr.VRFID, vrf).putU32(RouteAttr.TABLE, 254).putU8(RouteAttr.FAMILY, 2)
                .putAddress(RouteAttr.DST, new byte[] {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n})
                .putU8(RouteAttr.PREFIXLEN, 32);
        if (metric != 0) {
            w.putU32(RouteAttr.PRIORITY, metric);
        }
        if (type == RouteAttr.ROUTE_ADD) {
            w.putU8(RouteAttr.PROTOCOL, protocol);
            if (protocol % 2 == 0) {
                w.putU8(RouteAttr.SCOPE, 0); // every other route a frame of another length
            }
        }
        reader.wrapFrame(w.finish());
        return decoder.decode(reader, FpcSchema.message(type), "routes");
    }

    @Test
    void holds_what_a_map_of_objects_holds_through_writes_deletions_replays_and_flushes() throws Exception {
        PackedObjectTable table = new PackedObjectTable(FpcSchema.family(RouteAttr.FAMILY_ROUTES), 16, 4096);
        Map<List<Object>, FpmObject> model = new HashMap<>();
        Map<List<Object>, Long> writtenAt = new HashMap<>();
        Map<Integer, Long> replayBegan = new HashMap<>();
        long writes = 0;
        Random random = new Random(23);
        for (int step = 0; step < 60_000; step++) {
            int vrf = random.nextInt(3);
            int n = random.nextInt(3000);
            int metric = random.nextInt(4) == 0 ? 0 : random.nextInt(2) * 100;
            int op = random.nextInt(100);
            if (op < 55) {
                FpmObject o = route(RouteAttr.ROUTE_ADD, vrf, n, metric, random.nextInt(4));
                table.put(o, reader);
                model.put(o.key(), o);
                writtenAt.put(o.key(), ++writes);
            } else if (op < 97) {
                FpmObject o = route(RouteAttr.ROUTE_DEL, vrf, n, metric, 0);
                assertThat(table.remove(o.key())).isEqualTo(model.remove(o.key()) != null);
                writtenAt.remove(o.key());
            } else if (op < 98) {
                table.beginReplay(vrf);
                replayBegan.put(vrf, ++writes);
            } else if (op < 99) {
                Long began = replayBegan.remove(vrf);
                int expected = began == null ? -1 : (int) model.keySet().stream()
                        .filter(k -> model.get(k).vrfid() == vrf && writtenAt.get(k) < began).count();
                assertThat(table.endReplay(vrf)).isEqualTo(expected);
                if (began != null) {
                    model.keySet().removeIf(k -> model.get(k).vrfid() == vrf && writtenAt.get(k) < began);
                }
            } else if (random.nextInt(20) == 0) {
                int expected = (int) model.values().stream().filter(o -> o.vrfid() == vrf).count();
                assertThat(table.flush(vrf)).isEqualTo(expected);
                model.values().removeIf(o -> o.vrfid() == vrf);
            }
            assertThat(table.size()).isEqualTo(model.size());
            if (step % 5000 == 0) {
                assertSame(table, model, writtenAt, replayBegan);
            }
        }
        assertSame(table, model, writtenAt, replayBegan);
    }

    private static void assertSame(PackedObjectTable table, Map<List<Object>, FpmObject> model,
                                   Map<List<Object>, Long> writtenAt, Map<Integer, Long> replayBegan) {
        Map<List<Object>, FpmObject> rows = new HashMap<>();
        List<List<Object>> stale = new ArrayList<>();
        for (ReplayTable.Row<FpmObject> row : table.rows()) {
            assertThat(rows.put(row.value().key(), row.value())).isNull();
            if (row.stale()) {
                stale.add(row.value().key());
            }
        }
        assertThat(rows).isEqualTo(model);
        List<List<Object>> expectedStale = new ArrayList<>();
        model.forEach((k, o) -> {
            Long began = replayBegan.get(o.vrfid());
            if (began != null && writtenAt.get(k) < began) {
                expectedStale.add(k);
            }
        });
        assertThat(stale).containsExactlyInAnyOrderElementsOf(expectedStale);
        model.forEach((k, o) -> assertThat(table.get(k)).isEqualTo(o));
    }

    @Test
    void its_index_grows_with_the_rows_and_shrinks_when_they_go_keeping_every_key_found() throws Exception {
        PackedObjectTable table = new PackedObjectTable(FpcSchema.family(RouteAttr.FAMILY_ROUTES), 16, 1 << 20);
        assertThat(table.indexCapacity()).isEqualTo(PackedObjectTable.MIN_SLOTS);
        int rows = 40_000;
        for (int round = 0; round < 2; round++) {
            for (int n = 0; n < rows; n++) {
                table.put(route(RouteAttr.ROUTE_ADD, 1, n, 0, 4), reader);
            }
            // at most half full, and no larger than twice what that needs
            assertThat(table.indexCapacity()).isEqualTo(1 << 17);
            for (int n = 0; n < rows; n++) {
                assertThat(table.get(route(RouteAttr.ROUTE_ADD, 1, n, 0, 4).key())).isNotNull();
            }
            assertThat(table.get(route(RouteAttr.ROUTE_ADD, 1, rows, 0, 4).key())).isNull();
            int kept = 300;
            for (int n = kept; n < rows; n++) {
                assertThat(table.remove(route(RouteAttr.ROUTE_DEL, 1, n, 0, 0).key())).isTrue();
            }
            assertThat(table.indexCapacity()).isEqualTo(PackedObjectTable.MIN_SLOTS);
            for (int n = 0; n < rows; n++) {
                FpmObject found = table.get(route(RouteAttr.ROUTE_ADD, 1, n, 0, 4).key());
                assertThat(found != null).as("route %d found", n).isEqualTo(n < kept);
            }
            assertThat(table.flush(1)).isEqualTo(kept);
            assertThat(table.size()).isZero();
        }
    }

    @Test
    void compacts_once_dead_rows_outweigh_the_live_ones() throws Exception {
        PackedObjectTable table = new PackedObjectTable(FpcSchema.family(RouteAttr.FAMILY_ROUTES), 16, 4096);
        for (int n = 0; n < 2000; n++) {
            table.put(route(RouteAttr.ROUTE_ADD, 0, n, 0, 1), reader);
        }
        for (int n = 0; n < 1990; n++) {
            assertThat(table.remove(route(RouteAttr.ROUTE_DEL, 0, n, 0, 0).key())).isTrue();
        }
        assertThat(table.deadBytes()).isLessThan(4096 + 200);
        assertThat(table.rows()).hasSize(10);
        assertThat(table.get(route(RouteAttr.ROUTE_DEL, 0, 1995, 0, 0).key()))
                .isEqualTo(route(RouteAttr.ROUTE_ADD, 0, 1995, 0, 1));
    }

    @Test
    void refuses_a_family_whose_rows_are_amended() {
        ObjectFamily routes = FpcSchema.family(RouteAttr.FAMILY_ROUTES);
        ObjectFamily amended = new ObjectFamily(routes.code(), "amended routes", "", "", routes.tlvs(),
                List.of(new MessageSpec(RouteAttr.ROUTE_ADD, "ROUTE_AMEND", MessageSpec.Role.AMEND, "", routes.tlvs())));
        assertThatThrownBy(() -> new PackedObjectTable(amended, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amendments");
    }
}
