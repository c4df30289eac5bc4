package org.linuxfpsync.fpm.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.linuxfpsync.fpm.FpmObject;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The forwarding database and the bridge VLANs written as iproute2 6.1's {@code bridge -j fdb show}
 * ({@code print_fdb()} of bridge/fdb.c) and {@code bridge -j vlan show} ({@code print_vlan_info()} of
 * bridge/vlan.c) write them: the same field names, value forms and order, our own fields after.
 */
final class Iproute2Bridge {
    private static final int NTF_SELF = 0x02;
    private static final int NTF_MASTER = 0x04;
    private static final int NTF_EXT_LEARNED = 0x10;
    private static final int NTF_OFFLOADED = 0x20;
    private static final int NTF_STICKY = 0x40;
    private static final int NTF_ROUTER = 0x80;
    private static final int NUD_REACHABLE = 0x02;
    private static final int NUD_STALE = 0x04;
    private static final int NUD_NOARP = 0x40;
    private static final int NUD_PERMANENT = 0x80;
    private static final int BRIDGE_VLAN_INFO_PVID = 0x2;
    private static final int BRIDGE_VLAN_INFO_UNTAGGED = 0x4;

    private Iproute2Bridge() {
    }

    /**
     * One entry of {@code bridge -j fdb show}. A bridge's entry (PORT_IFUID sent) names its port as
     * {@code ifname} and its bridge as {@code master}; a device's own entry (a VXLAN remote) names the
     * device as {@code ifname}. Opens the object; the caller closes it.
     */
    static void fdbEntry(JsonGenerator g, FpmObject e, LongFunction<String> names) throws IOException {
        Map<String, Object> f = e.fields();
        g.writeStartObject();
        g.writeStringField("mac", f.get("MAC").toString());
        boolean ofBridge = f.containsKey("PORT_IFUID");
        String ifname = names.apply(ofBridge ? e.number("PORT_IFUID", 0) : e.ifuid());
        if (ifname != null) {
            g.writeStringField("ifname", ifname);
        }
        if (f.get("REMOTE") instanceof InetAddress remote) {
            g.writeStringField("dst", LinkFormat.inet6OrInet4(remote));
        }
        if (e.number("VLAN", 0) != 0) {
            g.writeNumberField("vlan", e.number("VLAN", 0));
        }
        if (f.containsKey("DST_PORT")) {
            g.writeNumberField("port", e.number("DST_PORT", 0));
        }
        if (f.containsKey("VNI")) {
            g.writeNumberField("vni", Integer.toUnsignedLong((int) e.number("VNI", 0)));
        }
        String via = f.containsKey("VIA_IFUID") ? names.apply(e.number("VIA_IFUID", 0)) : null;
        if (via != null) {
            g.writeStringField("viaIf", via);
        }
        long flags = e.number("FLAGS", 0);
        g.writeArrayFieldStart("flags");
        int[] bits = {NTF_SELF, NTF_ROUTER, NTF_EXT_LEARNED, NTF_OFFLOADED, NTF_MASTER, NTF_STICKY};
        String[] words = {"self", "router", "extern_learn", "offload", "master", "sticky"};
        for (int i = 0; i < bits.length; i++) {
            if ((flags & bits[i]) != 0) {
                g.writeString(words[i]);
            }
        }
        g.writeEndArray();
        String master = ofBridge ? names.apply(e.ifuid()) : null;
        if (master != null) {
            g.writeStringField("master", master);
        }
        g.writeStringField("state", fdbState(e.number("STATE", 0)));
    }

    /** state_n2a() of bridge/fdb.c. */
    static String fdbState(long state) {
        if ((state & NUD_PERMANENT) != 0) {
            return "permanent";
        }
        if ((state & NUD_NOARP) != 0) {
            return "static";
        }
        if ((state & NUD_STALE) != 0) {
            return "stale";
        }
        if ((state & NUD_REACHABLE) != 0) {
            return "";
        }
        return "0x" + Long.toHexString(state);
    }

    /**
     * {@code bridge -j vlan show}: one object per port (or bridge) with VLANs, by ifindex, each VLAN
     * alone (the uncompressed form, {@code -c} not given), in VID order.
     *
     * @param rows    the vrf's bridge-vlans rows, each with its stale mark
     * @param ifindex the ifindex of an ifuid the vrf holds, to order the ports as the kernel dumps them
     */
    static void vlans(JsonGenerator g, List<ReplayTable.Row<FpmObject>> rows, LongFunction<String> names,
                      LongFunction<Long> ifindex) throws IOException {
        Map<Long, List<ReplayTable.Row<FpmObject>>> byPort = new LinkedHashMap<>();
        for (ReplayTable.Row<FpmObject> r : rows) {
            byPort.computeIfAbsent(r.value().ifuid(), k -> new ArrayList<>()).add(r);
        }
        List<Long> ports = new ArrayList<>(byPort.keySet());
        ports.sort(Comparator.comparing(p -> ifindex.apply(p) == null ? Long.MAX_VALUE : ifindex.apply(p)));
        g.writeArrayFieldStart("bridge_vlans");
        for (long port : ports) {
            g.writeStartObject();
            String ifname = names.apply(port);
            if (ifname != null) {
                g.writeStringField("ifname", ifname);
            }
            g.writeArrayFieldStart("vlans");
            List<ReplayTable.Row<FpmObject>> vlans = byPort.get(port);
            vlans.sort(Comparator.comparingLong(r -> r.value().number("VID", 0)));
            for (ReplayTable.Row<FpmObject> v : vlans) {
                g.writeStartObject();
                g.writeNumberField("vlan", v.value().number("VID", 0));
                long flags = v.value().number("FLAGS", 0);
                if ((flags & (BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED)) != 0) {
                    g.writeArrayFieldStart("flags");
                    if ((flags & BRIDGE_VLAN_INFO_PVID) != 0) {
                        g.writeString("PVID");
                    }
                    if ((flags & BRIDGE_VLAN_INFO_UNTAGGED) != 0) {
                        g.writeString("Egress Untagged");
                    }
                    g.writeEndArray();
                }
                if (v.stale()) {
                    g.writeBooleanField("fp_stale", true);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("ifuid", "0x" + Long.toHexString(port));
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
