package org.linuxfpsync.console;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The base of every console command ({@code cmgrd:*}, {@code fpm:*}): the {@code -j/--json}
 * option, one JSON writer (Jackson, indented), and where the output goes. Karaf stops reading
 * options at the first argument, but operators type {@code cmgrd:show interfaces --json} (the
 * linux-fp-sync manual puts the subject first), so a command with arguments also accepts a
 * trailing {@code -j/--json} ({@link #jsonRequested(List, String)}).
 */
public abstract class JsonCommand implements Action {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(name = "-j", aliases = "--json", description = "Print JSON")
    protected boolean json;

    /** Where output goes; the console's stream when null. */
    private PrintStream out;

    /** Writes a JSON value with a generator: what a {@link #printJson(JsonBody)} caller supplies. */
    @FunctionalInterface
    public interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    /** As if {@code -j/--json} was given or not (for tests and callers other than the console). */
    public final void setJson(boolean json) {
        this.json = json;
    }

    /** Prints to {@code stream} instead of the console (for tests). */
    public final void printTo(PrintStream stream) {
        this.out = stream;
    }

    protected final PrintStream out() {
        return out != null ? out : System.out;
    }

    /**
     * True when {@code -j/--json} was given before the arguments or is among {@code trailing},
     * the words after them; any other trailing word is refused in one line naming {@code command}.
     */
    protected final boolean jsonRequested(List<String> trailing, String command) {
        boolean requested = json;
        if (trailing != null) {
            for (String word : trailing) {
                if (word.equals("-j") || word.equals("--json")) {
                    requested = true;
                } else {
                    throw new IllegalArgumentException(command + ": unexpected '" + word + "'");
                }
            }
        }
        return requested;
    }

    /** Prints {@code tree} (maps, lists, strings, numbers, booleans) as indented JSON and a new line. */
    protected final void printJson(Object tree) {
        out().println(toJson(tree));
    }

    /** Prints what {@code body} writes, indented as {@link #printJson(Object)} does, and a new line. */
    protected final void printJson(JsonBody body) {
        out().println(toJson(body));
    }

    /** {@code tree} as indented JSON, without a final new line. */
    public static String toJson(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code body} writes, as indented JSON, without a final new line. */
    public static String toJson(JsonBody body) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = MAPPER.createGenerator(text)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
