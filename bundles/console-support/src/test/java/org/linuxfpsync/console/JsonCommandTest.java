package org.linuxfpsync.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Option;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JsonCommandTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** A command that prints one value as text or as JSON. */
    private static final class Echo extends JsonCommand {
        List<String> trailing;

        @Override
        public Object execute() {
            if (jsonRequested(trailing, "echo")) {
                printJson(Map.of("value", 7));
            } else {
                out().println("value 7");
            }
            return null;
        }
    }

    private Echo echo() {
        Echo e = new Echo();
        e.printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return e;
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void the_option_is_declared_once_as_dash_j_and_dash_dash_json_for_karaf_to_find_in_every_subclass() {
        Option option = Arrays.stream(JsonCommand.class.getDeclaredFields()).map(f -> f.getAnnotation(Option.class))
                .filter(o -> o != null).findFirst().orElseThrow();

        assertThat(option.name()).isEqualTo("-j");
        assertThat(option.aliases()).containsExactly("--json");
    }

    @Test
    void without_the_option_the_command_prints_its_text() {
        echo().execute();

        assertThat(text()).isEqualTo("value 7" + System.lineSeparator());
    }

    @Test
    void the_option_before_the_arguments_or_after_them_prints_json() {
        Echo leading = echo();
        leading.setJson(true);
        leading.execute();
        Echo trailing = echo();
        trailing.trailing = List.of("--json");
        trailing.execute();
        Echo shortForm = echo();
        shortForm.trailing = List.of("-j");
        shortForm.execute();

        String one = "{" + System.lineSeparator() + "  \"value\" : 7" + System.lineSeparator() + "}"
                + System.lineSeparator();
        assertThat(text()).isEqualTo(one + one + one);
    }

    @Test
    void any_other_trailing_word_is_refused_in_one_line() {
        Echo e = echo();
        e.trailing = List.of("--json", "extra");

        assertThatIllegalArgumentException().isThrownBy(e::execute).withMessage("echo: unexpected 'extra'");
        assertThat(text()).isEmpty();
    }

    @Test
    void a_generator_body_is_written_exactly_as_the_same_tree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", "eth0");
        tree.put("rows", List.of(Map.of("mtu", 1500), Map.of("mtu", 9000)));

        String fromBody = JsonCommand.toJson(g -> {
            g.writeStartObject();
            g.writeStringField("name", "eth0");
            g.writeArrayFieldStart("rows");
            for (int mtu : new int[] {1500, 9000}) {
                g.writeStartObject();
                g.writeNumberField("mtu", mtu);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });

        assertThat(fromBody).isEqualTo(JsonCommand.toJson(tree)).contains("\n  \"rows\" : [ {");
    }
}
