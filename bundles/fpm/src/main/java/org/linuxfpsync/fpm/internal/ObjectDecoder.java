package org.linuxfpsync.fpm.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.fpc.codec.FpcFormatException;
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

    /** What the decoder needs to know of a TLV list, by position in the list: worked out once. */
    private static final class Layout {
        final TlvList list;
        /** The previous frame's values of this list. */
        final LastValues memo;
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
