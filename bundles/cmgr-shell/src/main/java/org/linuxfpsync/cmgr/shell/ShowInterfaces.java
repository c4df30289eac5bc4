package org.linuxfpsync.cmgr.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.cmgr.CacheManager;
import org.linuxfpsync.cmgr.CachedInterface;
import org.linuxfpsync.fpc.codec.FpInterfaceType;

/**
 * {@code show interfaces}, in the manual's layout: every interface, then the bridge ports again
 * with type 249 and their bridge's ifuid. type/subtype/flags are documented in docs/console.md.
 */
final class ShowInterfaces implements ShowSubject {
    private static final String INDENT = "        ";

    private final CacheManager cache;

    ShowInterfaces(CacheManager cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return "interfaces";
    }

    @Override
    public String help() {
        return "show registered interfaces";
    }

    @Override
    public void printText(PrintStream out) {
        List<CachedInterface> all = cache.interfaces();
        out.println("Interfaces list:");
        for (CachedInterface i : all) {
            out.printf("%s vrfid %d (ifindex: %d, ifuid: 0x%x)%n", i.name(), i.vrfid(), i.ifindex(), i.ifuid());
            out.printf("%stype: %d, subtype: %d, flags: 0x%x, mtu: %d%n", INDENT, i.type(), i.subtype(), i.flags(),
                    i.mtu());
            out.printf("%smaster_ifuid: 0x%x,%n", INDENT, i.masterIfuid());
            out.printf("%sin_l_bond: %s%n", INDENT, i.inBond() ? "yes" : "no");
        }
        out.println("Bridge interfaces list:");
        for (CachedInterface i : all) {
            if (i.isBridgePort()) {
                out.printf("%s vrfid %d (ifindex: %d, ifuid: 0x%x)%n", i.name(), i.vrfid(), i.ifindex(), i.ifuid());
                out.printf("%stype: %d, subtype: %d, master_ifuid: 0x%x%n", INDENT, FpInterfaceType.BRIDGE_PORT, 0,
                        i.masterIfuid());
            }
        }
    }

    @Override
    public Object json() {
        List<Object> interfaces = new ArrayList<>();
        List<Object> bridgePorts = new ArrayList<>();
        for (CachedInterface i : cache.interfaces()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ifname", i.name());
            m.put("vrfid", i.vrfid());
            m.put("ifindex", i.ifindex());
            m.put("ifuid", String.format("0x%x", i.ifuid()));
            m.put("type", i.type());
            m.put("subtype", i.subtype());
            m.put("flags", String.format("0x%x", i.flags()));
            m.put("mtu", i.mtu());
            m.put("address", i.macString());
            m.put("master_ifuid", String.format("0x%x", i.masterIfuid()));
            m.put("in_l_bond", i.inBond());
            if (i.kind() != null) {
                m.put("info_kind", i.kind());
            }
            interfaces.add(m);
            if (i.isBridgePort()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("ifname", i.name());
                p.put("vrfid", i.vrfid());
                p.put("ifindex", i.ifindex());
                p.put("ifuid", String.format("0x%x", i.ifuid()));
                p.put("type", FpInterfaceType.BRIDGE_PORT);
                p.put("subtype", 0);
                p.put("master_ifuid", String.format("0x%x", i.masterIfuid()));
                bridgePorts.add(p);
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("interfaces", interfaces);
        root.put("bridge_interfaces", bridgePorts);
        return root;
    }
}
