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
 * ERROR, and what lands in the table respects the limits a C fast path relies on. Without
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
        for (byte[] reply : replies) {
            r.wrapFrame(ByteBuffer.wrap(reply));
            assertThat(r.type()).isEqualTo(FpcMessageType.ERROR);
            assertThat(FpcCodecs.parseError(r).message()).doesNotContain("\n");
        }
        FpmStats s = counters.snapshot();
        assertThat(s.errorsSent().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(replies.size());
        assertThat(open).isEqualTo(session.closeReason() == null);
        for (FpmInterface i : table.interfaces()) {
            assertThat(i.ifuid()).isNotZero();
            assertThat(i.ifname().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(15);
            assertThat(i.mac().length).isLessThanOrEqualTo(32);
            if (i.kind() != null) {
                assertThat(i.kind().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(31);
            }
        }
        // whatever it holds, the dump is valid JSON
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(FpmDump.toJson(1, tables));
    }
}
