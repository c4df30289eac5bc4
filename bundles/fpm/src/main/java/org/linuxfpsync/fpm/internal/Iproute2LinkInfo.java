package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

import org.linuxfpsync.fpc.codec.BridgeAttr;
import org.linuxfpsync.fpc.codec.BridgePortAttr;
import org.linuxfpsync.fpc.codec.GreAttr;
import org.linuxfpsync.fpc.codec.LagAttr;
import org.linuxfpsync.fpc.codec.MacvlanAttr;
import org.linuxfpsync.fpc.codec.SvtiAttr;
import org.linuxfpsync.fpc.codec.TunnelAttr;
import org.linuxfpsync.fpc.codec.VlanAttr;
import org.linuxfpsync.fpc.codec.VxlanAttr;
import org.linuxfpsync.fpm.FpmObject;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The L2 parameters of a link written where {@code ip -j -d link} (iproute2 6.1) writes them: the
 * VXLAN, MACVLAN, VLAN, bond, bridge, GRE ({@link Iproute2Gre}), tunnel and SVTI ({@link Iproute2Tunnel})
 * parameters as its
 * {@code linkinfo.info_data}, a bridge port's
 * state and a bond slave's as {@code linkinfo.info_slave_data}, and the lower device of a macvlan or
 * vlan as {@code link}. Field names, value forms and order are iproute2's
 * ({@code ip/iplink_vxlan.c}, {@code iplink_macvlan.c}, {@code iplink_vlan.c}, {@code iplink_bond.c},
 * {@code iplink_bond_slave.c}, {@code iplink_bridge.c}, {@code iplink_bridge_slave.c}); a field ip
 * writes from kernel state FPC does not carry is not invented (docs/fpm-dump.md).
 */
final class Iproute2LinkInfo {
    /** The TLV naming the lower device of a macvlan or vlan. */
    private static final String PARENT_IFUID = "PARENT_IFUID";
    static final String LAG = FpmTables.tableName(LagAttr.FAMILY_LAG);
    static final String BRIDGE_PORTS = FpmTables.tableName(BridgePortAttr.FAMILY_BRIDGE_PORTS);

    /** The writer of a link's info_data from a row of a per-interface table. */
    private interface InfoData {
        void write(JsonGenerator g, Map<String, Object> fields, LongFunction<String> names) throws IOException;
    }

    /** The tables holding a link's info_data, each with its writer, in the order they are looked up. */
    private static final Map<String, InfoData> INFO_DATA = new LinkedHashMap<>();

    static {
        INFO_DATA.put(FpmTables.tableName(VxlanAttr.FAMILY_VXLAN), Iproute2LinkInfo::vxlan);
        INFO_DATA.put(FpmTables.tableName(MacvlanAttr.FAMILY_MACVLAN), (g, f, names) -> macvlan(g, f));
        INFO_DATA.put(FpmTables.tableName(VlanAttr.FAMILY_VLAN), (g, f, names) -> vlan(g, f));
        INFO_DATA.put(LAG, Iproute2LinkInfo::bond);
        INFO_DATA.put(FpmTables.tableName(BridgeAttr.FAMILY_BRIDGES), (g, f, names) -> bridge(g, f));
        INFO_DATA.put(FpmTables.tableName(GreAttr.FAMILY_GRE), Iproute2Gre::infoData);
        INFO_DATA.put(FpmTables.tableName(TunnelAttr.FAMILY_TUNNELS), Iproute2Tunnel::tunnel);
        INFO_DATA.put(FpmTables.tableName(SvtiAttr.FAMILY_SVTI), Iproute2Tunnel::svti);
    }

    /** The per-interface tables whose rows are written into their interface's link. */
    static final Set<String> TABLES = union(INFO_DATA.keySet(), Set.of(BRIDGE_PORTS));

    /** The tables of info_data whose objects name a lower device (ip's {@code link}). */
    private static final List<String> WITH_LOWER_DEVICE = INFO_DATA.keySet().stream()
            .filter(t -> FpmTables.family(t).tlvs().tlv(PARENT_IFUID) != null)
            .toList();

