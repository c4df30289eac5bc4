package org.linuxfpsync.fpm.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.TlvForm;
import org.linuxfpsync.fpc.codec.TlvList;
import org.linuxfpsync.fpc.codec.TlvSpec;
import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmObject;

/**
 * Reads any object message by its {@link MessageSpec}, checking what docs/fpc-protocol.md requires
 * of it: the form and size of every TLV it knows, the required TLVs, addresses of the length their
 * FAMILY says, prefix lengths within the address, and the few value ranges a C fast path would
 * overflow on. The whole frame is decoded before anything is applied, so a bad frame changes
 * nothing.
 */
final class ObjectDecoder {
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int BPF_INSTRUCTION = 8;
    private static final int BPF_MAX_INSTRUCTIONS = 4096;

    /**
     * The object a frame describes. For a {@code _DEL} only the key TLVs are kept.
     *
     * @throws FpcFormatException with the one-line reason of an EINVAL
     */
    FpmObject decode(FrameReader r, MessageSpec spec, String table) throws FpcFormatException {
        boolean keyOnly = spec.role() == MessageSpec.Role.DEL;
        Map<String, Object> fields = decodeList(r, spec.tlvs(), spec.name(), keyOnly);
        List<Object> key = new ArrayList<>();
        for (TlvSpec t : spec.tlvs().tlvs()) {
            if (t.use().isKey()) {
                Object v = fields.get(t.name());
                key.add(v != null ? v : absentKey(t));
            }
        }
        Object vrfid = fields.get("VRFID");
        if (!(vrfid instanceof Long)) {
            throw FpcFormatException.badFrame(spec.name() + " without VRFID");
        }
        return new FpmObject(table, (int) (long) (Long) vrfid, fields, key);
    }

    private Map<String, Object> decodeList(FrameReader r, TlvList list, String what, boolean keyOnly)
            throws FpcFormatException {
        // by TLV type, so that the map is built once, in the table's order whatever the sender's order
        Object[] values = new Object[list.maxType() + 1];
        while (r.nextTlv()) {
            TlvSpec t = list.tlv(r.tlvType());
            if (t == null || (keyOnly && !t.use().isKey())) {
                continue; // a newer sender's TLV, or one a _DEL does not need: skipped
            }
            Object value = value(r, t, what);
            if (t.repeated()) {
                @SuppressWarnings("unchecked")
                List<Object> repeated = (List<Object>) values[t.type()];
                if (repeated == null) {
                    repeated = new ArrayList<>(2);
                    values[t.type()] = repeated;
                }
                repeated.add(value);
            } else {
                values[t.type()] = value;
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (TlvSpec t : list.tlvs()) {
            Object v = values[t.type()];
            boolean required = keyOnly ? t.use() == TlvSpec.Use.KEY : t.use().isRequired();
            if (v == null) {
                if (required) {
                    throw FpcFormatException.badFrame(what + " without " + t.name());
                }
                continue;
            }
            fields.put(t.name(), v instanceof List ? Collections.unmodifiableList((List<?>) v) : v);
        }
        checkFamily(list, fields, what);
        return Collections.unmodifiableMap(fields); // nested values reach FpmObject users as they are
    }

    private Object value(FrameReader r, TlvSpec t, String what) throws FpcFormatException {
        switch (t.form()) {
            case U8: return (long) r.u8();
            case U16: return (long) r.u16();
            case U32: return Integer.toUnsignedLong(r.u32());
            case U64: return r.u64();
            case STRING:
                checkLength(r, t, what);
                return r.string();
            case BYTES:
                checkLength(r, t, what);
                return new FpmBytes(r.bytes(), t.secret());
            case ADDRESS:
                return address(r.address());
            case NESTED:
                r.enterNested();
                try {
                    return decodeList(r, t.nested(), what + " " + t.name(), false);
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
    private static void checkFamily(TlvList list, Map<String, Object> fields, String what) throws FpcFormatException {
        Object family = fields.get("FAMILY");
        if (family != null && list.hasAddresses()) {
            long f = (Long) family;
            if (f != AF_INET && f != AF_INET6) {
                throw FpcFormatException.badFrame(what + " FAMILY " + f + " is neither AF_INET (2) nor AF_INET6 (10)");
            }
            int bytes = f == AF_INET ? 4 : 16;
            for (TlvSpec t : list.tlvs()) {
                Object v = fields.get(t.name());
                if (t.form() == TlvForm.ADDRESS && v != null && ((InetAddress) v).getAddress().length != bytes) {
                    throw FpcFormatException.badFrame(what + " " + t.name() + " is not an address of family " + f);
                }
                if (isPrefixLength(t) && v != null && (Long) v > bytes * 8L) {
                    throw FpcFormatException.badFrame(what + " " + t.name() + " " + v + " exceeds " + bytes * 8);
                }
            }
        }
        for (TlvSpec t : list.tlvs()) {
            Object v = fields.get(t.name());
            if (v == null) {
                continue;
            }
            if (t.name().endsWith("IFUID") && t.use().isKey() && (Long) v == 0) {
                throw FpcFormatException.badFrame(what + " " + t.name() + " 0 is reserved for 'none'");
            }
            if ((t.name().equals("VID") && ((Long) v < 1 || (Long) v > 4094))
                    || (t.name().equals("VLAN_ID") && (Long) v > 4094)
                    || (t.name().equals("WEIGHT") && ((Long) v < 1 || (Long) v > 256))) {
                throw FpcFormatException.badFrame(what + " " + t.name() + " " + v + " out of range");
            }
            if (t.name().equals("PROGRAM")) {
                int n = ((FpmBytes) v).length();
                if (n == 0 || n % BPF_INSTRUCTION != 0 || n / BPF_INSTRUCTION > BPF_MAX_INSTRUCTIONS) {
                    throw FpcFormatException.badFrame(what + " PROGRAM of " + n + " bytes is not 1 to "
                            + BPF_MAX_INSTRUCTIONS + " instructions of " + BPF_INSTRUCTION + " bytes");
                }
            }
        }
    }

    private static boolean isPrefixLength(TlvSpec t) {
        return t.name().endsWith("PREFIXLEN") || t.name().endsWith("_LEN");
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
}
