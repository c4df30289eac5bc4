package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.linuxfpsync.fpc.codec.AddressAttr;
import org.linuxfpsync.fpc.codec.BpfAttr;
import org.linuxfpsync.fpc.codec.BridgeVlanAttr;
import org.linuxfpsync.fpc.codec.FdbAttr;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.InterfaceAttr;
import org.linuxfpsync.fpc.codec.MrouteAttr;
import org.linuxfpsync.fpc.codec.NeighbourAttr;
import org.linuxfpsync.fpc.codec.NetfilterAttr;
import org.linuxfpsync.fpc.codec.NexthopObjectAttr;
import org.linuxfpsync.fpc.codec.ObjectFamily;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpc.codec.RuleAttr;
import org.linuxfpsync.fpc.codec.SaReplayAttr;
import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

/**
 * The FPM's tables as JSON (docs/fpm-dump.md): grouped per vrf, each link written with the
 * field names and value forms of {@code ip -j -d link} and {@code ip -j addr} where iproute2 has
 * the same thing, routes, neighbours and rules as {@code ip -j route/neigh/rule} write them
 * ({@link Iproute2Objects}), nexthop objects as {@code ip -j nexthop} ({@link Iproute2Nexthops}), followed by our own fields; the other tables in our own snake_case
 * form ({@link ObjectJson}). 64-bit ifuids are "0x..." strings so that jq keeps every bit.
 */
final class FpmDump {
    static final int SCHEMA = 1;
    private static final String ROUTES = FpmTables.tableName(RouteAttr.FAMILY_ROUTES);
    private static final String NEIGHBOURS = FpmTables.tableName(NeighbourAttr.FAMILY_NEIGHBOURS);
    private static final String RULES = FpmTables.tableName(RuleAttr.FAMILY_RULES);
    private static final String FDB = FpmTables.tableName(FdbAttr.FAMILY_FDB);
    private static final String BRIDGE_VLANS = FpmTables.tableName(BridgeVlanAttr.FAMILY_BRIDGE_VLANS);
    private static final String MROUTES = FpmTables.tableName(MrouteAttr.FAMILY_MROUTES);
    private static final String NEXTHOPS = FpmTables.tableName(NexthopObjectAttr.FAMILY_NEXTHOPS);
    private static final String NETFILTER = FpmTables.tableName(NetfilterAttr.FAMILY_NETFILTER);
    private static final String SA_REPLAY = FpmTables.tableName(SaReplayAttr.FAMILY_IPSEC_SA_REPLAY);
    /**
     * The tables written in iproute2's vocabulary by {@link #writeVrf} and {@link Iproute2LinkInfo}
     * (the addresses and the L2 parameters of a link inside the link, as {@code ip -j -d link}
     * writes them); the others, whatever the schema adds, in ours.
     */
    static final Set<String> IPROUTE2_TABLES = iproute2Tables();

    private static final JsonFactory JSON = new JsonFactory();

    private FpmDump() {
    }

    private static Set<String> iproute2Tables() {
        Set<String> tables = new LinkedHashSet<>(List.of(FpmTables.tableName(AddressAttr.FAMILY_ADDRESSES), ROUTES,
                NEIGHBOURS, RULES, FDB, BRIDGE_VLANS, MROUTES, NEXTHOPS, NETFILTER, SA_REPLAY));
        tables.addAll(Iproute2LinkInfo.TABLES);
        return Set.copyOf(tables);
    }

    /** The tables in the layout of docs/fpm-dump.md, pretty-printed. */
    static String toJson(long epoch, FpmTables tables) {
        return toJson(epoch, tables, true);
    }