    private static final String[] MACVLAN_MODES = {"private", "vepa", "bridge", "passthru", "source"};
    private static final String[] BOND_MODES = {"balance-rr", "active-backup", "balance-xor", "broadcast",
        "802.3ad", "balance-tlb", "balance-alb"};
    private static final String[] XMIT_HASH_POLICIES = {"layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4",
        "vlan+srcmac"};
    private static final String[] BOND_SLAVE_STATES = {"ACTIVE", "BACKUP"};
    private static final String[] BOND_MII_STATUS = {"UP", "GOING_DOWN", "DOWN", "GOING_BACK"};
    private static final String[] LACP_STATE_NAMES = {"active", "short_timeout", "aggregating", "in_sync",
        "collecting", "distributing", "defaulted", "expired"};
    private static final String[] VLAN_FLAG_NAMES = {"REORDER_HDR", "GVRP", "LOOSE_BINDING", "MVRP",
        "BRIDGE_BINDING"};
    /** _PF() order of vlan_print_flags(): REORDER_HDR 0x1, GVRP 0x2, MVRP 0x8, LOOSE_BINDING 0x4, BRIDGE_BINDING 0x10. */
    private static final int[] VLAN_FLAG_ORDER = {0x1, 0x2, 0x8, 0x4, 0x10};
    private static final String[] PORT_STATES = {"disabled", "listening", "learning", "forwarding", "blocking"};
    /** BRPORT FLAGS bits (docs/fpc-protocol.md §5.12). */
    private static final int PORT_LEARNING = 0x1;
    private static final int PORT_FLOOD = 0x2;
    private static final int PORT_MCAST_FLOOD = 0x4;
    private static final int PORT_BCAST_FLOOD = 0x8;
    private static final int PORT_HAIRPIN = 0x10;
    private static final int PORT_PROXY_ARP = 0x20;
    private static final int PORT_NEIGH_SUPPRESS = 0x40;
    private static final int PORT_ISOLATED = 0x80;
    private static final int MACVLAN_FLAG_NOPROMISC = 0x1;
    private static final int MACVLAN_FLAG_NODST = 0x2;
    private static final int MACVLAN_MODE_SOURCE = 16;
    private static final int ETH_P_8021Q = 0x8100;
    private static final int ETH_P_8021AD = 0x88a8;

    /** The rows of the per-interface tables of one vrf, by the ifuid they belong to. */
    static final class LinkObjects {
        private final Map<String, Map<Long, ReplayTable.Row<FpmObject>>> byTable = new HashMap<>();
        /** A bond slave's SLAVE entry of its bond's LAG object, by the slave's ifuid. */
        private final Map<Long, Map<String, Object>> bondSlaves = new HashMap<>();

        void add(String table, ReplayTable.Row<FpmObject> row) {
            byTable.computeIfAbsent(table, t -> new HashMap<>()).put(row.value().ifuid(), row);
            if (table.equals(LAG)) {
                for (Map<String, Object> slave : slaves(row.value())) {
                    if (slave.get("IFUID") instanceof Long) {
                        bondSlaves.put((Long) slave.get("IFUID"), slave);
                    }
                }
            }
        }

        ReplayTable.Row<FpmObject> row(String table, long ifuid) {
            return byTable.getOrDefault(table, Map.of()).get(ifuid);
        }

        /** The table among those of info_data holding this link's row, or null. */
        String dataTable(long ifuid) {
            for (String t : INFO_DATA.keySet()) {
                if (row(t, ifuid) != null) {
                    return t;
                }
            }
            return null;
        }

        boolean hasSlaveData(long ifuid) {
            return row(BRIDGE_PORTS, ifuid) != null || bondSlaves.containsKey(ifuid);
        }
    }

    private Iproute2LinkInfo() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** ip's {@code link} of a macvlan or vlan: its lower device's name, or null. */
    static String lowerDevice(LinkObjects objects, long ifuid, LongFunction<String> names) {
        for (String t : WITH_LOWER_DEVICE) {
            ReplayTable.Row<FpmObject> row = objects.row(t, ifuid);
            if (row != null) {
                return names.apply(row.value().number(PARENT_IFUID, 0));
            }
        }
        return null;
    }

    /** Writes {@code "info_data": {...}} when the link has parameters of a per-interface table. */
    static void infoData(JsonGenerator g, LinkObjects objects, long ifuid, LongFunction<String> names)
            throws IOException {
        String table = objects.dataTable(ifuid);
        if (table == null) {
            return;
        }
        ReplayTable.Row<FpmObject> row = objects.row(table, ifuid);
        Map<String, Object> f = row.value().fields();
        g.writeObjectFieldStart("info_data");
        INFO_DATA.get(table).write(g, f, names);
        stale(g, row.stale());
        g.writeEndObject();
    }

    /** Writes {@code "info_slave_data": {...}} of a bridge port or a bond slave. */
    static void infoSlaveData(JsonGenerator g, LinkObjects objects, long ifuid) throws IOException {
        ReplayTable.Row<FpmObject> port = objects.row(BRIDGE_PORTS, ifuid);
        if (port != null) {
            g.writeObjectFieldStart("info_slave_data");
            bridgePort(g, port.value().fields());
            stale(g, port.stale());
            g.writeEndObject();
        } else if (objects.bondSlaves.containsKey(ifuid)) {
            g.writeObjectFieldStart("info_slave_data");
            bondSlave(g, objects.bondSlaves.get(ifuid));
            g.writeEndObject();
        }
    }

