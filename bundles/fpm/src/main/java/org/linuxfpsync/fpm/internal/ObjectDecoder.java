package org.linuxfpsync.fpm.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcFrame;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.TlvForm;
import org.linuxfpsync.fpc.codec.TlvList;
import org.linuxfpsync.fpc.codec.TlvSpec;
import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmFields;
import org.linuxfpsync.fpm.FpmKey;
import org.linuxfpsync.fpm.FpmObject;

/**
 * Reads any object message by its {@link MessageSpec}, checking what docs/fpc-protocol.md requires
 * of it: the form and size of every TLV it knows, the required TLVs, addresses of the length their
 * FAMILY says, prefix lengths within the address, and the few value ranges a C fast path would
 * overflow on. The whole frame is decoded before anything is applied, so a bad frame changes
 * nothing.
 *
 * <p>What to check of each TLV list is worked out once ({@link Layout}); a frame then costs its
 * values and one array ({@link FpmFields}). A value equal to the one the previous frame had at the
 * same place (a table, an interface, a gateway, a whole next hop, the list of next hops) is that
 * same immutable object again, not a new one: a million routes through one next hop keep one next
 * hop, and the decoder allocates what differs (issue #23). One decoder per session: not
 * thread-safe.
 */
final class ObjectDecoder {
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int BPF_INSTRUCTION = 8;
    private static final int BPF_MAX_INSTRUCTIONS = 4096;

    private final Map<TlvList, Layout> layouts = new IdentityHashMap<>();

    /**
     * The object a frame describes. For a {@code _DEL} only the key TLVs are kept.
     *
     * @throws FpcFormatException with the one-line reason of an EINVAL
     */
    FpmObject decode(FrameReader r, MessageSpec spec, String table) throws FpcFormatException {
        boolean keyOnly = spec.role() == MessageSpec.Role.DEL;
        Layout layout = layoutOf(spec.tlvs());
        Object[] values = decodeList(r, layout, spec.name(), keyOnly);
        Object vrfid = layout.vrfid < 0 ? null : values[layout.vrfid];
        if (!(vrfid instanceof Long)) {
            throw FpcFormatException.badFrame(spec.name() + " without VRFID");
        }
        return new FpmObject(table, (int) (long) (Long) vrfid, new FpmFields(layout.names, values), key(layout, values));
    }

    /**
     * Checks a frame exactly as {@link #decode} does (the same refusals, the same messages, in the
     * same order) without building its values, and writes its key into {@code key} straight from
     * the frame's bytes: a route is applied as its frame, with no object (issue #23). Allocates
     * nothing for a frame without STRING TLVs (their UTF-8 is checked by decoding them) and
     * nothing but the message of a refusal.
     *
     * @return the vrfid
     * @throws FpcFormatException with the one-line reason of an EINVAL, as {@link #decode}'s
     */
    int check(FrameReader r, MessageSpec spec, PackedKey key) throws FpcFormatException {
        boolean keyOnly = spec.role() == MessageSpec.Role.DEL;
        Layout layout = layoutOf(spec.tlvs());
        checkList(r, layout, spec.name(), keyOnly);
        Scan s = layout.scan;
        if (layout.vrfid < 0 || s.at[layout.vrfid] < 0 || !isNumber(layout.tlvs[layout.vrfid])) {
            throw FpcFormatException.badFrame(spec.name() + " without VRFID");
        }
        key.clear();
        ByteBuffer buf = r.buffer();
        for (int p : layout.keys) {
            TlvSpec t = layout.tlvs[p];
            if (s.at[p] < 0) {
                if (isNumber(t)) {
                    key.number(0); // absentKey's 0L
                } else {
                    key.string(buf, 0, 0); // absentKey's ""
                }
            } else if (isNumber(t)) {
                key.number(s.number[p]);
            } else if (t.form() == TlvForm.ADDRESS) {
                key.address(buf, s.at[p], s.length[p]);
            } else if (t.form() == TlvForm.STRING) {
                key.string(buf, s.at[p], s.length[p]);
            } else {
                throw new IllegalArgumentException(spec.name() + " key " + t.name() + " of form " + t.form()
                        + " cannot be packed");
            }
        }
        return (int) s.number[layout.vrfid];
    }