    /** The tables in the layout of docs/fpm-dump.md, pretty-printed or on one line. */
    static String toJson(long epoch, FpmTables tables, boolean pretty) {
        // One snapshot per table, grouped by vrf; the ORDER of each table sorts by vrf first.
        Map<Long, VrfContent> vrfs = new TreeMap<>();
        for (InterfaceTable.Entry e : tables.interfaces().entries()) {
            vrf(vrfs, e.iface().vrfid()).links.add(e);
        }
        for (ObjectFamily f : FpcSchema.families()) {
            if (f.code() == InterfaceAttr.FAMILY_INTERFACES) {
                continue;
            }
            for (ReplayTable.Row<FpmObject> row : tables.rows(f.code())) {
                VrfContent v = vrf(vrfs, row.value().vrfid());
                if (f.code() == AddressAttr.FAMILY_ADDRESSES) {
                    v.addresses.computeIfAbsent(row.value().ifuid(), k -> new ArrayList<>()).add(row);
                } else {
                    v.tables.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(row);
                }
            }
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            g.writeStartObject();
            g.writeNumberField("schema", SCHEMA);
            g.writeNumberField("epoch", epoch);
            g.writeArrayFieldStart("vrfs");
            for (Map.Entry<Long, VrfContent> v : vrfs.entrySet()) {
                writeVrf(g, v.getKey(), v.getValue(), tables.mrouteCounters());
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString() + System.lineSeparator();
    }

    /** What one vrf holds: links, their addresses by ifuid, and the rows of every other table by name. */
    private static final class VrfContent {
        final List<InterfaceTable.Entry> links = new ArrayList<>();
        final Map<Long, List<ReplayTable.Row<FpmObject>>> addresses = new HashMap<>();
        final Map<String, List<ReplayTable.Row<FpmObject>>> tables = new HashMap<>();
    }

    private static VrfContent vrf(Map<Long, VrfContent> vrfs, int vrfid) {
        return vrfs.computeIfAbsent(Integer.toUnsignedLong(vrfid), k -> new VrfContent());
    }

    private static void writeVrf(JsonGenerator g, long vrfid, VrfContent v, MrouteCounters counters)
            throws IOException {
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> ifindexes = new HashMap<>();
        for (InterfaceTable.Entry e : v.links) {
            names.put(e.iface().ifuid(), e.iface().ifname());
            ifindexes.put(e.iface().ifuid(), Integer.toUnsignedLong(e.iface().ifindex()));
        }
        Iproute2LinkInfo.LinkObjects l2 = new Iproute2LinkInfo.LinkObjects();
        for (String table : Iproute2LinkInfo.TABLES) {
            for (ReplayTable.Row<FpmObject> row : v.tables.getOrDefault(table, List.of())) {
                l2.add(table, row);
            }
        }
        g.writeStartObject();
        g.writeNumberField("vrfid", vrfid);
        g.writeArrayFieldStart("links");
        for (InterfaceTable.Entry e : v.links) {
            writeLink(g, e, names, v.addresses.getOrDefault(e.iface().ifuid(), List.of()), l2);
        }
        g.writeEndArray();
        Map<Long, FpmObject> nexthops = new HashMap<>();
        for (ReplayTable.Row<FpmObject> row : v.tables.getOrDefault(NEXTHOPS, List.of())) {
            nexthops.put(row.value().number("ID", 0), row.value());
        }
        writeIproute2(g, "routes", v.tables.get(ROUTES), r -> Iproute2Objects.route(g, r, names::get, nexthops::get));
        writeIproute2(g, "neighbours", v.tables.get(NEIGHBOURS), n -> Iproute2Objects.neighbour(g, n, names::get));
        writeIproute2(g, "rules", v.tables.get(RULES), r -> Iproute2Objects.rule(g, r));
        List<ReplayTable.Row<FpmObject>> fdb = v.tables.get(FDB);
        if (fdb != null) {
            g.writeArrayFieldStart("fdb");
            for (ReplayTable.Row<FpmObject> row : fdb) {
                Iproute2Bridge.fdbEntry(g, row.value(), names::get);
                ObjectJson.identity(g, row.value());
                stale(g, row.stale());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!nexthops.isEmpty()) {
            writeIproute2(g, "nexthops", v.tables.get(NEXTHOPS), n -> Iproute2Nexthops.nexthop(g, n, names::get));
        }
        List<ReplayTable.Row<FpmObject>> vlans = v.tables.get(BRIDGE_VLANS);
        if (vlans != null) {
            Iproute2Bridge.vlans(g, new ArrayList<>(vlans), names::get, ifindexes::get);
        }
        List<ReplayTable.Row<FpmObject>> mroutes = v.tables.get(MROUTES);
        if (mroutes != null) {
            g.writeArrayFieldStart(MROUTES);
            for (ReplayTable.Row<FpmObject> row : mroutes) {
                Iproute2Mroute.mroute(g, row.value(), names::get, counters.of(row.value().key()));
                stale(g, row.stale());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        List<ReplayTable.Row<FpmObject>> netfilter = v.tables.get(NETFILTER);
        if (netfilter != null) {
            g.writeArrayFieldStart(NETFILTER);
            for (ReplayTable.Row<FpmObject> row : netfilter) {
                NftJson.table(g, row.value());
                stale(g, row.stale());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        List<ReplayTable.Row<FpmObject>> replay = v.tables.get(SA_REPLAY);
        if (replay != null) {
            g.writeArrayFieldStart(ObjectJson.fieldName(SA_REPLAY));
            for (ReplayTable.Row<FpmObject> row : replay) {
                XfrmReplayJson.replay(g, row.value());
                stale(g, row.stale());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        for (ObjectFamily f : FpcSchema.families()) {
            List<ReplayTable.Row<FpmObject>> rows = v.tables.get(f.name());
            if (rows != null && !IPROUTE2_TABLES.contains(f.name())) {
                g.writeArrayFieldStart(ObjectJson.fieldName(f.name()));
                for (ReplayTable.Row<FpmObject> row : rows) {
                    ObjectJson.write(g, row.value(), names::get);
                    if (f.code() == BpfAttr.FAMILY_BPF) {
                        programText(g, row.value());
                    }
                    stale(g, row.stale());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    /** A tap's filter as {@code tcpdump -d} prints it, after its TLVs: {@code "program_text": ["(000) ret ..."]}. */
    private static void programText(JsonGenerator g, FpmObject tap) throws IOException {
        Object program = tap.fields().get("PROGRAM");
        if (program instanceof FpmBytes) {
            g.writeArrayFieldStart("program_text");
            for (String line : BpfImage.lines(((FpmBytes) program).bytes())) {
                g.writeString(line);
            }
            g.writeEndArray();
        }
    }

    private interface ObjectWriter {
        void open(FpmObject o) throws IOException;
    }

    /** An iproute2 table, always written (empty when the vrf has none) so that a comparison never misses it. */
    private static void writeIproute2(JsonGenerator g, String name, List<ReplayTable.Row<FpmObject>> rows,
                                      ObjectWriter writer) throws IOException {
        g.writeArrayFieldStart(name);
        for (ReplayTable.Row<FpmObject> row : rows == null ? List.<ReplayTable.Row<FpmObject>>of() : rows) {
            writer.open(row.value());
            ObjectJson.identity(g, row.value());
            stale(g, row.stale());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void stale(JsonGenerator g, boolean stale) throws IOException {
        if (stale) {
            g.writeBooleanField("fp_stale", true);
        }
    }

    private static void writeLink(JsonGenerator g, InterfaceTable.Entry entry, Map<Long, String> namesInVrf,
                                  List<ReplayTable.Row<FpmObject>> addresses, Iproute2LinkInfo.LinkObjects l2)
            throws IOException {
        FpmInterface i = entry.iface();
        g.writeStartObject();
        // iproute2's fields, in the order ip writes them
        g.writeNumberField("ifindex", Integer.toUnsignedLong(i.ifindex()));
        String lower = Iproute2LinkInfo.lowerDevice(l2, i.ifuid(), namesInVrf::get);
        if (lower != null) {
            g.writeStringField("link", lower);
        }
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
                Iproute2LinkInfo.infoData(g, l2, i.ifuid(), namesInVrf::get);
            }
            if (i.slaveKind() != null) {
                g.writeStringField("info_slave_kind", i.slaveKind());
                Iproute2LinkInfo.infoSlaveData(g, l2, i.ifuid());
            }
            g.writeEndObject();
        }
        g.writeArrayFieldStart("addr_info");
        for (ReplayTable.Row<FpmObject> a : addresses) {
            Iproute2Objects.address(g, a.value());
            stale(g, a.stale());
            g.writeEndObject();
        }
        g.writeEndArray();
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
