package org.linuxfpsync.fpc;

import java.util.Map;

/**
 * Reads typed values from a component's configuration map. Karaf's {@code etc/*.cfg} files hand
 * every value over as a String, the metatype defaults arrive typed: both are accepted, and numbers
 * may be written in hex ({@code 0x1FFFF}) as the manual's sync mask is. Shared by the FPC client and
 * the reference FPM, whose settings have the same forms.
 */
public final class ConfigValues {
    private final String pid;
    private final Map<String, ?> props;

    public ConfigValues(String pid, Map<String, ?> props) {
        this.pid = pid;
        this.props = props == null ? Map.of() : props;
    }

    public String string(String key, String dflt) {
        Object v = props.get(key);
        return v == null ? dflt : v.toString().trim();
    }

    public long number(String key, long dflt, long min, long max) {
        Object v = props.get(key);
        long value;
        if (v == null) {
            value = dflt;
        } else if (v instanceof Number) {
            value = ((Number) v).longValue();
        } else {
            String s = v.toString().trim().replace("_", "");
            try {
                value = s.startsWith("0x") || s.startsWith("0X")
                        ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(pid + ": " + key + " = '" + v + "' is not a number");
            }
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(pid + ": " + key + " = " + value + " out of range " + min + ".." + max);
        }
        return value;
    }
}
