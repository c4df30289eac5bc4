package org.linuxfpsync.fpc.doc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.linuxfpsync.fpc.codec.FpcMessageType;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.ObjectFamily;
import org.linuxfpsync.fpc.codec.TlvList;
import org.linuxfpsync.fpc.codec.TlvSpec;

/**
 * The generated part of docs/fpc-protocol.md: one section per message set after IF_*, with its
 * TLV tables from {@link FpcSchema} and its example frames from {@link ProtocolExamples}.
 */
final class FamilySections {
    static final String BEGIN = "<!-- generated: families (FpcSchema, ProtocolExamples; -Dfpc.doc.update=true) -->\n";
    static final String END = "<!-- end of generated: families -->\n";
    /** The first generated subsection of section 5. */
    private static final int FIRST_SECTION = 6;

    private FamilySections() {
    }

    static String markdown(Map<String, byte[]> examples) throws Exception {
        StringBuilder sb = new StringBuilder(BEGIN);
        int section = FIRST_SECTION;
        sb.append("\n### 5.").append(section++).append(" FLUSH (0x0005), client to server\n\n")
                .append("Deletes every object of one family in one vrf at once (the kernel flushed a table, a vrf ")
                .append("went away). FAMILY 1 flushes the interfaces and, with them, everything that belongs to ")
                .append("them. A family the FPM does not keep: EOPNOTSUPP.\n\n");
        table(sb, FpcSchema.message(FpcMessageType.FLUSH).tlvs());
        frame(sb, examples, "flush");
        sb.append("\n### 5.").append(section++).append(" STATS_REQUEST (0x0006), client to server, and STATS_REPLY ")
                .append("(0x0007), server to client\n\n")
                .append("Asks for per-interface packet and byte counters. The server answers with one STATS_REPLY ")
                .append("per interface asked for (all of them, those of VRFID, or IFUID alone), the last one ")
                .append("with LAST = 1; when no interface matches, a single STATS_REPLY with REQUEST_SEQ and ")
                .append("LAST only. An IFUID it does not hold: ERROR ENOENT instead.\n\n");
        table(sb, FpcSchema.message(FpcMessageType.STATS_REQUEST).tlvs());
        frame(sb, examples, "stats-request");
        sb.append('\n');
        table(sb, FpcSchema.message(FpcMessageType.STATS_REPLY).tlvs());
        frame(sb, examples, "stats-reply");
        // a part of 5.7 rather than a section of its own: the family sections keep the numbers cited elsewhere
        sb.append("\n#### MROUTE_STATS_REQUEST (0x0008), client to server, and ")
                .append("MROUTE_STATS_REPLY (0x0009), server to client\n\n")
                .append("Asks what the fast path forwarded on each multicast route (the kernel's `rta_mfc_stats`: ")
                .append("a multicast daemon keeps an (S,G) alive only while its counters move, and Linux sees no ")
                .append("packet the fast path forwards). The server answers with one MROUTE_STATS_REPLY per ")
                .append("multicast route it holds (all of them, or those of VRFID), named by the key of its ")
                .append("MROUTE_ADD, the last one with LAST = 1; when none matches, a single MROUTE_STATS_REPLY ")
                .append("with REQUEST_SEQ and LAST only. The counters of a route start at 0 when the route is ")
                .append("created and are kept when an MROUTE_ADD replaces it.\n\n");
        table(sb, FpcSchema.message(FpcMessageType.MROUTE_STATS_REQUEST).tlvs());
        frame(sb, examples, "mroute-stats-request");
        sb.append('\n');
        table(sb, FpcSchema.message(FpcMessageType.MROUTE_STATS_REPLY).tlvs());
        frame(sb, examples, "mroute-stats-reply");
        for (ObjectFamily f : FpcSchema.families()) {
            if (f.code() == InterfaceAttr.FAMILY_INTERFACES) {
                continue;
            }
            sb.append("\n### 5.").append(section++).append(' ').append(f.title()).append(": ");
            StringJoiner names = new StringJoiner(", ");
            for (MessageSpec m : f.messages()) {
                names.add(String.format("%s (0x%04x)", m.name(), m.type()));
            }
            sb.append(names).append("\n\n");
            sb.append(heading(f)).append(String.format(", features: %s. ", f.features()));
            sb.append(f.tlvs().about()).append("\n\n");
            sb.append("Key: ").append(String.join(", ", keyNames(f.tlvs()))).append('.');
            if (f.perInterface()) {
                sb.append(" Belongs to the interface IFUID.");
            }
            for (MessageSpec m : f.messages()) {
                if (m.role() == MessageSpec.Role.AMEND) {
                    sb.append(' ').append(m.name()).append(": ").append(m.purpose()).append('.');
                }
            }
            sb.append("\n\n");
            List<TlvList> lists = new ArrayList<>();
            lists.add(f.tlvs());
            for (MessageSpec m : f.messages()) {
                if (m.tlvs() != f.tlvs() && !lists.contains(m.tlvs())) {
                    lists.add(m.tlvs());
                }
            }
            for (TlvList list : List.copyOf(lists)) {
                for (TlvSpec t : list.tlvs()) {
                    if (t.nested() != null && !lists.contains(t.nested())) {
                        lists.add(t.nested());
                    }
                }
            }
            for (int i = 0; i < lists.size(); i++) {
                if (i > 0) {
                    sb.append('\n').append(lists.get(i).about()).append("\n\n");
                }
                table(sb, lists.get(i));
            }
            for (MessageSpec m : f.messages()) {
                String name = m.name().toLowerCase().replace('_', '-');
                if (examples.containsKey(name)) {
                    frame(sb, examples, name);
                }
            }
        }
        return sb.append('\n').append(END).toString();
    }

    /** The words that open a family's section: its code and its table. */
    static String heading(ObjectFamily f) {
        return String.format("Family 0x%02x, table `%s`", f.code(), f.name());
    }

    static List<String> keyNames(TlvList list) {
        List<String> keys = new ArrayList<>();
        for (TlvSpec t : list.tlvs()) {
            if (t.use().isKey()) {
                keys.add(t.name());
            }
        }
        return keys;
    }

    private static void table(StringBuilder sb, TlvList list) {
        sb.append("| TLV | name | form | use | meaning |\n|---|---|---|---|---|\n");
        for (TlvSpec t : list.tlvs()) {
            String use = t.use().text() + (t.repeated() ? ", repeated" : "") + (t.secret() ? ", **secret**" : "");
            String form = t.form().wireName() + (t.nested() != null ? " (" + t.nested().cPrefix() + ")" : "");
            String meaning = t.meaning();
            if (t.maxLength() > 0 && !meaning.contains("at most")) {
                meaning += (meaning.isEmpty() ? "" : ", ") + "at most " + t.maxLength() + " bytes";
            }
            sb.append(String.format("| %d | %s | %s | %s | %s |\n", t.type(), t.name(), form, use, meaning));
        }
    }

    private static void frame(StringBuilder sb, Map<String, byte[]> examples, String name) throws Exception {
        sb.append("\n<!-- frame: ").append(name).append(" -->\n```text\n")
                .append(FrameAnnotator.annotate(examples.get(name))).append("```\n");
    }
}
