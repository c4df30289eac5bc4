package org.linuxfpsync.cmgr.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.ChannelStats;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.console.JsonCommand;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShowNetlinkTest {

    /** A channel's counters as the transport would report them. */
    private record Stats(String name, NetlinkFamily family, int vrfid, long packetsReceived, Map<String, Long> packetsByType,
                         long bytesReceived, long enobufs, long resyncs, long droppedNotKernel, long malformed,
                         long listenerErrors, int receiveBufferBytes, int receiveBufferMaxBytes, long lastDumpNanos,
                         long lastReceiveMonotonicNanos, String note)
            implements ChannelStats {
    }

    private static Map<String, Long> types(Object... nameThenCount) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenCount.length; i += 2) {
            map.put((String) nameThenCount[i], ((Number) nameThenCount[i + 1]).longValue());
        }
        return map;
    }

    private static final List<ChannelStats> CHANNELS = List.of(
            new Stats("netlink-route-listen-0", NetlinkFamily.ROUTE, 0, 16,
                    types("RTM_NEWLINK", 1, "RTM_NEWADDR", 2, "RTM_NEWROUTE", 9, "RTM_DELROUTE", 4),
                    1234, 1, 1, 2, 0, 0, 16777216, 67108864, 0, 46_181_690_000_000L, null),
            new Stats("netlink-route-cmd-0", NetlinkFamily.ROUTE, 0, 47,
                    types("RTM_NEWLINK", 8, "RTM_NEWADDR", 3, "RTM_NEWROUTE", 15, "RTM_NEWNEIGH", 2, "RTM_[80]", 19),
                    9000, 0, 3, 0, 0, 0, 212992, 212992, 3_250_000, 46_181_693_562_852L, null),
            new Stats("netlink-xfrm-listen-0", NetlinkFamily.XFRM, 0, 0, types(), 0, 0, 0, 0, 0, 0, 8388608, 67108864, 0, 0, null),
            new Stats("netlink-netfilter-conntrack-listen-0", NetlinkFamily.NETFILTER, 0, 3,
                    types("IPCTNL_MSG_CT_NEW", 3), 400, 0, 0, 0, 1, 0, 8388608, 67108864, 0, 0, null));

    private static final NetlinkService SERVICE = new NetlinkService() {
        @Override
        public Subscription subscribe(SubscriptionSpec spec, NetlinkListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ChannelStats> channels() {
            return CHANNELS;
        }
    };

    @Test
    void the_text_keeps_the_manuals_lines_and_columns_and_adds_one_health_line_per_socket() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ShowNetlink(SERVICE).printText(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n",
                "Dump netlink socket statistics:",
                "netlink socket name                     packets received",
                "netlink-route-listen-0                  16",
                "    RTM_NEWLINK                         1",
                "    RTM_NEWADDR                         2",
                "    RTM_NEWROUTE                        9",
                "    RTM_DELROUTE                        4",
                "    bytes 1234, enobufs 1, resyncs 1, dropped (not kernel) 2, malformed 0, listener errors 0,"
                        + " rcvbuf 16777216/67108864",
                "",
                "netlink-route-cmd-0                     47",
                "    RTM_NEWLINK                         8",
                "    RTM_NEWADDR                         3",
                "    RTM_NEWROUTE                        15",
                "    RTM_NEWNEIGH                        2",
                "    RTM_[80]                            19",
                "    bytes 9000, enobufs 0, resyncs 3, dropped (not kernel) 0, malformed 0, listener errors 0,"
                        + " rcvbuf 212992/212992, last dump 3.3 ms",
                "",
                "netlink-xfrm-listen-0                   0",
                "    bytes 0, enobufs 0, resyncs 0, dropped (not kernel) 0, malformed 0, listener errors 0,"
                        + " rcvbuf 8388608/67108864",
                "",
                "netlink-netfilter-conntrack-listen-0    3",
                "    IPCTNL_MSG_CT_NEW                   3",
                "    bytes 400, enobufs 0, resyncs 0, dropped (not kernel) 0, malformed 1, listener errors 0,"
                        + " rcvbuf 8388608/67108864",
                ""));
    }

    @Test
    void a_name_longer_than_the_column_is_printed_whole() {
        ChannelStats longName = new Stats("netlink-netfilter-conntrack-listen-4000000", NetlinkFamily.NETFILTER,
                4000000, 5, types(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ShowNetlink(new NetlinkService() {
            @Override
            public Subscription subscribe(SubscriptionSpec spec, NetlinkListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<ChannelStats> channels() {
                return List.of(longName);
            }
        }).printText(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\nnetlink-netfilter-conntrack-listen-4000000 5\n");
    }

    @Test
    void json_gives_every_counter_of_every_socket() throws Exception {
        String json = JsonCommand.toJson(new ShowNetlink(SERVICE).json());

        assertThat(json).contains("\"name\" : \"netlink-route-cmd-0\"", "\"family\" : \"route\"",
                "\"packets_received\" : 47", "\"RTM_[80]\" : 19", "\"bytes_received\" : 9000", "\"enobufs\" : 1",
                "\"resyncs\" : 3", "\"dropped_not_kernel\" : 2", "\"malformed\" : 1", "\"listener_errors\" : 0",
                "\"receive_buffer_bytes\" : 16777216", "\"receive_buffer_max_bytes\" : 67108864",
                "\"last_dump_nanos\" : 3250000", "\"last_receive_monotonic_nanos\" : 46181693562852");
    }

    @Test
    void the_proc_connector_is_listed_as_a_channel_with_the_line_that_says_where_it_exists() throws Exception {
        ChannelStats connector = new Stats("netlink-connector-proc-listen-0", NetlinkFamily.CONNECTOR, 0, 3,
                types("PROC_EVENT_NONE", 1, "PROC_EVENT_EXEC", 1, "PROC_EVENT_EXIT", 1), 228, 0, 2, 0, 0, 0,
                2097152, 67108864, 0, 0, "not open: socket failed: EPROTONOSUPPORT (NETLINK_CONNECTOR exists only in"
                + " the initial network namespace)");
        NetlinkService service = new NetlinkService() {
            @Override
            public Subscription subscribe(SubscriptionSpec spec, NetlinkListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<ChannelStats> channels() {
                return List.of(connector);
            }
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ShowNetlink(service).printText(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith(String.join("\n",
                "netlink-connector-proc-listen-0         3",
                "    PROC_EVENT_NONE                     1",
                "    PROC_EVENT_EXEC                     1",
                "    PROC_EVENT_EXIT                     1",
                "    bytes 228, enobufs 0, resyncs 2, dropped (not kernel) 0, malformed 0, listener errors 0,"
                        + " rcvbuf 2097152/67108864",
                "    not open: socket failed: EPROTONOSUPPORT (NETLINK_CONNECTOR exists only in the initial network"
                        + " namespace)",
                ""));
        assertThat(JsonCommand.toJson(new ShowNetlink(service).json()))
                .contains("\"note\" : \"not open: socket failed: EPROTONOSUPPORT");
    }
}