    private static void vxlan(JsonGenerator g, Map<String, Object> f, LongFunction<String> names) throws IOException {
        if (number(f, "COLLECT_METADATA", 0) != 0) {
            g.writeBooleanField("external", true);
        }
        g.writeNumberField("id", number(f, "VNI", 0));
        if (f.get("REMOTE") instanceof InetAddress remote && !remote.isAnyLocalAddress()) {
            boolean v6 = remote.getAddress().length == 16;
            g.writeStringField((remote.isMulticastAddress() ? "group" : "remote") + (v6 ? "6" : ""),
                    LinkFormat.inet6OrInet4(remote));
        }
        if (f.get("LOCAL") instanceof InetAddress local && !local.isAnyLocalAddress()) {
            g.writeStringField(local.getAddress().length == 16 ? "local6" : "local", LinkFormat.inet6OrInet4(local));
        }
        String link = f.containsKey("LINK_IFUID") ? names.apply(number(f, "LINK_IFUID", 0)) : null;
        if (link != null) {
            g.writeStringField("link", link);
        }
        if (f.containsKey("DST_PORT")) {
            g.writeNumberField("port", number(f, "DST_PORT", 0));
        }
        if (f.containsKey("LEARNING")) {
            g.writeBooleanField("learning", number(f, "LEARNING", 0) != 0);
        }
        if (number(f, "TOS", 0) != 0) {
            g.writeStringField("tos", "0x" + Long.toHexString(number(f, "TOS", 0)));
        }
        if (f.containsKey("TTL")) {
            g.writeNumberField("ttl", number(f, "TTL", 0));
        }
    }

    private static void macvlan(JsonGenerator g, Map<String, Object> f) throws IOException {
        long mode = number(f, "MODE", 0);
        int bit = Long.numberOfTrailingZeros(mode);
        g.writeStringField("mode", Long.bitCount(mode) == 1 && bit < MACVLAN_MODES.length ? MACVLAN_MODES[bit]
                : "unknown");
        long flags = number(f, "FLAGS", 0);
        if ((flags & MACVLAN_FLAG_NOPROMISC) != 0) {
            g.writeBooleanField("nopromisc", true);
        }
        if ((flags & MACVLAN_FLAG_NODST) != 0) {
            g.writeBooleanField("nodst", true);
        }
        if (mode == MACVLAN_MODE_SOURCE) {
            List<?> macs = f.get("SOURCE_MAC") instanceof List<?> l ? l : List.of();
            g.writeNumberField("macaddr_count", macs.size());
            if (!macs.isEmpty()) {
                g.writeArrayFieldStart("macaddr_data");
                for (Object mac : macs) {
                    g.writeString(mac.toString());
                }
                g.writeEndArray();
            }
        }
    }

    private static void vlan(JsonGenerator g, Map<String, Object> f) throws IOException {
        g.writeStringField("protocol", ethertype(number(f, "PROTOCOL", ETH_P_8021Q)));
        g.writeNumberField("id", number(f, "VLAN_ID", 0));
        if (f.containsKey("FLAGS")) {
            long flags = number(f, "FLAGS", 0);
            g.writeArrayFieldStart("flags");
            for (int bit : VLAN_FLAG_ORDER) {
                if ((flags & bit) != 0) {
                    g.writeString(VLAN_FLAG_NAMES[Integer.numberOfTrailingZeros(bit)]);
                }
            }
            long rest = flags & ~0x1fL;
            if (rest != 0) {
                g.writeString(Long.toHexString(rest));
            }
            g.writeEndArray();
        }
    }

    private static void bond(JsonGenerator g, Map<String, Object> f, LongFunction<String> names) throws IOException {
        g.writeStringField("mode", name(BOND_MODES, number(f, "MODE", 0)));
        String active = f.containsKey("ACTIVE_SLAVE_IFUID") ? names.apply(number(f, "ACTIVE_SLAVE_IFUID", 0)) : null;
        if (active != null) {
            g.writeStringField("active_slave", active);
        }
        if (f.containsKey("XMIT_HASH_POLICY")) {
            g.writeStringField("xmit_hash_policy", name(XMIT_HASH_POLICIES, number(f, "XMIT_HASH_POLICY", 0)));
        }
    }

