package org.linuxfpsync.netlink.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the integer constants of C headers: {@code #define NAME expr} and enum entries
 * (implicit values count up from the previous one). Just enough C for the uapi headers:
 * literals, names, parentheses, casts to int types, and {@code | & + - ~ << >>}.
 * Anything else (sizeof, function-like macros) is left unresolved, not guessed.
 */
final class UapiHeaders {
    private static final Pattern DEFINE = Pattern.compile("^\\s*#\\s*define\\s+([A-Za-z_]\\w*)(?!\\()\\s+(.+)$");
    private static final Pattern ENUM = Pattern.compile("\\benum\\s*\\w*\\s*\\{([^}]*)\\}");

    private final Map<String, String> expressions = new LinkedHashMap<>();
    private final Map<String, Long> values = new HashMap<>();

    /** Reads every existing file; missing ones are skipped. */
    static UapiHeaders read(List<Path> files) throws IOException {
        UapiHeaders headers = new UapiHeaders();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                headers.parse(Files.readString(file));
            }
        }
        return headers;
    }

    private void parse(String source) {
        String text = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
        List<String> plain = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher define = DEFINE.matcher(line);
            if (define.matches()) {
                String name = define.group(1);
                String expression = define.group(2).trim();
                if (!expression.equals(name)) { // "#define IFLA_COST IFLA_COST" marks an enum entry
                    expressions.put(name, expression);
                }
            }
            plain.add(line.trim().startsWith("#") ? "" : line);
        }
        Matcher enums = ENUM.matcher(String.join("\n", plain));
        while (enums.find()) {
            String previous = null;
            for (String entry : enums.group(1).split(",")) {
                String item = entry.trim();
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                String name = (eq < 0 ? item : item.substring(0, eq)).trim();
                String expression = eq < 0 ? (previous == null ? "0" : "(" + previous + ") + 1") : item.substring(eq + 1).trim();
                expressions.put(name, expression);
                previous = name;
            }
        }
    }

    /** The value of {@code name}, if the headers define it in a way this reader can evaluate. */
    OptionalLong value(String name) {
        Long value = evaluateName(name, 0);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private Long evaluateName(String name, int depth) {
        if (values.containsKey(name)) {
            return values.get(name);
        }
        String expression = expressions.get(name);
        if (expression == null || depth > 50) {
            return null;
        }
        Long value = new Evaluator(expression, depth + 1).evaluate();
        values.put(name, value);
        return value;
    }

    /** Recursive descent over one expression; null when it uses something unsupported. */
    private final class Evaluator {
        private static final Pattern TOKEN = Pattern.compile(
                "\\s*(0[xX][0-9a-fA-F]+|\\d+|[A-Za-z_]\\w*|<<|>>|[|&+\\-~()])[uUlL]*");
        private final List<String> tokens = new ArrayList<>();
        private final int depth;
        private int position;
        private boolean failed;

        Evaluator(String expression, int depth) {
            this.depth = depth;
            Matcher m = TOKEN.matcher(expression);
            int end = 0;
            while (m.lookingAt()) {
                tokens.add(m.group(1));
                end = m.end();
                m.region(end, expression.length());
            }
            if (!expression.substring(end).isBlank()) {
                failed = true;
            }
        }

        Long evaluate() {
            if (failed) {
                return null;
            }
            long value = or();
            return failed || position != tokens.size() ? null : value;
        }

        private String peek() {
            return position < tokens.size() ? tokens.get(position) : "";
        }

        private long or() {
            long value = and();
            while (peek().equals("|")) {
                position++;
                value |= and();
            }
            return value;
        }

        private long and() {
            long value = shift();
            while (peek().equals("&")) {
                position++;
                value &= shift();
            }
            return value;
        }

        private long shift() {
            long value = additive();
            while (peek().equals("<<") || peek().equals(">>")) {
                boolean left = tokens.get(position++).equals("<<");
                long by = additive();
                value = left ? value << by : value >> by;
            }
            return value;
        }

        private long additive() {
            long value = unary();
            while (peek().equals("+") || peek().equals("-")) {
                boolean plus = tokens.get(position++).equals("+");
                long operand = unary();
                value = plus ? value + operand : value - operand;
            }
            return value;
        }

        private long unary() {
            String token = peek();
            if (token.equals("~")) {
                position++;
                return (int) ~unary();
            }
            if (token.equals("-")) {
                position++;
                return -unary();
            }
            if (token.equals("(") && position + 2 < tokens.size() && tokens.get(position + 2).equals(")")
                    && tokens.get(position + 1).matches("int|unsigned|__u32|__s32|__u16|__u8")) {
                position += 3; // a cast to an int type
                return unary();
            }
            return primary();
        }

        private long primary() {
            String token = peek();
            position++;
            if (token.equals("(")) {
                long value = or();
                if (!peek().equals(")")) {
                    failed = true;
                }
                position++;
                return value;
            }
            if (token.matches("0[xX][0-9a-fA-F]+")) {
                return Long.parseLong(token.substring(2), 16);
            }
            if (token.matches("\\d+")) {
                return token.length() > 1 && token.startsWith("0") ? Long.parseLong(token, 8) : Long.parseLong(token);
            }
            if (token.matches("[A-Za-z_]\\w*")) {
                Long value = evaluateName(token, depth);
                if (value != null) {
                    return value;
                }
            }
            failed = true;
            return 0;
        }
    }
}
