package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import org.linuxfpsync.netlink.NetlinkFamily;

/**
 * A reusable decoder of audit records (NETLINK_AUDIT types AUDIT_FIRST_USER_MSG..AUDIT_LAST_USER_MSG2,
 * e.g. AUDIT_NETFILTER_CFG = 1325): the payload is text, not attributes, as the kernel's
 * {@code audit_log_start} formats it:
 *
 * <pre>
 *   audit(1700000000.123:456): table=filter family=2 entries=4 op=nft_register_chain pid=42 comm="nft"
 * </pre>
 *
 * {@link #wrap} checks the {@code audit(<seconds>.<millis>:<serial>): } prefix and that the text
 * has no NUL before its end (trailing NULs are dropped), and parses the time and serial without
 * allocating. Fields are found by key, also without allocating: {@link #findField} then
 * {@link #fieldValueOffset()}/{@link #fieldValueLength()} (quotes removed), or
 * {@link #fieldEquals}, {@link #fieldLong}; {@link #field} and {@link #text} allocate.
 */
public final class AuditMessage {
    private static final String PREFIX = "audit(";

    private ByteBuffer buffer;
    private int messageType = -1;
    private int textOffset;
    private int textLength;
    private int bodyOffset;
    private long seconds;
    private int millis;
    private long serial;
    private int valueOffset = -1;
    private int valueLength;

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not an audit record (binary control
     *                                  messages such as AUDIT_GET replies are not text)
     * @throws NetlinkFormatException   when the text does not start as {@code audit_log_start} writes it
     */
    public AuditMessage wrap(NlMsg msg) throws NetlinkFormatException {
        int type = msg.type();
        if (type < Audit.AUDIT_FIRST_USER_MSG || type > Audit.AUDIT_LAST_USER_MSG2) {
            throw new IllegalArgumentException("not an audit record: " + MessageTypeNames.name(NetlinkFamily.AUDIT, type));
        }
        ByteBuffer b = msg.buffer();
        int start = msg.payloadOffset();
        int length = msg.payloadLength();
        while (length > 0 && b.get(start + length - 1) == 0) {
            length--;
        }
        String scope = MessageTypeNames.name(NetlinkFamily.AUDIT, type);
        int nul = Bytes.nulIndex(b, start, length);
        if (nul >= 0) {
            throw new NetlinkFormatException(scope + ": NUL at byte " + nul + " of a " + length + "-byte record");
        }
        buffer = b;
        messageType = type;
        textOffset = start;
        textLength = length;
        valueOffset = -1;
        parseHeader(scope);
        return this;
    }

    /** {@code audit(<seconds>.<millis>:<serial>): }, numbers in decimal. */
    private void parseHeader(String scope) throws NetlinkFormatException {
        int end = textOffset + textLength;
        int p = textOffset;
        for (int i = 0; i < PREFIX.length(); i++, p++) {
            if (p >= end || buffer.get(p) != PREFIX.charAt(i)) {
                throw badHeader(scope);
            }
        }
        int secondsStart = p;
        seconds = 0;
        while (p < end && isDigit(buffer.get(p)) && p - secondsStart < 19) {
            seconds = seconds * 10 + (buffer.get(p++) - '0');
        }
        if (p == secondsStart || p >= end || buffer.get(p++) != '.') {
            throw badHeader(scope);
        }
        int millisStart = p;
        millis = 0;
        while (p < end && isDigit(buffer.get(p)) && p - millisStart < 3) {
            millis = millis * 10 + (buffer.get(p++) - '0');
        }
        if (p - millisStart != 3 || p >= end || buffer.get(p++) != ':') {
            throw badHeader(scope);
        }
        int serialStart = p;
        serial = 0;
        while (p < end && isDigit(buffer.get(p)) && p - serialStart < 19) {
            serial = serial * 10 + (buffer.get(p++) - '0');
        }
        if (p == serialStart || p + 2 > end || buffer.get(p) != ')' || buffer.get(p + 1) != ':') {
            throw badHeader(scope);
        }
        p += 2;
        bodyOffset = p < end && buffer.get(p) == ' ' ? p + 1 : p;
    }

