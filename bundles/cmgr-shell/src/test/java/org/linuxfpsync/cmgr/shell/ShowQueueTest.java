package org.linuxfpsync.cmgr.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.console.JsonCommand;
import org.linuxfpsync.fpc.FpcPeer;
import org.linuxfpsync.fpc.FpcQueueStats;
import org.linuxfpsync.fpc.testing.RecordingFpc;

class ShowQueueTest {

    /** A channel that reports what the test sets, as the FPC client would; no session until set. */
    private final RecordingFpc fpc = new RecordingFpc().endpoint("unix:/run/linux-fp-sync/fpc-0.sock").peer(null);

    private String text() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ShowQueue(fpc).printText(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theManualsCountersComeFirstThenWhatOurQueueHoldsInTheManualsIndentedStyle() {
        fpc.peer(new FpcPeer("linux-fp-sync-fpm", 1, 0x1ffff, 1764000000000L));
        fpc.queueStats(new FpcQueueStats(98, 5, 3, 89, 2, 1, 0, 1, 4, 2_500_000, 65536, 3 * 137));
        fpc.peerErrors(Map.of(2, 7L, 22, 1L));
        assertThat(text()).isEqualTo(String.join("\n",
                "Queue information",
                "- sent: 98",
                "- directly: 5",
                "- in-queue: 3",
                "- highest in-queue: 89",
                "- has blocked: 2",
                "- partially sent: 1",
                "- errors: 0",
                "- ev armed: 1",
                "",
                "command_show_queue: endpoint=unix:/run/linux-fp-sync/fpc-0.sock",
                "        session=up",
                "        peer=linux-fp-sync-fpm",
                "        peer_version=1",
                "        peer_features=0x1ffff",
                "        peer_epoch=1764000000000",
                "        capacity=65536",
                "        frames_queued=3",
                "        bytes_queued=411",
                "        oldest_queued_us=2500",
                "        dropped_no_session=4",
                "        peer_errors=ENOENT:7,EINVAL:1",
                "").replace("\n", System.lineSeparator()));
    }

    @Test
    void withoutASessionThereIsNoPeerToName() {
        fpc.queueStats(new FpcQueueStats(0, 0, 0, 0, 0, 0, 3, 0, 12, 0, 65536, 0));
        assertThat(text()).contains("- errors: 3", "        session=down\n        capacity=65536",
                "        dropped_no_session=12", "        peer_errors=0").doesNotContain("peer=");
    }

    @Test
    void jsonHasEveryCounterUnderASnakeCaseName() throws Exception {
        fpc.peer(new FpcPeer("linux-fp-sync-fpm", 1, 0x3ff, 42));
        fpc.queueStats(new FpcQueueStats(98, 5, 0, 89, 0, 0, 0, 0, 0, 0, 65536, 0));
        fpc.peerErrors(Map.of(2, 7L));
        assertThat(JsonCommand.toJson(new ShowQueue(fpc).json()).replaceAll("\\s", "")).isEqualTo(
                "{\"sent\":98,\"directly\":5,\"in_queue\":0,\"highest_in_queue\":89,\"has_blocked\":0,"
                        + "\"partially_sent\":0,\"errors\":0,\"ev_armed\":0,"
                        + "\"endpoint\":\"unix:/run/linux-fp-sync/fpc-0.sock\",\"session\":\"up\","
                        + "\"peer\":{\"name\":\"linux-fp-sync-fpm\",\"version\":1,\"features\":\"0x3ff\",\"epoch\":42},"
                        + "\"capacity\":65536,\"frames_queued\":0,\"bytes_queued\":0,\"oldest_queued_us\":0,"
                        + "\"dropped_no_session\":0,\"peer_errors\":{\"ENOENT\":7}}");
    }
}
