package org.linuxfpsync.cmgr.options;

import java.util.Locale;

/** The manual's size forms: {@code 2M}, {@code 64M}, {@code 512K}, {@code 1G}, or bytes. */
final class Sizes {
    private Sizes() {
    }

    static long parse(String option, String text, long min, long max) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("K") || s.endsWith("M") || s.endsWith("G")) {
            unit = s.endsWith("K") ? 1L << 10 : s.endsWith("M") ? 1L << 20 : 1L << 30;
            s = s.substring(0, s.length() - 1);
        }
        long value;
        try {
            value = Long.parseLong(s) * unit;
        } catch (NumberFormatException e) {
            throw new OptionException(option + ": '" + text + "' is not a size (e.g. 2M, 64M, 512K, 1048576)");
        }
        if (value < min || value > max) {
            throw new OptionException(option + ": " + text + " is out of range " + human(min) + ".." + human(max));
        }
        return value;
    }

    static String human(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "G";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "M";
        }
        if (bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "K";
        }
        return Long.toString(bytes);
    }
}
