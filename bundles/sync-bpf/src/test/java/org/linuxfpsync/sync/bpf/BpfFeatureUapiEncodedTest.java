package org.linuxfpsync.sync.bpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.sync.bpf.UapiPacketSocket.socket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.cmgr.spi.SyncFeature;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.ChannelStats;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.NetlinkService;
import org.linuxfpsync.netlink.ProcessListener;
import org.linuxfpsync.netlink.ProcessWatch;
import org.linuxfpsync.netlink.Subscription;
import org.linuxfpsync.netlink.SubscriptionSpec;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.SockDiag;

/**
 * The feature against a kernel whose packet sockets are uapi-encoded ({@link UapiPacketSocket}: the
 * layout of {@code linux/packet_diag.h}); the live kernel and a real tcpdump are BpfFeatureIT's.
 */
class BpfFeatureUapiEncodedTest {
    private static final int ETH0 = 2;
    private static final long OWN_PID = 4000;
    /** tcpdump -dd icmp on an Ethernet interface. */
    private static final int[][] ICMP = {{0x28, 0, 0, 12}, {0x15, 0, 3, 0x800}, {0x30, 0, 0, 23}, {0x15, 0, 1, 1},
        {0x06, 0, 0, 262144}, {0x06, 0, 0, 0}};
    private static final String ICMP_BYTES = "00:28:00:00:00:00:00:0c:00:15:00:03:00:00:08:00:00:30:00:00:00:00:00:17:"
            + "00:15:00:01:00:00:00:01:00:06:00:00:00:04:00:00:00:06:00:00:00:00:00:00";
    /** tcpdump without an expression: every packet, cut at the snapshot length. */
    private static final int[][] ALL = {{0x06, 0, 0, 262144}};
    /** libpcap's reject-all filter, attached for an instant before the real one. */
    private static final int[][] REJECT_ALL = {{0x06, 0, 0, 0}};

    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final AtomicBoolean frameworkStopping = new AtomicBoolean();
    private final Map<Long, SocketOwner> processes = new HashMap<>();
    private final List<Set<Long>> scans = new ArrayList<>();
    private final SocketOwners owners = inodes -> {
        scans.add(Set.copyOf(inodes));
        Map<Long, SocketOwner> found = new HashMap<>(processes);
        found.keySet().retainAll(inodes);
        return found;
    };
    private BpfFeature feature = feature(Map.of());

    @BeforeEach
    void aTcpdumpOnEth0WithAFilterOneOnAnyWithoutAndThreeSocketsOfOthers() {
        kernel.state.add(socket(11).boundTo(ETH0).memberships(SockDiag.PACKET_MR_PROMISC).filter(ICMP).reply());
        processes.put(11L, new SocketOwner(100, "tcpdump", "bash"));
        kernel.state.add(socket(12).cooked().filter(ALL).reply());
        processes.put(12L, new SocketOwner(101, "tcpdump", "sudo"));
        kernel.state.add(socket(13).boundTo(ETH0).reply());
        processes.put(13L, new SocketOwner(102, "dhclient", "systemd"));
        kernel.state.add(socket(14).filter(ALL).reply());
        processes.put(14L, new SocketOwner(OWN_PID, "java", "cmgr.sh"));
        core.followed.add(new Vrf(0, ""));
    }

    @AfterEach
    void stop() {
        feature.deactivate();
    }

