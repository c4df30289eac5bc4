package org.linuxfpsync.fpxdp.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.linuxfpsync.fpc.ConfigValues;

/**
 * fp-xdp's configuration (PID {@value FpXdp#PID}), validated.
 *
 * @param vrfs       the vrfs it forwards, vrfid → network namespace ("" = the one it runs in), as
 *                   cmgrd's {@code vrfs} names them: {@code 0}, {@code 1:router}
 * @param interfaces names of the interfaces it attaches to, or {@code *} for every Ethernet
 *                   interface of those vrfs
 * @param mode       how it attaches
 */
record FpXdpSettings(Map<Integer, String> vrfs, Set<String> interfaces, XdpMode mode) {
    static final String ALL = "*";

    FpXdpSettings {
        vrfs = Map.copyOf(vrfs);
        interfaces = Set.copyOf(interfaces);
    }

    boolean attachesTo(String ifname) {
        return interfaces.contains(ALL) || interfaces.contains(ifname);
    }

    static FpXdpSettings from(Map<String, ?> props) {
        ConfigValues c = new ConfigValues(FpXdp.PID, props);
        Map<Integer, String> vrfs = new LinkedHashMap<>();
        for (String entry : split(c.string("vrfs", "0"))) {
            String[] parts = entry.split(":", 2);
            int vrfid;
            try {
                vrfid = Integer.parseInt(parts[0].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(FpXdp.PID + ": vrfs: '" + entry + "' does not start with a vrfid");
            }
            String netns = parts.length > 1 ? parts[1].strip() : "";
            if (vrfid < 0 || vrfs.put(vrfid, netns) != null) {
                throw new IllegalArgumentException(FpXdp.PID + ": vrfs: vrfid " + vrfid + " negative or given twice");
            }
            if (parts.length > 1 && !netns.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}")) {
                throw new IllegalArgumentException(FpXdp.PID + ": vrfs: '" + entry + "': not a network namespace name");
            }
        }
        if (vrfs.isEmpty()) {
            throw new IllegalArgumentException(FpXdp.PID + ": vrfs: empty, expected e.g. '0' or '1:router'");
        }
        List<String> names = split(c.string("interfaces", ALL));
        for (String n : names) {
            if (!n.equals(ALL) && !n.matches("[^\\s/:]{1,15}")) {
                throw new IllegalArgumentException(FpXdp.PID + ": interfaces: '" + n + "' is not an interface name");
            }
        }
        XdpMode mode;
        try {
            mode = XdpMode.parse(c.string("xdpMode", "auto"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FpXdp.PID + ": " + e.getMessage());
        }
        return new FpXdpSettings(vrfs, Set.copyOf(names), mode);
    }

    private static List<String> split(String s) {
        return java.util.Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
}