    private static void bondSlave(JsonGenerator g, Map<String, Object> slave) throws IOException {
        if (slave.containsKey("STATE")) {
            indexed(g, "state", BOND_SLAVE_STATES, number(slave, "STATE", 0));
        }
        if (slave.containsKey("LINK")) {
            indexed(g, "mii_status", BOND_MII_STATUS, number(slave, "LINK", 0));
        }
        if (slave.containsKey("AGGREGATOR_ID")) {
            g.writeNumberField("ad_aggregator_id", number(slave, "AGGREGATOR_ID", 0));
        }
        for (String[] side : new String[][] {{"LACP_ACTOR_STATE", "ad_actor_oper_port_state"},
            {"LACP_PARTNER_STATE", "ad_partner_oper_port_state"}}) {
            if (slave.containsKey(side[0])) {
                long state = number(slave, side[0], 0);
                g.writeNumberField(side[1], state);
                g.writeArrayFieldStart(side[1] + "_str");
                for (int i = 0; i < LACP_STATE_NAMES.length; i++) {
                    if ((state & (1L << i)) != 0) {
                        g.writeString(LACP_STATE_NAMES[i]);
                    }
                }
                g.writeEndArray();
            }
        }
    }

    private static void bridge(JsonGenerator g, Map<String, Object> f) throws IOException {
        numberField(g, f, "FORWARD_DELAY", "forward_delay");
        numberField(g, f, "AGEING_TIME", "ageing_time");
        numberField(g, f, "STP_STATE", "stp_state");
        numberField(g, f, "VLAN_FILTERING", "vlan_filtering");
        if (f.containsKey("VLAN_PROTOCOL")) {
            g.writeStringField("vlan_protocol", ethertype(number(f, "VLAN_PROTOCOL", 0)));
        }
        numberField(g, f, "VLAN_DEFAULT_PVID", "vlan_default_pvid");
        if (f.containsKey("GROUP_FWD_MASK")) {
            long mask = number(f, "GROUP_FWD_MASK", 0);
            g.writeStringField("group_fwd_mask", mask == 0 ? "0" : "0x" + Long.toHexString(mask));
        }
        numberField(g, f, "MCAST_SNOOPING", "mcast_snooping");
    }

    private static void bridgePort(JsonGenerator g, Map<String, Object> f) throws IOException {
        if (f.containsKey("STATE")) {
            long state = number(f, "STATE", 0);
            if (state < PORT_STATES.length) {
                g.writeStringField("state", PORT_STATES[(int) state]);
            } else {
                g.writeNumberField("state_index", state);
            }
        }
        numberField(g, f, "PRIORITY", "priority");
        numberField(g, f, "COST", "cost");
        if (f.containsKey("FLAGS")) {
            long flags = number(f, "FLAGS", 0);
            g.writeBooleanField("hairpin", (flags & PORT_HAIRPIN) != 0);
            g.writeBooleanField("learning", (flags & PORT_LEARNING) != 0);
            g.writeBooleanField("flood", (flags & PORT_FLOOD) != 0);
            g.writeBooleanField("proxy_arp", (flags & PORT_PROXY_ARP) != 0);
            g.writeBooleanField("mcast_flood", (flags & PORT_MCAST_FLOOD) != 0);
            g.writeBooleanField("bcast_flood", (flags & PORT_BCAST_FLOOD) != 0);
            g.writeBooleanField("neigh_suppress", (flags & PORT_NEIGH_SUPPRESS) != 0);
            g.writeBooleanField("isolated", (flags & PORT_ISOLATED) != 0);
        }
    }

    /** ll_proto_n2a() of lib/ll_proto.c for the two VLAN ethertypes, its hex form otherwise. */
    private static String ethertype(long type) {
        if (type == ETH_P_8021Q) {
            return "802.1Q";
        }
        return type == ETH_P_8021AD ? "802.1ad" : String.format("0x%04x", type);
    }

    private static void indexed(JsonGenerator g, String field, String[] names, long value) throws IOException {
        if (value < names.length) {
            g.writeStringField(field, names[(int) value]);
        } else {
            g.writeNumberField(field + "_index", value);
        }
    }

    private static String name(String[] names, long value) {
        return value >= 0 && value < names.length ? names[(int) value] : Long.toString(value);
    }

    private static void numberField(JsonGenerator g, Map<String, Object> f, String tlv, String field)
            throws IOException {
        if (f.containsKey(tlv)) {
            g.writeNumberField(field, number(f, tlv, 0));
        }
    }

    private static long number(Map<String, Object> f, String tlv, long dflt) {
        return f.get(tlv) instanceof Long n ? n : dflt;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> slaves(FpmObject lag) {
        Object s = lag.fields().get("SLAVE");
        return s instanceof List<?> ? (List<Map<String, Object>>) s : List.of();
    }

    private static void stale(JsonGenerator g, boolean stale) throws IOException {
        if (stale) {
            g.writeBooleanField("fp_stale", true);
        }
    }
}