    /** True when every key TLV of the messages' list is a number, an address or a string: {@link #check} can write its key. */
    static boolean packable(TlvList list) {
        for (TlvSpec t : list.tlvs()) {
            if (t.use().isKey() && !isNumber(t) && t.form() != TlvForm.ADDRESS && t.form() != TlvForm.STRING) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(TlvSpec t) {
        switch (t.form()) {
            case U8: case U16: case U32: case U64: return true;
            default: return false;
        }
    }

    /** An IPv6 address of the form ::ffff:a.b.c.d, which {@link InetAddress#getByAddress} reads as an IPv4 one. */
    static boolean isIpv4Mapped(ByteBuffer b, int at) {
        for (int i = 0; i < 10; i++) {
            if (b.get(at + i) != 0) {
                return false;
            }
        }
        return b.get(at + 10) == (byte) 0xff && b.get(at + 11) == (byte) 0xff;
    }

    /** {@link #decodeList} without the values: where each TLV's last occurrence is, and its number. */
    private void checkList(FrameReader r, Layout layout, String what, boolean keyOnly) throws FpcFormatException {
        Scan s = layout.scan;
        Arrays.fill(s.at, -1);
        ByteBuffer buf = r.buffer();
        while (r.nextTlv()) {
            TlvSpec t = layout.list.tlv(r.tlvType());
            if (t == null || (keyOnly && !t.use().isKey())) {
                continue;
            }
            int p = layout.positionOfType[t.type()];
            int at = r.offset() + r.tlvOffset() + FpcFrame.TLV_HEADER_SIZE;
            int length = r.tlvLength(); // read before a nested walk, which leaves no current TLV
            switch (t.form()) {
                case U8: s.number[p] = r.u8(); break;
                case U16: s.number[p] = r.u16(); break;
                case U32: s.number[p] = Integer.toUnsignedLong(r.u32()); break;
                case U64: s.number[p] = r.u64(); break;
                case STRING:
                    checkLength(r, t, what);
                    r.string(); // its NULs and UTF-8, as decode checks them
                    break;
                case BYTES:
                    checkLength(r, t, what);
                    break;
                case ADDRESS:
                    if (length != 4 && length != 16) {
                        r.address(); // its refusal, word for word
                    }
                    s.ipv4[p] = length == 4 || isIpv4Mapped(buf, at);
                    break;
                case NESTED:
                    r.enterNested();
                    try {
                        checkList(r, layoutOf(t.nested()), s.nestedWhat(p, what, t), false);
                    } finally {
                        r.exitNested();
                    }
                    break;
                default:
                    throw new IllegalStateException("form " + t.form());
            }
            s.at[p] = at;
            s.length[p] = length;
        }
        for (int p = 0; p < s.at.length; p++) {
            TlvSpec t = layout.tlvs[p];
            if (s.at[p] < 0 && (keyOnly ? t.use() == TlvSpec.Use.KEY : t.use().isRequired())) {
                throw FpcFormatException.badFrame(what + " without " + t.name());
            }
        }
        checkScan(layout, what);
    }

    /** {@link #check(Layout, Object[], String)} of a {@link Scan}. */
    private static void checkScan(Layout layout, String what) throws FpcFormatException {
        Scan s = layout.scan;
        if (layout.family >= 0 && s.at[layout.family] >= 0 && layout.list.hasAddresses()) {
            long f = s.number[layout.family];
            if (f != AF_INET && f != AF_INET6) {
                throw FpcFormatException.badFrame(what + " FAMILY " + f + " is neither AF_INET (2) nor AF_INET6 (10)");
            }
            boolean v4 = f == AF_INET;
            for (int p : layout.addresses) {
                if (s.at[p] >= 0 && s.ipv4[p] != v4) {
                    throw FpcFormatException.badFrame(what + " " + layout.tlvs[p].name()
                            + " is not an address of family " + f);
                }
            }
            long bits = v4 ? 32 : 128;
            for (int p : layout.prefixLengths) {
                if (s.at[p] >= 0 && s.number[p] > bits) {
                    throw FpcFormatException.badFrame(what + " " + layout.tlvs[p].name() + " " + s.number[p]
                            + " exceeds " + bits);
                }
            }
        }
        for (int p : layout.keyIfuids) {
            if (s.at[p] >= 0 && s.number[p] == 0) {
                throw FpcFormatException.badFrame(what + " " + layout.tlvs[p].name() + " 0 is reserved for 'none'");
            }
        }
        outOfRange(layout, layout.vid, 1, 4094, what);
        outOfRange(layout, layout.vlanId, 0, 4094, what);
        outOfRange(layout, layout.weight, 1, 256, what);
        if (layout.program >= 0 && s.at[layout.program] >= 0) {
            int n = s.length[layout.program];
            if (n == 0 || n % BPF_INSTRUCTION != 0 || n / BPF_INSTRUCTION > BPF_MAX_INSTRUCTIONS) {
                throw FpcFormatException.badFrame(what + " PROGRAM of " + n + " bytes is not 1 to "
                        + BPF_MAX_INSTRUCTIONS + " instructions of " + BPF_INSTRUCTION + " bytes");
            }
        }
    }

    private static void outOfRange(Layout layout, int p, long min, long max, String what) throws FpcFormatException {
        Scan s = layout.scan;
        if (p >= 0 && s.at[p] >= 0 && (s.number[p] < min || s.number[p] > max)) {
            throw FpcFormatException.badFrame(what + " " + layout.tlvs[p].name() + " " + s.number[p] + " out of range");
        }
    }

    /** The key: a view of the values when every key TLV was sent, else its own array with the absent ones' defaults. */
    private static FpmKey key(Layout layout, Object[] values) {
        for (int p : layout.keys) {
            if (values[p] == null) {
                Object[] key = new Object[layout.keys.length];
                for (int i = 0; i < key.length; i++) {
                    Object v = values[layout.keys[i]];
                    key[i] = v != null ? v : absentKey(layout.tlvs[layout.keys[i]]);
                }
                return new FpmKey(key);
            }
        }
        return new FpmKey(values, layout.keys);
    }

    private Layout layoutOf(TlvList list) {
        Layout layout = layouts.get(list);
        if (layout == null) {
            layout = new Layout(list);
            layouts.put(list, layout);
        }
        return layout;
    }

    /** The values of a TLV list by position in the list (null: absent), checked. */
    private Object[] decodeList(FrameReader r, Layout layout, String what, boolean keyOnly) throws FpcFormatException {
        Object[] values = new Object[layout.tlvs.length];
        while (r.nextTlv()) {
            TlvSpec t = layout.list.tlv(r.tlvType());
            if (t == null || (keyOnly && !t.use().isKey())) {
                continue; // a newer sender's TLV, or one a _DEL does not need: skipped
            }
            int p = layout.positionOfType[t.type()];
            Object value = value(r, t, layout, p, what);
            if (t.repeated()) {
                @SuppressWarnings("unchecked")
                List<Object> repeated = (List<Object>) values[p];
                if (repeated == null) {
                    repeated = new ArrayList<>(2);
                    values[p] = repeated;
                }
                repeated.add(value);
            } else {
                values[p] = value;
            }
        }
        for (int p = 0; p < values.length; p++) {
            TlvSpec t = layout.tlvs[p];
            if (values[p] == null) {
                boolean required = keyOnly ? t.use() == TlvSpec.Use.KEY : t.use().isRequired();
                if (required) {
                    throw FpcFormatException.badFrame(what + " without " + t.name());
                }
            } else if (t.repeated()) {
                LastValues memo = layout.memo;
                values[p] = memo.same(p, values[p]) ? memo.last[p] : memo.remember(p, List.copyOf((List<?>) values[p]));
            }
        }
        check(layout, values, what);
        return values;
    }

    private Object value(FrameReader r, TlvSpec t, Layout layout, int p, String what) throws FpcFormatException {
        switch (t.form()) {
            case U8: return layout.memo.number(p, r.u8());
            case U16: return layout.memo.number(p, r.u16());
            case U32: return layout.memo.number(p, Integer.toUnsignedLong(r.u32()));
            case U64: return layout.memo.number(p, r.u64());
            case STRING:
                checkLength(r, t, what);
                return r.string();
            case BYTES:
                checkLength(r, t, what);
                return new FpmBytes(r.bytes(), t.secret());
            case ADDRESS:
                return layout.memo.address(p, r.address());
            case NESTED:
                r.enterNested();
                try {
                    Layout nested = layoutOf(t.nested());
                    Object[] values = decodeList(r, nested, what + " " + t.name(), false);
                    if (t.repeated()) {
                        return new FpmFields(nested.names, values); // the whole list is compared instead
                    }
                    LastValues memo = layout.memo;
                    return memo.same(p, values) ? memo.last[p] : memo.remember(p, new FpmFields(nested.names, values));
                } finally {
                    r.exitNested();
                }
            default:
                throw new IllegalStateException("form " + t.form());
        }
    }

    private static void checkLength(FrameReader r, TlvSpec t, String what) throws FpcFormatException {
        if (r.tlvLength() > t.valueLimit()) {
            throw FpcFormatException.badFrame(what + " " + t.name() + " of " + r.tlvLength() + " bytes exceeds "
                    + t.valueLimit());
        }
    }

    /**
     * In a list with a FAMILY and addresses: the family is IPv4 or IPv6, every address has its
     * length, every prefix length fits it. Then the value ranges of docs/fpc-protocol.md.
     */
    private static void check(Layout layout, Object[] values, String what) throws FpcFormatException {
        Object family = layout.family < 0 ? null : values[layout.family];
        if (family != null && layout.list.hasAddresses()) {
            long f = (Long) family;
            if (f != AF_INET && f != AF_INET6) {
                throw FpcFormatException.badFrame(what + " FAMILY " + f + " is neither AF_INET (2) nor AF_INET6 (10)");
            }
            boolean v4 = f == AF_INET;
            for (int p : layout.addresses) {
                if (values[p] != null && (values[p] instanceof Inet4Address) != v4) {
                    throw FpcFormatException.badFrame(what + " " + layout.tlvs[p].name()
                            + " is not an address of family " + f);
                }
            }
            long bits = v4 ? 32 : 128;
            for (int p : layout.prefixLengths) {
                if (values[p] != null && (Long) values[p] > bits) {
                    throw FpcFormatException.badFrame(what + " " + layout.tlvs[p].name() + " " + values[p]
                            + " exceeds " + bits);
                }
            }
        }
        for (int p : layout.keyIfuids) {
            if (values[p] != null && (Long) values[p] == 0) {
                throw FpcFormatException.badFrame(what + " " + layout.tlvs[p].name() + " 0 is reserved for 'none'");
            }
        }
        outOfRange(layout, values, layout.vid, 1, 4094, what);
        outOfRange(layout, values, layout.vlanId, 0, 4094, what);
        outOfRange(layout, values, layout.weight, 1, 256, what);
        if (layout.program >= 0 && values[layout.program] != null) {
            int n = ((FpmBytes) values[layout.program]).length();
            if (n == 0 || n % BPF_INSTRUCTION != 0 || n / BPF_INSTRUCTION > BPF_MAX_INSTRUCTIONS) {
                throw FpcFormatException.badFrame(what + " PROGRAM of " + n + " bytes is not 1 to "
                        + BPF_MAX_INSTRUCTIONS + " instructions of " + BPF_INSTRUCTION + " bytes");
            }
        }
    }

    private static void outOfRange(Layout layout, Object[] values, int p, long min, long max, String what)
            throws FpcFormatException {
        if (p >= 0 && values[p] != null && ((Long) values[p] < min || (Long) values[p] > max)) {
            throw FpcFormatException.badFrame(what + " " + layout.tlvs[p].name() + " " + values[p] + " out of range");
        }
    }

    /** The value a key TLV marked "0 when absent" takes when it is not sent. */
    private static Object absentKey(TlvSpec t) {
        switch (t.form()) {
            case STRING: return "";
            case ADDRESS: case BYTES: case NESTED: return "";
            default: return 0L;
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e); // 4 or 16: checked
        }
    }

    /**
     * Per position of a list, the value of the previous frame: immutable (Long, InetAddress, the
     * FpmFields of a nested TLV, a list of them), handed out again when the next value is equal.
     */
    private static final class LastValues {
        final Object[] last;
        /** The bytes of the address in {@link #last}, to compare without copying the address out. */
        final byte[][] lastAddress;

        LastValues(int size) {
            this.last = new Object[size];
            this.lastAddress = new byte[size][];
        }

        Long number(int p, long v) {
            if (last[p] instanceof Long l && l == v) {
                return l;
            }
            Long boxed = v;
            last[p] = boxed;
            return boxed;
        }

        InetAddress address(int p, byte[] bytes) {
            if (last[p] instanceof InetAddress a && Arrays.equals(bytes, lastAddress[p])) {
                return a;
            }
            InetAddress a = ObjectDecoder.address(bytes);
            last[p] = a;
            lastAddress[p] = bytes;
            return a;
        }

        /** Whether {@code value} (the values of a nested TLV, or a list) equals what {@link #last} holds there. */
        boolean same(int p, Object value) {
            Object known = last[p];
            if (known == null) {
                return false;
            }
            if (value instanceof Object[] values) {
                return known instanceof FpmFields f && f.sameValues(values);
            }
            return known.equals(value);
        }

        Object remember(int p, Object value) {
            last[p] = value;
            return value;
        }
    }

    /**
     * What {@link #check} found of a TLV list in the frame at hand, by position in the list: where
     * the last occurrence's value is (-1: absent), its length, its number, whether an address is
     * IPv4. Reused frame after frame.
     */
    private static final class Scan {
        final int[] at;
        final int[] length;
        final long[] number;
        final boolean[] ipv4;
        /** Per nested TLV, "ROUTE_ADD NEXTHOP" for the message name in {@link #nestedOf}: made once per name. */
        private final String[] nestedWhat;
        private final String[] nestedOf;

        Scan(int size) {
            at = new int[size];
            length = new int[size];
            number = new long[size];
            ipv4 = new boolean[size];
            nestedWhat = new String[size];
            nestedOf = new String[size];
        }

        String nestedWhat(int p, String what, TlvSpec t) {
            if (!what.equals(nestedOf[p])) {
                nestedOf[p] = what;
                nestedWhat[p] = what + " " + t.name();
            }
            return nestedWhat[p];
        }
    }

    /** What the decoder needs to know of a TLV list, by position in the list: worked out once. */
    private static final class Layout {
        final TlvList list;
        /** The previous frame's values of this list. */
        final LastValues memo;
        /** Where {@link #check} keeps what it found of this list. */
        final Scan scan;
        final TlvSpec[] tlvs;
        final FpmFields.Names names;
        final int[] positionOfType;
        final int[] keys;
        final int[] addresses;
        final int[] prefixLengths;
        final int[] keyIfuids;
        final int vrfid;
        final int family;
        final int vid;
        final int vlanId;
        final int weight;
        final int program;

        Layout(TlvList list) {
            this.list = list;
            this.memo = new LastValues(list.tlvs().size());
            this.scan = new Scan(list.tlvs().size());
            this.tlvs = list.tlvs().toArray(new TlvSpec[0]);
            List<String> names = new ArrayList<>();
            this.positionOfType = new int[list.maxType() + 1];
            for (int p = 0; p < tlvs.length; p++) {
                names.add(tlvs[p].name());
                positionOfType[tlvs[p].type()] = p;
            }
            this.names = new FpmFields.Names(names);
            this.keys = positions(t -> t.use().isKey());
            this.addresses = positions(t -> t.form() == TlvForm.ADDRESS);
            this.prefixLengths = positions(t -> t.name().endsWith("PREFIXLEN") || t.name().endsWith("_LEN"));
            this.keyIfuids = positions(t -> t.name().endsWith("IFUID") && t.use().isKey());
            this.vrfid = this.names.position("VRFID");
            this.family = this.names.position("FAMILY");
            this.vid = this.names.position("VID");
            this.vlanId = this.names.position("VLAN_ID");
            this.weight = this.names.position("WEIGHT");
            this.program = this.names.position("PROGRAM");
        }

        private int[] positions(java.util.function.Predicate<TlvSpec> which) {
            List<Integer> found = new ArrayList<>();
            for (int p = 0; p < tlvs.length; p++) {
                if (which.test(tlvs[p])) {
                    found.add(p);
                }
            }
            return found.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
