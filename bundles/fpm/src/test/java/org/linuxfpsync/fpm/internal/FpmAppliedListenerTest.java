package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;

/** The benchmarks' hook: each change applied is told once, after it is in the tables; refused frames are not told. */
class FpmAppliedListenerTest {
    private static final long D0 = 0x61a1e72L;

    private final FpmTables tables = new FpmTables();
    private final FpmSession session = new FpmSession(tables, new FpmCounters(), 0x1ffff, () -> 1, f -> { }, () -> { });
    private final Frames frames = new Frames();
    private final FrameWriter w = new FrameWriter();
    private final List<String> told = new ArrayList<>();

    private void feed(byte[]... list) throws Exception {
        for (byte[] f : list) {
            assertThat(session.receive(f, 0, f.length)).isTrue();
        }
    }

    private byte[] route(int type, String dst) throws Exception {
        return Frames.copy(w.begin(type, 7).putU32(RouteAttr.VRFID, 0).putU32(RouteAttr.TABLE, 254)
                .putU8(RouteAttr.FAMILY, 2).putAddress(RouteAttr.DST, InetAddress.getByName(dst).getAddress())
                .putU8(RouteAttr.PREFIXLEN, 32).finish());
    }

    @Test
    void every_applied_change_is_told_once_after_the_tables_hold_it() throws Exception {
        tables.appliedListener((type, o) -> {
            String what = o instanceof FpmObject ? ((FpmObject) o).table() + " " + ((FpmObject) o).fields().get("DST")
                    : o instanceof FpmInterface ? ((FpmInterface) o).ifname() : "0x" + Long.toHexString((Long) o);
            int routes = tables.sizes().get("routes");
            told.add(FpcSchema.messageName(type) + " " + what + " (routes " + routes + ")");
        });
        feed(frames.hello(), frames.ifCreate(D0, 0, 3, "d0"), route(RouteAttr.ROUTE_ADD, "10.0.0.1"),
                route(RouteAttr.ROUTE_DEL, "10.0.0.1"),
                route(RouteAttr.ROUTE_DEL, "10.0.0.9"), // unknown: refused with ENOENT, not told
                frames.ifUpdate(0x999L, 0, 9, "nobody", 1500), // unknown: refused, not told
                frames.ifDelete(D0, 0, "d0"));
        assertThat(told).containsExactly(
                "IF_CREATE d0 (routes 0)",
                "ROUTE_ADD routes /10.0.0.1 (routes 1)",
                "ROUTE_DEL routes /10.0.0.1 (routes 0)",
                "IF_DELETE 0x61a1e72 (routes 0)");
    }

    @Test
    void one_tables_size_is_what_the_sizes_of_every_table_say_of_it() throws Exception {
        feed(frames.hello(), frames.ifCreate(D0, 0, 3, "d0"), route(RouteAttr.ROUTE_ADD, "10.0.0.1"),
                route(RouteAttr.ROUTE_ADD, "10.0.0.2"));
        tables.sizes().forEach((table, rows) -> assertThat(tables.size(table)).as(table).isEqualTo(rows));
        assertThat(tables.size("interfaces")).isEqualTo(1);
        assertThat(tables.size("routes")).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tables.size("no-such-table"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-table");
    }

    @Test
    void a_read_is_told_before_the_frames_it_completed_are_applied() throws Exception {
        tables.appliedListener(new FpmAppliedListener() {
            @Override
            public void applied(int type, Object object) {
                told.add(FpcSchema.messageName(type));
            }

            @Override
            public void read(long nanoTime) {
                told.add("read");
            }
        });
        byte[] add = route(RouteAttr.ROUTE_ADD, "10.0.0.1");
        byte[] two = new byte[add.length + add.length - 1];
        System.arraycopy(add, 0, two, 0, add.length);
        System.arraycopy(route(RouteAttr.ROUTE_ADD, "10.0.0.2"), 0, two, add.length, add.length - 1);
        byte[] last = route(RouteAttr.ROUTE_ADD, "10.0.0.2");
        feed(frames.hello(), frames.ifCreate(D0, 0, 3, "d0"));
        told.clear();
        // one read completing a frame and holding the next but its last byte, then that byte
        assertThat(session.receive(two, 0, two.length)).isTrue();
        assertThat(session.receive(last, last.length - 1, 1)).isTrue();
        assertThat(told).containsExactly("read", "ROUTE_ADD", "read", "ROUTE_ADD");
    }

    @Test
    void a_listener_of_frames_reads_a_routes_vrf_without_its_object_and_its_object_when_it_asks() throws Exception {
        tables.appliedListener(new FpmAppliedListener() {
            @Override
            public void applied(int type, Object object) {
                told.add(FpcSchema.messageName(type) + " as an object");
            }

            @Override
            public void appliedFrame(int type, AppliedFrame frame) {
                String what = FpcSchema.messageName(type) + " vrf " + frame.vrfid();
                if (type == RouteAttr.ROUTE_DEL) {
                    FpmObject o = frame.object();
                    what += " " + o.fields().get("DST") + " key " + o.key();
                    assertThat(frame.object()).isSameAs(o); // decoded once
                }
                told.add(what);
            }
        });
        feed(frames.hello(), frames.ifCreate(D0, 0, 3, "d0"), route(RouteAttr.ROUTE_ADD, "10.0.0.1"),
                route(RouteAttr.ROUTE_DEL, "10.0.0.1"), route(RouteAttr.ROUTE_DEL, "10.0.0.9"));
        assertThat(told).containsExactly(
                "IF_CREATE as an object",
                "ROUTE_ADD vrf 0",
                "ROUTE_DEL vrf 0 /10.0.0.1 key [0, 254, 2, /10.0.0.1, 32, 0, 0, 0]");
    }

    @Test
    void without_a_listener_nothing_changes() throws Exception {
        feed(frames.hello(), frames.ifCreate(D0, 0, 3, "d0"), route(RouteAttr.ROUTE_ADD, "10.0.0.1"));
        assertThat(tables.sizes().get("routes")).isEqualTo(1);
    }
}
