package org.linuxfpsync.cmgr.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.AppliedConfiguration;
import org.linuxfpsync.cmgr.CacheManager;
import org.linuxfpsync.cmgr.CachedInterface;
import org.linuxfpsync.cmgr.VrfState;
import org.linuxfpsync.fpstats.FastPathStats;
import org.linuxfpsync.fpstats.InterfaceCounters;
import org.linuxfpsync.fpstats.MulticastRouteCounters;

class ShowStatsTest {
    private static final byte[] MAC = {2, 0, 0, 0, 0, 1};

    /** Statistics that answer every refresh with these counters. */
    private static FastPathStats answering(List<InterfaceCounters> interfaces, List<MulticastRouteCounters> mroutes) {
        return new FastPathStats() {
            @Override
            public List<InterfaceCounters> interfaces() {
                return interfaces;
            }

            @Override
            public List<MulticastRouteCounters> multicastRoutes() {
                return mroutes;
            }

            @Override
            public boolean refresh(long timeoutMillis) {
                return true;
            }

            @Override
            public long lastUpdateMillis() {
                return 1;
            }

            @Override
            public long requestsSent() {
                return 2;
            }

            @Override
            public long repliesReceived() {
                return 2;
            }

            @Override
            public long requestsUnanswered() {
                return 0;
            }
        };
    }

    private static final CacheManager CACHE = new CacheManager() {
        @Override
        public List<CachedInterface> interfaces() {
            return List.of(new CachedInterface(0, 2, 0x61a1e72L, "eth0", 6, 0, 0x60, 1500, MAC, 0, null, null, 0, 1));
        }

        @Override
        public List<VrfState> vrfs() {
            return List.of();
        }

        @Override
        public AppliedConfiguration vrfsConfiguration() {
            return new AppliedConfiguration("org.linuxfpsync.cmgr", 0, 0, 0);
        }
    };

    private static final InterfaceCounters ETH0 = new InterfaceCounters(0x61a1e72L, 0, 1, 2, 3, 4, 5, 6, 7, 8, 1);

    private static String text(ShowStats show) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        show.printText(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutMulticastRoutesOnlyTheInterfacesAreListed() {
        assertThat(text(new ShowStats(answering(List.of(ETH0), List.of()), CACHE))).isEqualTo(""
                + "Fast path statistics (from the FPM, now):\n"
                + "interface        vrfid   rx-packets       rx-bytes   tx-packets       tx-bytes  rx-drops  tx-drops  rx-errs  tx-errs\n"
                + "eth0                 0            1              2            3              4         5         6        7        8\n");
    }

    @Test
    void eachMulticastRouteIsListedWithWhatTheFastPathForwardedOnIt() {
        MulticastRouteCounters m = new MulticastRouteCounters(0, "inet6", 254, "::", "ff3e::1:1", 40, 5600, 3, 1);
        ShowStats show = new ShowStats(answering(List.of(ETH0), List.of(m)), CACHE);

        assertThat(text(show)).endsWith("\n"
                + "Multicast routes:\n"
                + "vrfid family table      source                                  group                                        packets          bytes  wrong-if\n"
                + "    0 inet6  254        ::                                      ff3e::1:1                                         40           5600         3\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) show.json();
        assertThat(json.get("mroutes")).isEqualTo(List.of(Map.of("vrfid", 0, "family", "inet6", "table", 254L,
                "src", "::", "dst", "ff3e::1:1", "packets", 40L, "bytes", 5600L, "wrong_if", 3L)));
    }
}