    private BpfFeature feature(Map<String, Object> options) {
        Map<String, Object> properties = new HashMap<>(options);
        properties.put("pollPeriodMs", "60000"); // the test polls
        return new BpfFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get), properties, owners,
                OWN_PID);
    }

    @Test
    void theSocketsAreDumpedWithPacketDiagOnTheSockDiagChannelOfTheVrf() {
        feature.activate();

        SubscriptionSpec spec = kernel.specs().get(0);
        assertThat(spec.family()).isEqualTo(NetlinkFamily.SOCK_DIAG);
        assertThat(spec.groups()).isEmpty();
        byte[] request = spec.dumps().get(0).payload();
        assertThat(request[0]).as("sdiag_family").isEqualTo((byte) 17);
        assertThat(request[8]).as("pdiag_show").isEqualTo((byte) (SockDiag.PACKET_SHOW_INFO
                | SockDiag.PACKET_SHOW_MCLIST | SockDiag.PACKET_SHOW_FILTER));
    }

    /** What a start and a replay send of the kernel's state at set-up. */
    private static List<String> theManualsCapturesBetweenTheMarkers() {
        return List.of(
                "GR_BEGIN bpf vrf 0",
                add(11, ETH0, ICMP_BYTES, 3, "pid=100 application=tcpdump promisc=1"),
                add(12, 0, "00:06:00:00:00:04:00:00", 2, "pid=101 application=tcpdump"),
                "GR_END bpf vrf 0");
    }

    @Test
    void aStartSendsTheCapturesOfTheManualsApplicationsBetweenTheMarkers() {
        feature.activate();

        assertThat(fpc.lines()).containsExactlyElementsOf(theManualsCapturesBetweenTheMarkers());
        assertThat(feature.syncedObjects()).isEqualTo(2);
    }

    @Test
    void withOptionAEveryApplicationsCaptureIsSyncedButNeverTheCacheManagersOwn() {
        feature = feature(Map.of("bpfAll", "true"));
        feature.activate();

        assertThat(fpc.lines()).contains(add(13, ETH0, null, 3, "pid=102 application=dhclient"))
                .noneMatch(l -> l.contains("id=14"));
        assertThat(feature.syncedObjects()).isEqualTo(3);
    }

    @Test
    void optionAToggledLiveAddsAndWithdrawsTheOtherApplicationsCaptures() {
        feature.activate();
        fpc.clear();

        feature.modified(Map.of("bpfAll", "true", "pollPeriodMs", "60000"));
        assertThat(fpc.lines()).containsExactly(add(13, ETH0, null, 3, "pid=102 application=dhclient"));

        fpc.clear();
        feature.modified(Map.of("bpfAll", "false", "pollPeriodMs", "60000"));
        assertThat(fpc.lines()).containsExactly(del(13, ETH0));
    }

    @Test
    void aPollSendsOnlyWhatChangedAndTheOwnerOfASocketIsLookedUpOnce() {
        feature.activate();
        fpc.clear();

        feature.pollNow();
        assertThat(fpc.lines()).isEmpty();

        // tcpdump on eth0 ends; another starts with 'tcp port 80'... as one more socket
        kernel.state.remove(0);
        kernel.state.add(socket(15).boundTo(ETH0).filter(ALL).reply());
        processes.put(15L, new SocketOwner(103, "tcpdump", "bash"));
        feature.pollNow();

        assertThat(fpc.lines()).containsExactly(add(15, ETH0, "00:06:00:00:00:04:00:00", 3,
                "pid=103 application=tcpdump"), del(11, ETH0));
        assertThat(scans).containsExactly(Set.of(11L, 12L, 13L, 14L), Set.of(15L));
    }

    /** The feature over the fake kernel with the proc connector {@code watch} (polls a minute apart). */
    private BpfFeature featureOver(Function<ProcessListener, ProcessWatch> watch) {
        NetlinkService withConnector = new NetlinkService() {
            @Override
            public Subscription subscribe(SubscriptionSpec spec, NetlinkListener listener) {
                return kernel.subscribe(spec, listener);
            }

            @Override
            public List<ChannelStats> channels() {
                return kernel.channels();
            }

            @Override
            public ProcessWatch watchProcesses(ProcessListener listener) {
                return watch.apply(listener);
            }
        };
        return new BpfFeature(core, withConnector, fpc, FeatureBundle.context(frameworkStopping::get),
                Map.of("pollPeriodMs", "60000"), owners, OWN_PID);
    }

    @Test
    void aProcessStartAsksForAPollAndTheWatchLivesAsLongAsAVrfIsSynced() throws Exception {
        List<ProcessListener> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicBoolean watchClosed = new AtomicBoolean();
        feature = featureOver(listener -> {
            watchers.add(listener);
            return new ProcessWatch() {
                @Override
                public boolean available() {
                    return true;
                }

                @Override
                public String unavailableReason() {
                    return null;
                }

                @Override
                public void close() {
                    watchClosed.set(true);
                }
            };
        });
        feature.activate();
        assertThat(watchers).hasSize(1);
        fpc.clear();

        // a tcpdump starts: its socket is there by the time the burst's polls run
        kernel.state.add(socket(21).boundTo(ETH0).filter(ALL).reply());
        processes.put(21L, new SocketOwner(109, "tcpdump", "bash"));
        watchers.get(0).processExecuted(109);

        String expected = add(21, ETH0, "00:06:00:00:00:04:00:00", 3, "pid=109 application=tcpdump");
        long deadline = System.nanoTime() + 10_000_000_000L; // the period is a minute: only the exec's poll sends it
        while (!fpc.lines().contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fpc.lines()).containsExactly(expected);

        feature.deactivate();
        assertThat(watchClosed).isTrue();
    }

    @Test
    void aConnectorThatFailsLeavesThePollsAndTheTapsAsTheyAre() {
        feature = featureOver(listener -> {
            throw new IllegalStateException("no connector today");
        });
        feature.activate();

        assertThat(feature.syncedObjects()).isEqualTo(2);
        fpc.clear();
        kernel.state.remove(0);
        feature.pollNow();
        assertThat(fpc.lines()).containsExactly(del(11, ETH0));

        fpc.clear();
        feature.deactivate(); // and it stops as it would with the connector: its taps withdrawn
        assertThat(fpc.lines()).containsExactly("FLUSH bpf vrf 0");
    }

    @Test
    void libpcapsTransientRejectAllFilterNeverReachesTheFpm() {
        feature.activate();
        fpc.clear();
        // libpcap: socket, bind, SO_ATTACH_FILTER 'ret #0', drain, SO_ATTACH_FILTER of the expression
        kernel.state.add(socket(16).boundTo(ETH0).filter(REJECT_ALL).reply());
        processes.put(16L, new SocketOwner(104, "tcpdump", "bash"));
        feature.pollNow();
        assertThat(fpc.lines()).isEmpty();

        kernel.state.set(4, socket(16).boundTo(ETH0).filter(ICMP).reply());
        feature.pollNow();
        // and a filter replaced by reject-all (a second pcap_setfilter) withdraws the tap until the new one
        kernel.state.set(4, socket(16).boundTo(ETH0).filter(REJECT_ALL).reply());
        feature.pollNow();

        assertThat(fpc.lines()).containsExactly(add(16, ETH0, ICMP_BYTES, 3, "pid=104 application=tcpdump"),
                del(16, ETH0));
    }

    @Test
    void aSocketWithoutAClassicProgramAnEbpfOneIsATapWithoutProgramAndSoIsAHiddenOne() {
        kernel.state.clear();
        kernel.state.add(socket(17).boundTo(ETH0).reply()); // SO_ATTACH_BPF: no PACKET_DIAG_FILTER
        kernel.state.add(socket(18).boundTo(ETH0).filter().reply()); // empty: no CAP_NET_ADMIN
        processes.put(17L, new SocketOwner(105, "tcpdump", "bash"));
        processes.put(18L, new SocketOwner(106, "nmap", "bash"));

        feature.activate();

        assertThat(fpc.lines()).containsExactly("GR_BEGIN bpf vrf 0",
                add(17, ETH0, null, 3, "pid=105 application=tcpdump"),
                add(18, ETH0, null, 3, "pid=106 application=nmap"),
                "GR_END bpf vrf 0");
    }

    @Test
    void dumpcapIsSyncedForTheWiresharkThatStartedItAndASocketThatReceivesNothingIsNot() {
        kernel.state.clear();
        kernel.state.add(socket(19).boundTo(ETH0).filter(ALL).reply());
        processes.put(19L, new SocketOwner(107, "dumpcap", "wireshark"));
        kernel.state.add(socket(20).boundTo(ETH0).filter(ALL).notRunning().reply()); // its interface is down
        processes.put(20L, new SocketOwner(108, "tcpdump", "bash"));

        feature.activate();

        assertThat(fpc.lines()).containsExactly("GR_BEGIN bpf vrf 0",
                add(19, ETH0, "00:06:00:00:00:04:00:00", 3, "pid=107 application=dumpcap"),
                "GR_END bpf vrf 0");
    }

    @Test
    void tapPatternOnlySendsTheTapsWithoutTheirProgramAndItsStopSendsThemAgainWithIt() {
        feature.activate();
        fpc.clear();
        SyncFeature tapPattern = new TapPatternStandIn();

        feature.bindTapPattern(tapPattern);
        assertThat(fpc.lines()).containsExactly(add(11, ETH0, null, 3, "pid=100 application=tcpdump promisc=1"),
                add(12, 0, null, 2, "pid=101 application=tcpdump"));

        fpc.clear();
        feature.unbindTapPattern(tapPattern);
        assertThat(fpc.lines()).containsExactly(add(11, ETH0, ICMP_BYTES, 3, "pid=100 application=tcpdump promisc=1"),
                add(12, 0, "00:06:00:00:00:04:00:00", 2, "pid=101 application=tcpdump"));
    }

    @Test
    void aCaptureOnAnInterfaceTheCoreHasNotAnnouncedWaitsForIt() {
        core.notYetHeld.add(ETH0);
        feature.activate();
        assertThat(fpc.lines()).noneMatch(l -> l.contains("id=11"));

        fpc.clear();
        core.notYetHeld.clear();
        feature.pollNow();
        assertThat(fpc.lines()).containsExactly(add(11, ETH0, ICMP_BYTES, 3, "pid=100 application=tcpdump promisc=1"));
    }

    @Test
    void theTapsOfADeletedInterfaceLeaveWithItWithoutADelete() {
        feature.activate();
        fpc.clear();
        kernel.state.remove(0);
        core.notYetHeld.add(ETH0); // the core deleted it: the FPM removed what belonged to it

        feature.pollNow();

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.syncedObjects()).isEqualTo(1);
    }

    @Test
    void malformedRepliesAreCountedAndSkipped() {
        kernel.state.add(socket(21).boundTo(ETH0).withoutInfo().filter(ALL).reply());
        kernel.state.add(socket(22).boundTo(ETH0).memberships(SockDiag.PACKET_MR_PROMISC).mclistEntriesOf(24)
                .filter(ALL).reply());
        processes.put(21L, new SocketOwner(109, "tcpdump", "bash"));
        processes.put(22L, new SocketOwner(110, "tcpdump", "bash"));

        feature.activate();

        assertThat(feature.malformed()).isEqualTo(2);
        assertThat(feature.syncedObjects()).isEqualTo(2);
    }

    @Test
    void stoppingFlushesTheTapsAndAStopOfTheCacheManagerKeepsThem() {
        feature.activate();
        fpc.clear();
        feature.deactivate();
        assertThat(fpc.lines()).containsExactly("FLUSH bpf vrf 0");
        assertThat(core.members()).isZero();

        feature = feature(Map.of());
        feature.activate();
        fpc.clear();
        frameworkStopping.set(true);
        feature.deactivate();
        assertThat(fpc.lines()).containsExactly("KEEP bpf vrf 0");
        feature = feature(Map.of());
    }

    @Test
    void aNewFpmSessionReplaysEveryTap() {
        feature.activate();
        fpc.clear();

        core.sessionUp();

        assertThat(fpc.lines()).containsExactlyElementsOf(theManualsCapturesBetweenTheMarkers());
    }

    private static String add(long inode, int ifindex, String program, int type, String owner) {
        return "BPF_ADD " + key(inode, ifindex) + (program == null ? "" : " program=" + program)
                + " socket_type=" + type + " protocol=3 " + owner;
    }

    private static String del(long inode, int ifindex) {
        return "BPF_DEL " + key(inode, ifindex);
    }

    private static String key(long inode, int ifindex) {
        return "vrfid=0" + (ifindex == 0 ? "" : " ifuid=0x" + Long.toHexString(Ifuid.of(0, ifindex))) + " id=" + inode;
    }

    /** The tap-pattern bundle's service, as the bpf feature's reference sees it. */
    private static final class TapPatternStandIn implements SyncFeature {
        @Override
        public String name() {
            return "tap-pattern";
        }

        @Override
        public String owns() {
            return "";
        }

        @Override
        public long syncedObjects() {
            return 0;
        }
    }
}
