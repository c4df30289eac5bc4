package org.linuxfpsync.fpm;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One interface as the FPM holds it: every TLV of the last IF_CREATE or IF_UPDATE
 * (docs/fpc-protocol.md). Immutable; the link-layer address is copied in and out.
 *
 * @param ifuid       stable identity of the interface, unique across vrfs (64 bits)
 * @param vrfid       its vrf (network namespace), 32 bits unsigned
 * @param ifindex     the kernel's ifindex in that vrf, 32 bits unsigned (0 when not sent)
 * @param ifname      the kernel's name ("" when not sent)
 * @param type        fast path type ({@code FpInterfaceType})
 * @param subtype     fast path subtype ({@code FpInterfaceSubtype})
 * @param flags       the kernel's {@code ifi_flags}
 * @param mtu         32 bits unsigned
 * @param mac         link-layer address, empty when not sent
 * @param masterIfuid ifuid of the master (bridge, bond, vrf), 0 when none
 * @param kind        {@code IFLA_INFO_KIND}, null when not sent
 * @param slaveKind   {@code IFLA_INFO_SLAVE_KIND}, null when not sent
 * @param operstate   {@code IF_OPER_*}, {@link #ABSENT} when not sent
 * @param arphrd      the kernel's {@code ARPHRD_*} link type, {@link #ABSENT} when not sent
 */
public record FpmInterface(long ifuid, int vrfid, int ifindex, String ifname, int type, int subtype, int flags,
                           int mtu, byte[] mac, long masterIfuid, String kind, String slaveKind, int operstate,
                           int arphrd) {
    /** operstate or arphrd not sent. */
    public static final int ABSENT = -1;

    public FpmInterface {
        ifname = ifname == null ? "" : ifname;
        mac = mac == null ? new byte[0] : mac.clone();
    }

    /** A copy: the record stays immutable. */
    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** The address as "52:54:00:12:34:56", "" when none. */
    public String macHex() {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    /** The ifuid as the dump and the console write it, "0x61a1e72". */
    public String ifuidHex() {
        return "0x" + Long.toHexString(ifuid);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FpmInterface)) {
            return false;
        }
        FpmInterface x = (FpmInterface) o;
        return ifuid == x.ifuid && vrfid == x.vrfid && ifindex == x.ifindex && type == x.type
                && subtype == x.subtype && flags == x.flags && mtu == x.mtu && masterIfuid == x.masterIfuid
                && operstate == x.operstate && arphrd == x.arphrd && ifname.equals(x.ifname)
                && Arrays.equals(mac, x.mac) && Objects.equals(kind, x.kind) && Objects.equals(slaveKind, x.slaveKind);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ifuid, vrfid, ifindex, ifname, type, subtype, flags, mtu, Arrays.hashCode(mac),
                masterIfuid, kind, slaveKind, operstate, arphrd);
    }

    @Override
    public String toString() {
        return "FpmInterface[" + ifname + " vrfid " + Integer.toUnsignedString(vrfid) + " ifindex "
                + Integer.toUnsignedString(ifindex) + " ifuid " + ifuidHex() + " type " + type + " subtype "
                + subtype + " flags 0x" + Integer.toHexString(flags) + " mtu " + Integer.toUnsignedString(mtu)
                + " mac " + macHex() + " master 0x" + Long.toHexString(masterIfuid) + " kind " + kind
                + " slave_kind " + slaveKind + " operstate " + operstate + " arphrd " + arphrd + "]";
    }
}
