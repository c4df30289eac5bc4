package org.linuxfpsync.cmgr.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.linuxfpsync.netlink.Vrf;

/**
 * Parses the {@code vrfs} setting: comma-separated entries {@code <vrfid>} (the cache manager's
 * own namespace) or {@code <vrfid>:<netns>} (a namespace known to {@code ip netns}).
 * Example: {@code 0, 1:blue, 2:red}.
 */
final class VrfsOption {
    private VrfsOption() {
    }

    static List<Vrf> parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("vrfs: empty, expected e.g. '0' or '0, 1:blue'");
        }
        List<Vrf> vrfs = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (String raw : value.split(",")) {
            String entry = raw.trim();
            int colon = entry.indexOf(':');
            String idText = colon < 0 ? entry : entry.substring(0, colon).trim();
            String netns = colon < 0 ? "" : entry.substring(colon + 1).trim();
            int vrfid;
            try {
                vrfid = Integer.parseInt(idText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("vrfs: '" + entry + "': vrfid '" + idText + "' is not a number");
            }
            if (vrfid < 0 || vrfid > 0xffff) {
                throw new IllegalArgumentException("vrfs: '" + entry + "': vrfid must be 0..65535");
            }
            if (colon >= 0 && netns.isEmpty()) {
                throw new IllegalArgumentException("vrfs: '" + entry + "': namespace name missing after ':'");
            }
            if (!netns.matches("[A-Za-z0-9_.\\-]*") || netns.equals(".") || netns.equals("..")) {
                throw new IllegalArgumentException("vrfs: '" + entry + "': not a network namespace name");
            }
            if (!ids.add(vrfid)) {
                throw new IllegalArgumentException("vrfs: vrfid " + vrfid + " given twice");
            }
            if (!names.add(netns)) {
                throw new IllegalArgumentException("vrfs: namespace '" + (netns.isEmpty() ? "(own)" : netns)
                        + "' given twice");
            }
            vrfs.add(new Vrf(vrfid, netns));
        }
        return vrfs;
    }
}
