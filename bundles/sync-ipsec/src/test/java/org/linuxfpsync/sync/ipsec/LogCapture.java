package org.linuxfpsync.sync.ipsec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the cache manager logs while it runs: slf4j-simple writes to System.err (at debug level in
 * this module's tests, simplelogger.properties), which this tees into a buffer.
 */
final class LogCapture {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogCapture() {
    }

    static LogCapture start() {
        LogCapture c = new LogCapture();
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                c.captured.write(b);
                c.original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                c.captured.write(b, off, len);
                c.original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        return c;
    }

    void stop() {
        System.err.flush();
        System.setErr(original);
    }

    String text() {
        return captured.toString(StandardCharsets.ISO_8859_1);
    }
}
