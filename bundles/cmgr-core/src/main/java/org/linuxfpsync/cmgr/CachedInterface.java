package org.linuxfpsync.cmgr;

import java.util.Arrays;
import java.util.Objects;

/**
 * One kernel interface as the cache manager last saw it and sent it to the fast path.
 *
 * @param vrfid       the namespace's vrfid
 * @param ifindex     the kernel's ifindex in that namespace
 * @param ifuid       stable for the life of the interface, unique across vrfs ({@link Ifuid})
 * @param name        IFLA_IFNAME
 * @param type        fast path type (FpInterfaceType: BSD if_types codes, as in the manual)
 * @param subtype     fast path subtype (FpInterfaceSubtype: the kind of virtual device)
 * @param flags       the kernel's ifi_flags (IFF_*)
 * @param mtu         IFLA_MTU
 * @param mac         IFLA_ADDRESS (empty when the device has none)
 * @param masterIfuid ifuid of IFLA_MASTER, 0 when none
 * @param kind        IFLA_INFO_KIND, null for physical devices
 * @param slaveKind   IFLA_INFO_SLAVE_KIND, null when not enslaved
 * @param operstate   IFLA_OPERSTATE (IF_OPER_*), 0 (unknown) when absent
 * @param arphrd      ifi_type (ARPHRD_*)
 */
public record CachedInterface(int vrfid, int ifindex, long ifuid, String name, int type, int subtype, int flags,
                              int mtu, byte[] mac, long masterIfuid, String kind, String slaveKind, int operstate,
                              int arphrd) {

    public CachedInterface {
        Objects.requireNonNull(name, "name");
        mac = mac.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** The manual's {@code in_l_bond}: enslaved to a bonding (LAG) master. */
    public boolean inBond() {
        return "bond".equals(slaveKind);
    }

    /** Enslaved to a bridge: listed again in the manual's "Bridge interfaces list". */
    public boolean isBridgePort() {
        return "bridge".equals(slaveKind);
    }

    /** The MAC as {@code aa:bb:cc:dd:ee:ff}, empty when none. */
    public String macString() {
        StringBuilder sb = new StringBuilder(mac.length * 3);
        for (int i = 0; i < mac.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((mac[i] >> 4) & 0xf, 16)).append(Character.forDigit(mac[i] & 0xf, 16));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CachedInterface)) {
            return false;
        }
        CachedInterface c = (CachedInterface) o;
        return vrfid == c.vrfid && ifindex == c.ifindex && ifuid == c.ifuid && type == c.type && subtype == c.subtype
                && flags == c.flags && mtu == c.mtu && masterIfuid == c.masterIfuid && operstate == c.operstate
                && arphrd == c.arphrd && name.equals(c.name) && Arrays.equals(mac, c.mac)
                && Objects.equals(kind, c.kind) && Objects.equals(slaveKind, c.slaveKind);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ifuid) * 31 + flags;
    }
}
