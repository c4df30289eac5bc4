package org.linuxfpsync.netlink.codec;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the seeds of {@link XtTableFuzzTest}: {@code java XtTableSeeds <dir>} (run once, by hand). */
final class XtTableSeeds {
    private XtTableSeeds() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        write(dir.resolve("ipv4-filter"), 0, XtTableUapiEncodedTest.ipv4Filter().counters(3).replies());
        write(dir.resolve("bridge-filter"), 2, XtTableUapiEncodedTest.bridgeFilter().replies());
    }

    private static void write(Path file, int family, byte[] replies) throws Exception {
        byte[] seed = new byte[replies.length + 1];
        seed[0] = (byte) family;
        System.arraycopy(replies, 0, seed, 1, replies.length);
        Files.write(file, seed);
    }
}
