package org.linuxfpsync.featuresync.testing;

import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * A forwarding database entry as the kernel notifies and dumps it ({@code linux/neighbour.h}):
 * {@code struct ndmsg} of AF_BRIDGE, NDA_LLADDR, then NDA_MASTER and NDA_VLAN for a bridge's entry
 * ({@code fdb_fill_info}), or NDA_DST, NDA_PORT (big-endian), NDA_VNI and NDA_IFINDEX for a VXLAN
 * device's ({@code vxlan_fdb_info}), and NDA_CACHEINFO. Uapi-encoded, not captured from a kernel.
 */
public final class UapiFdbEntry {
    private final int ifindex;
    private final byte[] mac;
    private int state = Rtnetlink.NUD_REACHABLE;
    private int flags;
    private int master;
    private int vlan;
    private byte[] dst;
    private int port = -1;
    private int vni = -1;
    private int via;

    private UapiFdbEntry(int ifindex, byte[] mac) {
        this.ifindex = ifindex;
        this.mac = mac.clone();
    }

    /** An entry of the bridge {@code bridge} whose station is behind {@code port}. */
    public static UapiFdbEntry ofBridge(int bridge, int port, byte[] mac) {
        UapiFdbEntry e = new UapiFdbEntry(port, mac);
        e.master = bridge;
        return e;
    }

    /** An entry of a device's own table (NTF_SELF): a VXLAN device's remote. */
    public static UapiFdbEntry ofDevice(int device, byte[] mac) {
        UapiFdbEntry e = new UapiFdbEntry(device, mac);
        e.flags = Rtnetlink.NTF_SELF;
        return e;
    }

    public static byte[] mac(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    public UapiFdbEntry state(int nudState) {
        state = nudState;
        return this;
    }

    public UapiFdbEntry flags(int ntfFlags) {
        flags = ntfFlags;
        return this;
    }

    public UapiFdbEntry vlan(int vid) {
        vlan = vid;
        return this;
    }

    public UapiFdbEntry dst(int... address) {
        dst = mac(address);
        return this;
    }

    public UapiFdbEntry port(int udpPort) {
        port = udpPort;
        return this;
    }

    public UapiFdbEntry vni(int id) {
        vni = id;
        return this;
    }

    public UapiFdbEntry via(int viaIfindex) {
        via = viaIfindex;
        return this;
    }

    public byte[] newNeigh() {
        return encode(Rtnetlink.RTM_NEWNEIGH);
    }

    public byte[] delNeigh() {
        return encode(Rtnetlink.RTM_DELNEIGH);
    }

    private byte[] encode(int type) {
        return FakeKernel.message(w -> {
            w.beginMessage(type, 0, 0, 0);
            // struct ndmsg: family, pad1, pad2, ifindex, state, flags, type
            w.u8(Rtnetlink.AF_BRIDGE).u8(0).u16(0).u32(ifindex).u16(state).u8(flags)
                    .u8(master != 0 ? 0 : Rtnetlink.RTN_UNICAST);
            w.attrBytes(Rtnetlink.NDA_LLADDR, mac);
            if (master != 0) {
                w.attrU32(Rtnetlink.NDA_MASTER, master);
            }
            if (dst != null) {
                w.attrBytes(Rtnetlink.NDA_DST, dst);
            }
            if (port >= 0) {
                w.attrBe16(Rtnetlink.NDA_PORT, port);
            }
            if (vni >= 0) {
                w.attrU32(Rtnetlink.NDA_VNI, vni);
            }
            if (via != 0) {
                w.attrU32(Rtnetlink.NDA_IFINDEX, via);
            }
            if (vlan != 0) {
                w.attrU16(Rtnetlink.NDA_VLAN, vlan);
            }
            cacheinfo(w);
            w.endMessage();
        });
    }

    /** struct nda_cacheinfo: confirmed, used, updated, refcnt. */
    private static void cacheinfo(NlMessageWriter w) {
        w.attrBytes(Rtnetlink.NDA_CACHEINFO, new byte[16]);
    }
}
