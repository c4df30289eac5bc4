package org.linuxfpsync.cmgr.shell;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The {@code -j/--json} option of every cmgrd command. Karaf stops reading options at the first
 * argument, but operators type {@code cmgrd:show interfaces --json} (the seed puts the subject
 * first), so a trailing {@code -j/--json} is accepted too; any other trailing word is refused.
 */
final class JsonOption {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOption() {
    }

    /** True when {@code leading} was set or the trailing words are all -j/--json. */
    static boolean requested(boolean leading, List<String> trailing, String command) {
        boolean json = leading;
        if (trailing != null) {
            for (String word : trailing) {
                if (word.equals("-j") || word.equals("--json")) {
                    json = true;
                } else {
                    throw new IllegalArgumentException(command + ": unexpected '" + word + "'");
                }
            }
        }
        return json;
    }

    static String write(Object tree) throws Exception {
        return MAPPER.writeValueAsString(tree);
    }
}
