package org.linuxfpsync.cmgr.shell;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Translates the manual's console words ({@code show netlink}, {@code ipsec ha enable}) into a
 * cmgrd Karaf command line. Only cmgrd commands can be reached, and every word must be plain
 * (letters, digits, {@code . _ : -}): a word cannot smuggle a second command into the line.
 */
final class DaemonctlCommandLine {
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");

    private DaemonctlCommandLine() {
    }

    /** The Karaf command line, or "" for the manual's {@code quit}. */
    static String toKaraf(List<String> words) {
        if (words.isEmpty() || words.equals(List.of("?"))) {
            return "cmgrd:help";
        }
        for (String w : words) {
            if (!PLAIN_WORD.matcher(w).matches()) {
                throw new IllegalArgumentException("refused word '" + printable(w) + "': only letters, digits and . _ : -");
            }
        }
        String first = words.get(0);
        List<String> rest = words.subList(1, words.size());
        switch (first) {
            case "help":
                return "cmgrd:help";
            case "quit":
                return "";
            case "show":
            case "sync":
                return join("cmgrd:" + first, rest);
            case "ipsec":
                if (rest.isEmpty() || !rest.get(0).equals("ha")) {
                    throw new IllegalArgumentException("ipsec: expected 'ipsec ha show|enable|disable'");
                }
                return join("cmgrd:ipsec-ha", rest.subList(1, rest.size()));
            default:
                throw new IllegalArgumentException("unknown command '" + first + "'; try 'help'");
        }
    }

    private static String join(String command, List<String> args) {
        return args.isEmpty() ? command : command + " " + String.join(" ", args);
    }

    private static String printable(String w) {
        StringBuilder sb = new StringBuilder();
        for (char c : w.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.length() > 40 ? sb.substring(0, 40) + "..." : sb.toString();
    }
}
