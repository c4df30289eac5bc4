package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcSessionListener;
import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpc.internal.FpcClient;
import org.linuxfpsync.fpm.FpmObject;

/**
 * The protocol's side of the end-to-end test: 100,000 route changes flood the FPC client
 * while the FPM is restarted and, later, the cache manager's session is lost and comes back with
 * routes deleted meanwhile. A table standing for the kernel replays itself between graceful-restart
 * markers at every session, as the cache manager's route sync must; at the end the FPM's routes
 * equal that table, nothing stale left. The real test (kernel routes through cmgrd) needs the route
 * sync of a later issue; this one shows the transport, the FPM and the replay rules are enough.
 */
@Timeout(300)
class RouteFloodWithRestartsTest {
    private static final int CHANGES = 100_000;
    private static final int PREFIXES = 20_000;

    @TempDir
    Path tmp;

    /** The "kernel": prefix index to MTU, the attribute the changes rewrite. */
    private final Map<Integer, Integer> kernel = new HashMap<>();
    private final Object kernelLock = new Object();
    private final FrameWriter writer = new FrameWriter();
    private FpmServer fpm;
    private FpcClient client;

    /** Replays the whole table at every session, under the lock the changes take. */
    private final FpcSessionListener replay = new FpcSessionListener() {
        @Override
        public void sessionUp(FpcPeer peer) {
            synchronized (kernelLock) {
                client.send(FpcCodecs.grFrame(writer, FpcMessageType.GR_BEGIN, 0, RouteAttr.FAMILY_ROUTES, 0));
                kernel.forEach((prefix, mtu) -> client.send(route(RouteAttr.ROUTE_ADD, prefix, mtu)));
                client.send(FpcCodecs.grFrame(writer, FpcMessageType.GR_END, 0, RouteAttr.FAMILY_ROUTES, 0));
            }
        }
    };

    @AfterEach
    void stop() {
        if (client != null) {
            client.deactivate();
        }
        if (fpm != null) {
            fpm.deactivate();
        }
    }

    private String endpoint() {
        return "unix:" + tmp.resolve("fpc.sock");
    }

    private ByteBuffer route(int type, int prefix, int mtu) {
        writer.begin(type, prefix).putU32(RouteAttr.VRFID, 0).putU32(RouteAttr.TABLE, 254)
                .putU8(RouteAttr.FAMILY, 2)
                .putAddress(RouteAttr.DST, new byte[] {10, (byte) (prefix >>> 8), (byte) prefix, 0})
                .putU8(RouteAttr.PREFIXLEN, 24);
        if (type == RouteAttr.ROUTE_ADD) {
            writer.putU32(RouteAttr.MTU, mtu);
        }
        return writer.finish();
    }

    private void startClient() throws Exception {
        client = new FpcClient();
        client.addSessionListener(replay);
        client.activate(Map.of("endpoint", endpoint()));
    }

    private void startFpm() throws Exception {
        fpm = new FpmServer();
        fpm.activate(Map.of("endpoint", endpoint()));
    }

    /** One change of the kernel, sent as it happens; dropped when no session is up (the replay covers it). */
    private void change(Random random, int n) {
        int prefix = random.nextInt(PREFIXES);
        synchronized (kernelLock) {
            if (random.nextInt(4) == 0 && kernel.remove(prefix) != null) {
                client.send(route(RouteAttr.ROUTE_DEL, prefix, 0));
            } else {
                kernel.put(prefix, 1280 + n % 8000);
                client.send(route(RouteAttr.ROUTE_ADD, prefix, 1280 + n % 8000));
            }
        }
    }

    private Map<Integer, Integer> fpmRoutes() {
        Map<Integer, Integer> routes = new TreeMap<>();
        for (FpmObject r : fpm.objects("routes")) {
            byte[] dst = ((java.net.InetAddress) r.fields().get("DST")).getAddress();
            routes.put(((dst[1] & 0xff) << 8) | (dst[2] & 0xff), (int) r.number("MTU", -1));
        }
        return routes;
    }

    @Test
    void theFpmEndsEqualToTheKernelAfterAnFpmRestartAndALostSessionDuringTheFlood() throws Exception {
        startFpm();
        startClient();
        Poll.until("first session", () -> client.peer() != null);
        Random random = new Random(5);
        for (int n = 0; n < CHANGES; n++) {
            if (n == 30_000) {
                fpm.deactivate(); // the FPM dies: its tables with it
                fpm = null;
            } else if (n == 35_000) {
                startFpm();
                // the changes after this one flow live, interleaved with the replay of the new session
                Poll.until("session with the new FPM", () -> client.peer() != null);
            } else if (n == 60_000) {
                // the replay to the new FPM done (its GR_END applied), the session is then lost
                Poll.until("a replay into the new FPM", () -> fpm.stats().sweeps() == 1);
                client.deactivate(); // the cache manager's session is lost; the FPM keeps its routes
                client = null;
            } else if (n == 62_000) {
                startClient(); // deletions meanwhile must be swept by the replay
                Poll.until("session of the restarted client", () -> client.peer() != null);
            }
            if (client != null) {
                change(random, n);
            } else {
                synchronized (kernelLock) {
                    int prefix = random.nextInt(PREFIXES);
                    kernel.remove(prefix); // while no cache manager runs, routes only go away
                }
            }
        }
        Map<Integer, Integer> expected;
        synchronized (kernelLock) {
            expected = new TreeMap<>(kernel);
        }
        Poll.until("the FPM equal to the kernel", () -> fpmRoutes().equals(expected));
        assertThat(fpm.stats().sweeps()).as("the replays into the second FPM").isEqualTo(2);
        assertThat(fpm.stats().objectsSwept()).as("routes deleted while no session was up").isPositive();
        assertThat(fpm.stats().malformedFrames()).isZero();
    }
}
