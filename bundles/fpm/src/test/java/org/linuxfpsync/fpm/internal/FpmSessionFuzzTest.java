package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmStats;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any byte stream after a valid HELLO: the session never throws, every reply is a well-formed
 * ERROR or STATS_REPLY, what lands in the tables respects the limits a C fast path relies on,
 * objects that belong to an interface never outlive it, and no key material reaches the dump.
 * The seeds hold one valid frame of every message type, after the IF_CREATEs their objects need. Without
 * JAZZER_FUZZ=1 this runs the committed seeds (valid frames) in regression mode.
 */
class FpmSessionFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void anyBytesAfterHelloLeaveTheSessionAndTableConsistent(byte[] data) throws Exception {
        FpmTables tables = new FpmTables();
        InterfaceTable table = tables.interfaces();
        FpmCounters counters = new FpmCounters();
        List<byte[]> replies = new ArrayList<>();
        FpmSession session = new FpmSession(tables, counters, 0x1ffff, () -> 1, f -> replies.add(Frames.copy(f)),
                () -> { });
        byte[] hello = new Frames().hello();
        assertThat(session.receive(hello, 0, hello.length)).isTrue();
        replies.clear();

        // cut the input in two reads so that frames straddling a read boundary are exercised
        int cut = data.length / 2;
        boolean open = session.receive(data, 0, cut);
        if (open) {
            open = session.receive(data, cut, data.length - cut);
        }

        FrameReader r = new FrameReader();
        long errors = 0;
        for (byte[] reply : replies) {
            r.wrapFrame(ByteBuffer.wrap(reply));
            if (r.type() == FpcMessageType.STATS_REPLY) {
                continue;
            }
            assertThat(r.type()).isEqualTo(FpcMessageType.ERROR);
            assertThat(FpcCodecs.parseError(r).message()).doesNotContain("\n");
            errors++;
        }
        FpmStats s = counters.snapshot();
        assertThat(s.errorsSent().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(errors);
        assertThat(open).isEqualTo(session.closeReason() == null);
        for (FpmInterface i : table.interfaces()) {
            assertThat(i.ifuid()).isNotZero();
            assertThat(i.ifname().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(15);
            assertThat(i.mac().length).isLessThanOrEqualTo(32);
            if (i.kind() != null) {
                assertThat(i.kind().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(31);
            }
        }
        // what belongs to an interface never outlives it, nor lives in another vrf
        for (org.linuxfpsync.fpc.codec.ObjectFamily f : org.linuxfpsync.fpc.codec.FpcSchema.families()) {
            if (!f.perInterface()) {
                continue;
            }
            for (org.linuxfpsync.fpm.FpmObject o : tables.objects(f.name())) {
                FpmInterface owner = table.get(o.ifuid());
                assertThat(owner).as(f.name() + " " + o).isNotNull();
                assertThat(owner.vrfid()).isEqualTo(o.vrfid());
            }
        }
        // whatever it holds, the dump is valid JSON and shows no key material
        String dump = FpmDump.toJson(1, tables);
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(dump);
        for (String secret : List.of("auth_key\"", "enc_key\"", "aead_key\"")) {
            assertThat(dump).doesNotContain(secret);
        }
    }
}
