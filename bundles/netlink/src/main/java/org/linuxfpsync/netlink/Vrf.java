package org.linuxfpsync.netlink;

import java.util.Objects;

/**
 * A network namespace followed by the cache manager and the vrfid its objects carry.
 *
 * @param vrfid     the identity of the namespace in every FPC object (0 for the default one)
 * @param netnsName a name under {@code /var/run/netns} (as {@code ip netns} knows it), or the
 *                  empty string for the namespace the cache manager itself runs in
 */
public record Vrf(int vrfid, String netnsName) {
    public Vrf {
        if (vrfid < 0) {
            throw new IllegalArgumentException("vrfid must be >= 0: " + vrfid);
        }
        Objects.requireNonNull(netnsName, "netnsName");
        if (netnsName.contains("/") || netnsName.equals(".") || netnsName.equals("..")) {
            throw new IllegalArgumentException("not a network namespace name: " + netnsName);
        }
    }

    public static Vrf defaultVrf() {
        return new Vrf(0, "");
    }

    public boolean isOwnNamespace() {
        return netnsName.isEmpty();
    }
}
