package org.linuxfpsync.fpxdp.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.fpm.FpmInterface;

/**
 * What fp-xdp does now, for {@code fpxdp:show}: per vrf its namespace, mode, attachments and map
 * sizes, and per interface what the program counted, exceptions included (STATS_REPLY has no
 * field for them). Plain maps and lists, for the text and the JSON alike.
 */
public final class FpXdpReport {
    private FpXdpReport() {
    }

    public static Map<String, Object> of(FpXdp xdp) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("changes_applied", xdp.changesApplied());
        root.put("changes_refused", xdp.changeErrors());
        List<Object> vrfs = new ArrayList<>();
        xdp.planes().forEach((vrfid, plane) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("vrfid", Integer.toUnsignedLong(vrfid));
            v.put("netns", plane.netns());
            v.put("mode", plane.mode().name().toLowerCase());
            v.put("attach_failures", plane.attachFailures());
            v.put("maps", plane.forwarding().sizes());
            List<Object> interfaces = new ArrayList<>();
            Map<Integer, String> attached = plane.attacher().attached();
            for (Long ifuid : plane.forwarding().ifuids()) {
                FpmInterface i = plane.forwarding().iface(ifuid);
                long[] c = plane.counters(ifuid);
                if (i == null || c == null) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ifname", i.ifname());
                m.put("ifindex", Integer.toUnsignedLong(i.ifindex()));
                m.put("attached", attached.containsKey(i.ifindex()));
                m.put("rx_packets", c[XdpMaps.RX_PACKETS]);
                m.put("tx_packets", c[XdpMaps.TX_PACKETS]);
                m.put("rx_dropped", c[XdpMaps.RX_DROPPED]);
                m.put("exceptions", c[XdpMaps.EXCEPTIONS]);
                m.put("exception_bytes", c[XdpMaps.EXCEPTION_BYTES]);
                interfaces.add(m);
            }
            interfaces.sort((x, y) -> Long.compare((Long) ((Map<?, ?>) x).get("ifindex"),
                    (Long) ((Map<?, ?>) y).get("ifindex")));
            v.put("interfaces", interfaces);
            vrfs.add(v);
        });
        root.put("vrfs", vrfs);
        return root;
    }
}
