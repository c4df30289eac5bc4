package org.linuxfpsync.fpm.internal.command;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

import org.linuxfpsync.fpm.FpmStats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

/** {@code fpm:stats --json}: the counters with snake_case names, as docs/fpm-dump.md lists them. */
public final class StatsJson {
    private static final JsonFactory JSON = new JsonFactory();

    private StatsJson() {
    }

    public static String toJson(FpmStats s) {
        return toJson(s, true);
    }

    /** Pretty-printed over several lines, or compact on one line (for line-based control channels). */
    public static String toJson(FpmStats s, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            g.writeStartObject();
            writeCounts(g, "frames_received", s.framesReceived());
            writeCounts(g, "errors_sent", s.errorsSent());
            g.writeNumberField("malformed_frames", s.malformedFrames());
            g.writeNumberField("connections_accepted", s.connectionsAccepted());
            g.writeNumberField("sessions_accepted", s.sessionsAccepted());
            g.writeNumberField("epoch", s.epoch());
            g.writeNumberField("sweeps", s.sweeps());
            g.writeNumberField("objects_swept", s.objectsSwept());
            g.writeNumberField("objects_flushed", s.objectsFlushed());
            g.writeNumberField("connections_refused", s.connectionsRefused());
            g.writeNumberField("hello_timeouts", s.helloTimeouts());
            g.writeObjectFieldStart("tables");
            for (Map.Entry<String, Integer> e : s.tableSizes().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString() + System.lineSeparator();
    }

    private static void writeCounts(JsonGenerator g, String name, Map<String, Long> counts) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
