package org.linuxfpsync.cmgr.options;

/**
 * One effective setting: a key of a component's configuration, its value, and where it came
 * from ({@code /etc/cmgr.env}, {@code environment}, {@code default}), as {@code show conf} tells.
 * A null source writes no {@code <key>.source} line: the logging configuration would take it for
 * a logger attribute.
 */
public record Setting(String pid, String key, String value, String source) {
}