    private NetlinkFormatException badHeader(String scope) {
        return new NetlinkFormatException(scope + ": record does not start with audit(<seconds>.<millis>:<serial>): ("
                + textLength + " bytes)");
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The record type: AUDIT_NETFILTER_CFG, AUDIT_SYSCALL... */
    public int messageType() {
        return messageType;
    }

    /** The record's time, in milliseconds since the epoch. */
    public long timestampMillis() {
        return seconds * 1000 + millis;
    }

    /** The event serial: the records of one event (SYSCALL, NETFILTER_CFG, PROCTITLE, EOE) share it. */
    public long serial() {
        return serial;
    }

    /** Length of the whole text, prefix included. */
    public int textLength() {
        return textLength;
    }

    /** The whole text (allocates). */
    public String text() {
        return Bytes.string(buffer, textOffset, textLength);
    }

    /**
     * Finds the field {@code key=} in the body (after the {@code audit(...): } prefix). Values end
     * at a space, or are quoted ({@code "..."} or {@code '...'}, as user messages' {@code msg='...'}).
     *
     * @return whether it is present; its value is then at {@link #fieldValueOffset()}
     */
    public boolean findField(String key) {
        int end = textOffset + textLength;
        int p = bodyOffset;
        int keyLength = key.length();
        while (p < end) {
            int tokenStart = p;
            boolean match = p + keyLength < end && buffer.get(p + keyLength) == '=';
            for (int i = 0; match && i < keyLength; i++) {
                match = buffer.get(p + i) == (byte) key.charAt(i);
            }
            // skip to the end of this token, honouring quotes
            int eq = -1;
            while (p < end && buffer.get(p) != ' ') {
                byte c = buffer.get(p);
                if (c == '=' && eq < 0) {
                    eq = p;
                    if (p + 1 < end && (buffer.get(p + 1) == '"' || buffer.get(p + 1) == '\'')) {
                        byte quote = buffer.get(p + 1);
                        int close = p + 2;
                        while (close < end && buffer.get(close) != quote) {
                            close++;
                        }
                        if (match) {
                            valueOffset = p + 2;
                            valueLength = close - p - 2;
                            return true;
                        }
                        p = Math.min(close + 1, end);
                        continue;
                    }
                }
                p++;
            }
            if (match) {
                valueOffset = tokenStart + keyLength + 1;
                valueLength = p - valueOffset;
                return true;
            }
            p++;
        }
        valueOffset = -1;
        valueLength = 0;
        return false;
    }

    /** Offset of the value found by {@link #findField}, quotes removed; -1 when not found. */
    public int fieldValueOffset() {
        return valueOffset;
    }

    public int fieldValueLength() {
        return valueLength;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** Whether field {@code key} is present with the value {@code value} (no allocation). */
    public boolean fieldEquals(String key, String value) {
        return findField(key) && Bytes.equalsString(buffer, valueOffset, valueLength, value);
    }

    /** The value of field {@code key} as a decimal number, or {@code absent} when missing or not a number. */
    public long fieldLong(String key, long absent) {
        if (!findField(key) || valueLength == 0 || valueLength > 18) {
            return absent;
        }
        long value = 0;
        int i = 0;
        boolean negative = buffer.get(valueOffset) == '-';
        if (negative) {
            i = 1;
            if (valueLength == 1) {
                return absent;
            }
        }
        for (; i < valueLength; i++) {
            byte c = buffer.get(valueOffset + i);
            if (!isDigit(c)) {
                return absent;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    /** The value of field {@code key}, or null (allocates). */
    public String field(String key) {
        return findField(key) ? Bytes.string(buffer, valueOffset, valueLength) : null;
    }
}
