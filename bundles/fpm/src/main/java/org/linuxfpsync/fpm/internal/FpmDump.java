package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.fpm.FpmInterface;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

/**
 * The FPM's tables as JSON (docs/fpm-dump.md): grouped per vrf, each link written with the
 * field names and value forms of {@code ip -j -d link} where iproute2 has the same thing,
 * followed by our own fields. 64-bit ifuids are "0x..." strings so that jq keeps every bit.
 */
final class FpmDump {
    static final int SCHEMA = 1;

    private static final JsonFactory JSON = new JsonFactory();

    private FpmDump() {
    }

    /** @param entries sorted by vrfid, then ifindex */
    static String toJson(long epoch, List<InterfaceTable.Entry> entries) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeNumberField("schema", SCHEMA);
            g.writeNumberField("epoch", epoch);
            g.writeArrayFieldStart("vrfs");
            int i = 0;
            while (i < entries.size()) {
                int vrfid = entries.get(i).iface().vrfid();
                int end = i;
                while (end < entries.size() && entries.get(end).iface().vrfid() == vrfid) {
                    end++;
                }
                writeVrf(g, vrfid, entries.subList(i, end));
                i = end;
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString() + System.lineSeparator();
    }

    private static void writeVrf(JsonGenerator g, int vrfid, List<InterfaceTable.Entry> links) throws IOException {
        Map<Long, String> names = new HashMap<>();
        for (InterfaceTable.Entry e : links) {
            names.put(e.iface().ifuid(), e.iface().ifname());
        }
        g.writeStartObject();
        g.writeNumberField("vrfid", Integer.toUnsignedLong(vrfid));
        g.writeArrayFieldStart("links");
        for (InterfaceTable.Entry e : links) {
            writeLink(g, e, names);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeLink(JsonGenerator g, InterfaceTable.Entry entry, Map<Long, String> namesInVrf)
            throws IOException {
        FpmInterface i = entry.iface();
        g.writeStartObject();
        // iproute2's fields, in the order ip writes them
        g.writeNumberField("ifindex", Integer.toUnsignedLong(i.ifindex()));
        g.writeStringField("ifname", i.ifname());
        g.writeArrayFieldStart("flags");
        for (String flag : LinkFormat.flags(i.flags())) {
            g.writeString(flag);
        }
        g.writeEndArray();
        g.writeNumberField("mtu", Integer.toUnsignedLong(i.mtu()));
        String master = i.masterIfuid() == 0 ? null : namesInVrf.get(i.masterIfuid());
        if (master != null) {
            g.writeStringField("master", master);
        }
        if (i.operstate() != FpmInterface.ABSENT) {
            String state = LinkFormat.operstate(i.operstate());
            if (state != null) {
                g.writeStringField("operstate", state);
            } else {
                g.writeNumberField("operstate_index", i.operstate());
            }
        }
        if (i.arphrd() != FpmInterface.ABSENT) {
            g.writeStringField("link_type", LinkFormat.linkType(i.arphrd()));
        }
        byte[] mac = i.mac();
        if (mac.length > 0) {
            g.writeStringField("address", LinkFormat.address(mac, i.arphrd()));
        }
        if (i.kind() != null || i.slaveKind() != null) {
            g.writeObjectFieldStart("linkinfo");
            if (i.kind() != null) {
                g.writeStringField("info_kind", i.kind());
            }
            if (i.slaveKind() != null) {
                g.writeStringField("info_slave_kind", i.slaveKind());
            }
            g.writeEndObject();
        }
        // ours
        g.writeStringField("ifuid", i.ifuidHex());
        g.writeNumberField("vrfid", Integer.toUnsignedLong(i.vrfid()));
        if (i.masterIfuid() != 0) {
            g.writeStringField("master_ifuid", "0x" + Long.toHexString(i.masterIfuid()));
        }
        g.writeNumberField("fp_type", i.type());
        g.writeNumberField("fp_subtype", i.subtype());
        if (entry.stale()) {
            g.writeBooleanField("fp_stale", true);
        }
        g.writeEndObject();
    }
}
