package org.linuxfpsync.fpc.doc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.ObjectFamily;
import org.linuxfpsync.fpc.codec.TlvList;
import org.linuxfpsync.fpc.codec.TlvSpec;

/**
 * The defines of docs/fpc.h as {@link FpcSchema} says they must be: FPC_MSG_*, FPC_FAMILY_* and
 * FPC_&lt;list&gt;_&lt;TLV&gt; for every TLV. The block after the interfaces is generated.
 */
final class CHeaderDefines {
    static final String BEGIN = "/* ---- generated from FpcSchema (CHeaderTest, -Dfpc.doc.update=true) ---- */\n";
    static final String END = "/* ---- end of generated ---- */\n";
    private static final Pattern DEFINE = Pattern.compile("^#define (FPC_\\w+)\\s+(0x[0-9a-fA-F]+|\\d+)\\b",
            Pattern.MULTILINE);

    private CHeaderDefines() {
    }

    /** Every define the schema requires, name to value. */
    static Map<String, Long> required() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (MessageSpec msg : FpcSchema.messages()) {
            m.put("FPC_MSG_" + msg.name(), (long) msg.type());
            for (TlvList list : lists(msg)) {
                for (TlvSpec t : list.tlvs()) {
                    m.put("FPC_" + list.cPrefix() + "_" + t.name(), (long) t.type());
                }
            }
        }
        for (ObjectFamily f : FpcSchema.families()) {
            m.put("FPC_FAMILY_" + familyConstant(f), (long) f.code());
        }
        return m;
    }

    /** The defines fpc.h has, name to value. */
    static Map<String, Long> present(String header) {
        Map<String, Long> m = new LinkedHashMap<>();
        Matcher d = DEFINE.matcher(header);
        while (d.find()) {
            String v = d.group(2);
            m.put(d.group(1), v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v));
        }
        return m;
    }

    /** The generated block: everything defined after the interfaces. */
    static String block() {
        StringBuilder sb = new StringBuilder(BEGIN);
        sb.append("\n/* session messages added to version 1 */\n");
        for (MessageSpec m : FpcSchema.messages()) {
            if (m.family() == 0 && m.type() > FpcMessageType.GR_END) {
                define(sb, "FPC_MSG_" + m.name(), String.format("0x%04x", m.type()), m.purpose());
            }
        }
        sb.append("\n/* object families (GR_BEGIN/GR_END/FLUSH FAMILY, the message types' high byte) */\n");
        for (ObjectFamily f : FpcSchema.families()) {
            if (f.code() > InterfaceAttr.FAMILY_INTERFACES) {
                define(sb, "FPC_FAMILY_" + familyConstant(f), String.format("0x%02x", f.code()), f.name());
            }
        }
        sb.append("\n/* object message types */\n");
        for (MessageSpec m : FpcSchema.messages()) {
            if (m.family() > InterfaceAttr.FAMILY_INTERFACES) {
                define(sb, "FPC_MSG_" + m.name(), String.format("0x%04x", m.type()), m.purpose());
            }
        }
        Map<String, TlvList> done = new LinkedHashMap<>();
        for (MessageSpec m : FpcSchema.messages()) {
            if (m.type() <= FpcMessageType.GR_END || m.family() == InterfaceAttr.FAMILY_INTERFACES) {
                continue;
            }
            for (TlvList list : lists(m)) {
                if (done.putIfAbsent(list.cPrefix(), list) != null) {
                    continue;
                }
                sb.append("\n/* ").append(list.javaName()).append(": ").append(owner(list)).append(" */\n");
                for (TlvSpec t : list.tlvs()) {
                    String what = t.form().wireName() + (t.nested() != null ? " of FPC_" + t.nested().cPrefix() + "_*" : "")
                            + ", " + t.use().text() + (t.repeated() ? ", repeated" : "") + (t.secret() ? ", SECRET" : "")
                            + (t.maxLength() > 0 ? ", at most " + t.maxLength() + " bytes" : "");
                    define(sb, "FPC_" + list.cPrefix() + "_" + t.name(), Integer.toString(t.type()), what);
                }
            }
        }
        return sb.append('\n').append(END).toString();
    }

    private static String owner(TlvList list) {
        for (MessageSpec m : FpcSchema.messages()) {
            if (m.tlvs() == list) {
                return "TLVs of " + m.name() + (m.role() == MessageSpec.Role.ADD ? " (the _DEL sends the key ones)" : "");
            }
        }
        return "TLVs inside a nested TLV";
    }

    private static java.util.List<TlvList> lists(MessageSpec m) {
        java.util.List<TlvList> lists = new java.util.ArrayList<>();
        lists.add(m.tlvs());
        for (TlvSpec t : m.tlvs().tlvs()) {
            if (t.nested() != null && !lists.contains(t.nested())) {
                lists.add(t.nested());
            }
        }
        return lists;
    }

    private static String familyConstant(ObjectFamily f) {
        return f.name().toUpperCase().replace('-', '_');
    }

    private static void define(StringBuilder sb, String name, String value, String comment) {
        sb.append(String.format("#define %-30s %-6s /* %s */\n", name, value, comment.replace("*/", "* /")));
    }
}
