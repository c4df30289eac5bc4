package org.linuxfpsync.featuresync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.NetlinkFamily;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.Audit;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.UapiXtables;
import org.linuxfpsync.netlink.codec.UapiXtables.Rule;
import org.linuxfpsync.netlink.codec.Xtables;

/**
 * The legacy x_tables tables of the three features, over getsockopt replies encoded as the uapi lays
 * them out ({@link UapiXtables}) and audit records as {@code audit_log_nfcfg} writes them: which
 * feature sends which table, with which key and blob; a change sent once, a counter-only change not at
 * all, a table gone withdrawn, a malformed reply counted without losing what was sent, an audit record
 * of the feature's table read at once, a replay, a stop.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class XtablesSyncUapiEncodedTest {
    private static final Map<String, Object> NO_POLL = Map.of("pollPeriodMs", "60000");
    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final Vrf vrf = new Vrf(0, "");
    private XtablesWatch watch;
    private XtablesSync sync;

    @AfterEach
    void stop() {
        if (sync != null) {
            watch.leave(sync, true);
        }
    }

    private static byte[] filter(int family, int inputPolicy, long counters) {
        byte[] any = family == Xtables.NFPROTO_IPV4 ? UapiXtables.ipv4(0, 0, 0, 0, null, null, 0, 0, 0)
                : UapiXtables.ipv6(new byte[16], new byte[16], null, null, 0, 0, 0);
        return UapiXtables.table(family, "filter")
                .base("INPUT", 1, inputPolicy, Rule.standard(any, List.of(), UapiXtables.DROP, null))
                .base("FORWARD", 2, UapiXtables.ACCEPT)
                .base("OUTPUT", 3, UapiXtables.ACCEPT)
                .counters(counters).replies();
    }

    private static byte[] nat() {
        return UapiXtables.table(Xtables.NFPROTO_IPV4, "nat")
                .base("OUTPUT", 3, UapiXtables.ACCEPT)
                .base("POSTROUTING", 4, UapiXtables.ACCEPT, Rule.withTarget(UapiXtables.ipv4(0, 0, 0, 0, null, "eth0",
                        0, 0, 0), List.of(), new UapiXtables.Extension("MASQUERADE", 0, new byte[24])))
                .replies();
    }

    private static byte[] bridgeFilter() {
        return UapiXtables.table(Xtables.NFPROTO_BRIDGE, "filter")
                .base("FORWARD", 2, UapiXtables.EBT_ACCEPT, Rule.standard(UapiXtables.bridge(0, 0, 0x0800, null, null,
                        null, null), List.of(), UapiXtables.EBT_DROP, null))
                .replies();
    }

    private void start(NftSync.Owner owner) {
        watch = new XtablesWatch(owner.name().toLowerCase(), owner, kernel, NO_POLL,
                new XtablesPolls(new PollTimer("cmgr-xtables-test")));
        sync = watch.join(owner.name().toLowerCase(), vrf, core, fpc);
        sync.read();
    }

    private static String key(String line) {
        return line.replaceAll(" format=.*", "").replaceAll(" origin=.*", "");
    }

    @Test
    void each_feature_sends_its_own_legacy_tables_whole_in_the_replay_window_with_origin_2() {
        kernel.xtables.put("2/filter", filter(Xtables.NFPROTO_IPV4, UapiXtables.ACCEPT, 5));
        kernel.xtables.put("10/filter", filter(Xtables.NFPROTO_IPV6, UapiXtables.DROP, 5));
        kernel.xtables.put("2/nat", nat());
        kernel.xtables.put("7/filter", bridgeFilter());

        start(NftSync.Owner.NETFILTER);

        List<String> lines = fpc.lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("GR_BEGIN netfilter vrf 0");
        assertThat(lines.subList(1, 3)).extracting(XtablesSyncUapiEncodedTest::key).containsExactly(
                "NF_TABLE_ADD vrfid=0 family=2 table=filter", "NF_TABLE_ADD vrfid=0 family=10 table=filter");
        assertThat(lines.get(1)).contains(" format=1 ").endsWith(" origin=2");
        assertThat(lines.get(3)).isEqualTo("GR_END netfilter vrf 0");
        assertThat(sync.syncedObjects()).isEqualTo(2);
        watch.leave(sync, true);
        fpc.clear();

        start(NftSync.Owner.NAT);
        assertThat(fpc.lines("NF_TABLE_ADD")).extracting(XtablesSyncUapiEncodedTest::key)
                .containsExactly("NF_TABLE_ADD vrfid=0 family=2 table=nat");
        watch.leave(sync, true);
        fpc.clear();

        start(NftSync.Owner.EBTABLES);
        assertThat(fpc.lines("NF_TABLE_ADD")).extracting(XtablesSyncUapiEncodedTest::key)
                .containsExactly("NF_TABLE_ADD vrfid=0 family=7 table=filter");
    }

    @Test
    void the_blob_is_the_replace_structure_and_entries_with_counters_zeroed() {
        kernel.xtables.put("2/filter", filter(Xtables.NFPROTO_IPV4, UapiXtables.ACCEPT, 99));
        start(NftSync.Owner.NETFILTER);

        byte[] frame = fpc.frameBytes().stream().filter(f -> (f[2] & 0xff) == 0x12).findFirst().orElseThrow();
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        int blob = text.indexOf("filter\0", text.indexOf("filter") + 1); // the TABLE TLV, then the blob's name
        ByteBuffer b = ByteBuffer.wrap(frame, blob, frame.length - blob).slice().order(ByteOrder.nativeOrder());
        assertThat(b.getInt(Xtables.REPLACE_VALID_HOOKS)).isEqualTo(0b1110);
        assertThat(b.getInt(Xtables.REPLACE_NUM_ENTRIES)).isEqualTo(5);
        assertThat(b.getLong(Xtables.REPLACE_SIZE + Xtables.IPT_COUNTERS)).as("packets of INPUT's rule").isZero();
    }

    @Test
    void a_read_sends_a_changed_table_once_nothing_for_a_counter_change_and_withdraws_a_table_gone() {
        kernel.xtables.put("2/filter", filter(Xtables.NFPROTO_IPV4, UapiXtables.ACCEPT, 1));
        kernel.xtables.put("2/mangle", UapiXtables.table(Xtables.NFPROTO_IPV4, "mangle")
                .base("PREROUTING", 0, UapiXtables.ACCEPT).replies());
        start(NftSync.Owner.NETFILTER);
        fpc.clear();

        kernel.xtables.put("2/filter", filter(Xtables.NFPROTO_IPV4, UapiXtables.ACCEPT, 1_000_000));
        sync.read();
        assertThat(fpc.lines()).as("only the counters moved").isEmpty();
        assertThat(sync.unchangedReads()).as("filter and mangle found as they were, not decoded").isEqualTo(2);

        kernel.xtables.put("2/filter", filter(Xtables.NFPROTO_IPV4, UapiXtables.DROP, 3));
        sync.read();
        sync.read();
        assertThat(fpc.lines()).extracting(XtablesSyncUapiEncodedTest::key)
                .containsExactly("NF_TABLE_ADD vrfid=0 family=2 table=filter");
        fpc.clear();

        kernel.xtables.remove("2/mangle");
        sync.read();
        assertThat(fpc.lines()).containsExactly("NF_TABLE_DEL vrfid=0 family=2 table=mangle origin=2");
        assertThat(sync.syncedObjects()).isEqualTo(1);
    }

    @Test
    void the_poll_sleeps_until_its_period_and_a_new_period_applies_at_once() throws Exception {
        kernel.xtables.put("2/filter", filter(Xtables.NFPROTO_IPV4, UapiXtables.ACCEPT, 1));
        start(NftSync.Owner.NETFILTER);
        Thread.sleep(600); // a fixed 100 ms tick, as before, woke six times in this time
        assertThat(watch.polls()).as("wake-ups of a poll due in 60 s").isLessThanOrEqualTo(1);
        fpc.clear();

        kernel.xtables.put("2/filter", filter(Xtables.NFPROTO_IPV4, UapiXtables.DROP, 1));
        watch.configure(Map.of("pollPeriodMs", "100"));
        await("the change read by the poll of the new period", () -> !fpc.lines("NF_TABLE_ADD").isEmpty());
    }

    @Test
    void the_features_are_polled_together_on_one_thread_entering_each_namespace_once_per_poll() throws Exception {
        kernel.xtables.put("2/filter", filter(Xtables.NFPROTO_IPV4, UapiXtables.ACCEPT, 1));
        kernel.xtables.put("10/filter", filter(Xtables.NFPROTO_IPV6, UapiXtables.ACCEPT, 1));
        kernel.xtables.put("2/nat", nat());
        XtablesPolls thread = new XtablesPolls(new PollTimer("cmgr-xtables-test"));
        Map<String, Object> fast = Map.of("pollPeriodMs", "100");
        XtablesWatch netfilter = new XtablesWatch("netfilter", NftSync.Owner.NETFILTER, kernel, fast, thread);
        XtablesWatch nat = new XtablesWatch("nat", NftSync.Owner.NAT, kernel, fast, thread);
        XtablesSync filters = netfilter.join("netfilter", vrf, core, fpc);
        filters.read();
        XtablesSync nats = nat.join("nat", vrf, core, fpc);
        nats.read();
        kernel.xtableNamesThreads.clear(); // those reads were this thread's
        try {
            int entries = kernel.xtableNamesEntries.get();
            long wakeUps = thread.polls();
            await("both features polled a few times", () -> filters.unchangedReads() >= 2 * 5
                    && nats.unchangedReads() >= 5);
            long polls = thread.polls() - wakeUps;
            assertThat(kernel.xtableNamesEntries.get() - entries)
                    .as("one entry into the namespace per poll for both features and both families (4 before)")
                    .isPositive().isLessThanOrEqualTo((int) polls + 1); // + 1: a poll across a reading
            assertThat(kernel.xtableNamesThreads).containsExactly("cmgr-xtables-test");

            kernel.xtables.put("2/nat", UapiXtables.table(Xtables.NFPROTO_IPV4, "nat")
                    .base("OUTPUT", 3, UapiXtables.DROP).replies());
            kernel.xtables.put("2/filter", filter(Xtables.NFPROTO_IPV4, UapiXtables.DROP, 1));
            await("each feature's change read by the shared poll", () -> fpc.lines("NF_TABLE_ADD").stream()
                    .filter(l -> l.contains("family=2 table=nat") || l.contains("family=2 table=filter")).count() >= 4);
        } finally {
            netfilter.leave(filters, true);
            nat.leave(nats, true);
        }
    }

    @Test
    void a_malformed_reply_is_counted_and_what_the_fpm_has_stays() {
        kernel.xtables.put("2/filter", filter(Xtables.NFPROTO_IPV4, UapiXtables.ACCEPT, 1));
        start(NftSync.Owner.NETFILTER);
        fpc.clear();

        byte[] bad = filter(Xtables.NFPROTO_IPV4, UapiXtables.DROP, 1);
        ByteBuffer.wrap(bad).order(ByteOrder.nativeOrder()).putInt(Xtables.GETINFO_NUM_ENTRIES, 77);
        kernel.xtables.put("2/filter", bad);
        sync.read();

        assertThat(sync.malformed()).isEqualTo(1);
        assertThat(fpc.lines()).as("no DEL, no ADD").isEmpty();
        assertThat(sync.syncedObjects()).isEqualTo(1);
    }

    @Test
    void an_audit_record_of_a_table_of_the_feature_reads_every_vrf_at_once() {
        kernel.xtables.put("2/filter", filter(Xtables.NFPROTO_IPV4, UapiXtables.ACCEPT, 1));
        start(NftSync.Owner.NETFILTER);
        assertThat(kernel.specs()).anySatisfy(s -> {
            assertThat(s.family()).isEqualTo(NetlinkFamily.AUDIT);
            assertThat(s.vrf()).isEqualTo(Vrf.defaultVrf());
            assertThat(s.groups()).containsExactly(Audit.AUDIT_NLGRP_READLOG);
        });
        fpc.clear();

        kernel.xtables.put("2/filter", filter(Xtables.NFPROTO_IPV4, UapiXtables.DROP, 1));
        kernel.event(record("table=filter family=2 entries=4 op=xt_replace pid=42 comm=\"iptables\""));

        await("the table read again after the record", () -> !fpc.lines("NF_TABLE_ADD").isEmpty());
        assertThat(watch.auditCounts()).startsWith("1 AUDIT_NETFILTER_CFG records, 1 of this feature's tables");
    }

    @Test
    void records_of_nftables_or_of_another_features_table_read_nothing() throws Exception {
        start(NftSync.Owner.NETFILTER);
        org.linuxfpsync.netlink.codec.AuditMessage audit = new org.linuxfpsync.netlink.codec.AuditMessage();
        assertThat(watch.concerns(audit.wrap(nl(record("table=filter family=2 entries=4 op=xt_replace"))))).isTrue();
        assertThat(watch.concerns(audit.wrap(nl(record("table=nat family=2 entries=4 op=xt_replace"))))).isFalse();
        assertThat(watch.concerns(audit.wrap(nl(record("table=filter family=7 entries=4 op=xt_replace"))))).isFalse();
        assertThat(watch.concerns(audit.wrap(nl(record("table=filter family=2 entries=4 op=nft_register_rule")))))
                .isFalse();
        assertThat(watch.concerns(audit.wrap(nl(record("table=filter family=x op=xt_replace"))))).isFalse();
    }

    @Test
    void a_replay_sends_every_table_again_in_the_window_and_a_stop_withdraws_them() {
        kernel.xtables.put("2/filter", filter(Xtables.NFPROTO_IPV4, UapiXtables.ACCEPT, 1));
        start(NftSync.Owner.NETFILTER);
        fpc.clear();

        core.sessionUp();
        await("the replay", () -> fpc.lines().size() == 3);
        assertThat(fpc.lines().get(0)).isEqualTo("GR_BEGIN netfilter vrf 0");
        assertThat(key(fpc.lines().get(1))).isEqualTo("NF_TABLE_ADD vrfid=0 family=2 table=filter");
        fpc.clear();

        watch.leave(sync, true);
        sync = null;
        assertThat(fpc.lines()).containsExactly("FLUSH netfilter vrf 0");
    }

    /** An audit record as {@code audit_log_nfcfg} writes it. */
    private static byte[] record(String body) {
        return FakeKernel.message(w -> w.beginMessage(Audit.AUDIT_NETFILTER_CFG, 0, 0, 0)
                .bytes(("audit(1700000000.123:456): " + body).getBytes(StandardCharsets.US_ASCII)).endMessage());
    }

    private static org.linuxfpsync.netlink.codec.NlMsg nl(byte[] message) throws Exception {
        return new org.linuxfpsync.netlink.codec.NlMsg().wrap(ByteBuffer.wrap(message).order(ByteOrder.nativeOrder()),
                0, message.length);
    }

    /** Waits for what the x_tables thread does; fails after a generous deadline (asserts what, not how fast). */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
