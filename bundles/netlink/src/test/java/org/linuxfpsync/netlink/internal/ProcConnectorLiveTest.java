package org.linuxfpsync.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.netlink.ChannelStats;
import org.linuxfpsync.netlink.NetlinkException;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.ProcessListener;
import org.linuxfpsync.netlink.ProcessWatch;
import org.linuxfpsync.netlink.codec.CnProc;
import org.linuxfpsync.netlink.codec.NetlinkRequests;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The proc connector against the real kernel: exec and exit of a process started here reach the
 * watcher and are counted; a datagram forged by a user-space socket is dropped; closing the last
 * watch closes the channel; an idle channel does not wake (no receive timeout) and its stop ends
 * its thread at once; and in a test namespace (not the initial one) the connector does not
 * exist, which the channel says.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProcConnectorLiveTest extends NamespaceLiveTest {
    /** {@code PROC_NET_INIT_INO} of the kernel: the inode of the initial network namespace. */
    private static final String INITIAL_NETNS = "net:[4026531833]";

    private static final class Events implements ProcessListener {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void processExecuted(int tgid) {
            seen.add("exec " + tgid);
        }

        @Override
        public void processExited(int pid, int tgid) {
            seen.add("exit " + pid + " " + tgid);
        }
    }

    private static boolean inInitialNetworkNamespace() throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString().equals(INITIAL_NETNS);
    }

    @Test
    void the_exec_and_exit_of_a_process_reach_the_watcher_and_are_counted_per_event() throws Exception {
        startService(Map.of());
        Events events = new Events();
        ProcessWatch watch = service.watchProcesses(events);
        if (!inInitialNetworkNamespace()) {
            assertThat(watch.available()).isFalse();
            assertThat(watch.unavailableReason()).contains("initial network namespace");
            System.out.println("ProcConnectorLiveTest: not in the initial network namespace: " + watch.unavailableReason());
            return;
        }
        assertThat(watch.available()).as(String.valueOf(watch.unavailableReason())).isTrue();
        ChannelStats channel = channel("netlink-connector-proc-listen-0");
        assertThat(channel.family()).isEqualTo(NetlinkFamily.CONNECTOR);
        assertThat(channel.note()).contains("only in the initial network namespace");
        // the kernel's acknowledgement of PROC_CN_MCAST_LISTEN, read before watchProcesses returned
        assertThat(channel.packetsByType()).containsKey("PROC_EVENT_NONE");

        Process p = new ProcessBuilder("/bin/sleep", "0").start();
        long pid = p.pid();
        p.waitFor();

        Eventually.await("the exec and the exit of " + pid,
                () -> events.seen.contains("exec " + pid) && events.seen.contains("exit " + pid + " " + pid),
                () -> events.seen);
        assertThat(channel.packetsByType().get("PROC_EVENT_EXEC")).isPositive();
        assertThat(channel.packetsByType().get("PROC_EVENT_EXIT")).isPositive();
        assertThat(channel.malformed()).isZero();
        assertThat(channel.droppedNotKernel()).isZero();

        watch.close();
        assertThat(service.channels()).extracting(ChannelStats::name).doesNotContain("netlink-connector-proc-listen-0");
        int before = events.seen.size();
        new ProcessBuilder("/bin/sleep", "0").start().waitFor();
        Thread.sleep(300); // nothing may arrive after close: give a late delivery the chance to show
        assertThat(events.seen).hasSize(before);
    }

    @Test
    void a_watch_after_the_last_one_closed_opens_the_channel_again() throws Exception {
        startService(Map.of());
        ProcessWatch first = service.watchProcesses(new Events());
        org.junit.jupiter.api.Assumptions.assumeTrue(first.available(), "no proc connector here: "
                + first.unavailableReason());
        first.close();
        assertThat(service.channels()).extracting(ChannelStats::name).doesNotContain("netlink-connector-proc-listen-0");

        Events events = new Events();
        ProcessWatch second = service.watchProcesses(events);
        assertThat(second.available()).as(String.valueOf(second.unavailableReason())).isTrue();
        assertThat(channel("netlink-connector-proc-listen-0").note()).contains("initial network namespace");
        Process p = new ProcessBuilder("/bin/sleep", "0").start();
        p.waitFor();
        Eventually.await("the exec of " + p.pid() + " on the reopened channel",
                () -> events.seen.contains("exec " + p.pid()), () -> events.seen);
        second.close();
    }

    @Test
    void an_exec_forged_by_a_user_space_socket_is_dropped_and_counted() throws Exception {
        startService(Map.of());
        Events events = new Events();
        ProcessWatch watch = service.watchProcesses(events);
        org.junit.jupiter.api.Assumptions.assumeTrue(watch.available(), "no proc connector here: "
                + watch.unavailableReason());
        ChannelStats channel = channel("netlink-connector-proc-listen-0");
        try (NetlinkSocket forger = NetlinkSocket.open(service.posix(), NetlinkFamily.CONNECTOR, "", "forger")) {
            ByteBuffer forged = ByteBuffer.allocateDirect(128).order(ByteOrder.nativeOrder());
            ByteBuffer body = ByteBuffer.allocate(CnProc.CN_MSG_LENGTH + 40).order(ByteOrder.nativeOrder());
            body.putInt(1).putInt(1).putInt(0).putInt(0).putShort((short) 40).putShort((short) 0)
                    .putInt(CnProc.PROC_EVENT_EXEC).putInt(0).putLong(0).putInt(31337).putInt(31337);
            int length = NetlinkRequests.writeRequest(forged, 0, Rtnetlink.NLMSG_DONE, 0, 0, body.array());
            forger.send(service.posix().wrap(forged), length, service.connectorPortId());
        }
        Eventually.await("the forged exec counted as dropped", () -> channel.droppedNotKernel() == 1);
        assertThat(events.seen).doesNotContain("exec 31337");
        watch.close();
    }

    @Test
    void an_idle_channel_does_not_wake_and_its_stop_ends_the_thread_at_once() throws Exception {
        startService(Map.of());
        ProcConnectorChannel channel;
        try {
            channel = ProcConnectorChannel.open(service.posix(), new NetlinkSettings(1 << 20, 1 << 20, 0),
                    ProcConnectorChannel.counters(1 << 20));
        } catch (NetlinkException e) {
            org.junit.jupiter.api.Assumptions.abort("no proc connector here: " + e.getMessage());
            return;
        }
        channel.start();
        // Processes of the machine wake it with events, which are not empty wake-ups; the former
        // 200 ms receive timeout ended a wait with nothing to read five times in this second.
        Thread.sleep(1_000);
        assertThat(channel.emptyWakeups()).as("waits ended with nothing to read").isZero();

        channel.shutdown();
        assertThat(Thread.getAllStackTraces().keySet()).as("the reader ended when shutdown returned")
                .noneMatch(t -> t.getName().equals(ProcConnectorChannel.NAME) && t.isAlive());
    }

    @Test
    void another_network_namespace_has_no_connector_and_says_so() {
        startService(Map.of());
        ChannelStats counters = ProcConnectorChannel.counters(1 << 20);
        assertThatThrownBy(() -> ProcConnectorChannel.open(service.posix(), new NetlinkSettings(1 << 20, 1 << 20, 0),
                (ChannelCounters) counters, ns.name()))
                .isInstanceOf(NetlinkException.class)
                .hasMessageContaining("ECONNREFUSED")
                .hasMessageContaining("NETLINK_CONNECTOR exists only in the initial network namespace");
    }
}
