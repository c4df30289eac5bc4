package org.linuxfpsync.netlink.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * Saves real kernel messages as Jazzer seeds when the live tests run with
 * {@code -Dnetlink.captureSeeds=src/test/resources/org/linuxfpsync/netlink/codec} (as root): each
 * message a listener receives becomes one file in {@code <Decoder>FuzzTestInputs/<method>/}.
 * Without the property it does nothing, so a normal run never writes to the source tree.
 */
final class SeedRecorder {
    private static final String ROOT = System.getProperty("netlink.captureSeeds");

    private SeedRecorder() {
    }

    /** @param fuzzTest e.g. {@code "RouteMessageFuzzTest"}; its method is always {@code decodeOrFailCleanly} */
    static void save(String fuzzTest, String name, NlMsg message) {
        if (ROOT == null) {
            return;
        }
        byte[] bytes = new byte[message.length()];
        message.buffer().get(message.offset(), bytes, 0, bytes.length);
        Path dir = Path.of(ROOT, fuzzTest + "Inputs", "decodeOrFailCleanly");
        try {
            Files.createDirectories(dir);
            int n = 0;
            Path file;
            do {
                file = dir.resolve(String.format("%s-%02d", name, n++));
            } while (Files.exists(file));
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
