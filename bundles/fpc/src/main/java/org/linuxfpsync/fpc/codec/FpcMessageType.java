package org.linuxfpsync.fpc.codec;

/**
 * FPC message types. The high byte is the object family, which graceful-restart markers name:
 * 0x00 session, 0x01 interfaces, 0x02 addresses... See docs/fpc-protocol.md for every byte, and
 * {@link FpcSchema} for the TLVs of each.
 */
public final class FpcMessageType {
    /** Both ways, first frame of a session: versions, name, features. */
    public static final int HELLO = 0x0001;
    /** Reply to a frame that could not be applied (the seed's "resend" semantics). */
    public static final int ERROR = 0x0002;
    /** A full replay of one family in one vrf begins: the FPM marks that family's objects stale. */
    public static final int GR_BEGIN = 0x0003;
    /** The replay ended: the FPM deletes what the replay did not refresh. */
    public static final int GR_END = 0x0004;

    /** Full state of an interface; creates it, or replaces it when the ifuid is known. */
    public static final int IF_CREATE = 0x0100;
    /** Full state of a known interface; ERROR ENOENT when the ifuid is unknown. */
    public static final int IF_UPDATE = 0x0101;
    /** The interface is gone. */
    public static final int IF_DELETE = 0x0102;

    /** Deletes every object of one family in one vrf. */
    public static final int FLUSH = 0x0005;
    /** Asks the FPM for interface counters. */
    public static final int STATS_REQUEST = 0x0006;
    /** The counters of one interface, in answer to STATS_REQUEST. */
    public static final int STATS_REPLY = 0x0007;

    /** An interface address, created or replaced. */
    public static final int ADDR_ADD = 0x0200;
    /** The address is gone. */
    public static final int ADDR_DEL = 0x0201;
    /** Full state of a route, created or replaced. */
    public static final int ROUTE_ADD = 0x0300;
    /** The route is gone. */
    public static final int ROUTE_DEL = 0x0301;
    /** A neighbour entry, created or replaced. */
    public static final int NEIGH_ADD = 0x0400;
    /** The neighbour entry is gone. */
    public static final int NEIGH_DEL = 0x0401;
    /** A policy routing rule. */
    public static final int RULE_ADD = 0x0500;
    /** The rule is gone. */
    public static final int RULE_DEL = 0x0501;
    /** Bridge port state, created or replaced. */
    public static final int BRPORT_ADD = 0x0600;
    /** The interface left its bridge. */
    public static final int BRPORT_DEL = 0x0601;
    /** A VLAN of a bridge port. */
    public static final int BRVLAN_ADD = 0x0700;
    /** The VLAN left the port. */
    public static final int BRVLAN_DEL = 0x0701;
    /** An FDB entry, created or replaced. */
    public static final int FDB_ADD = 0x0800;
    /** The FDB entry is gone. */
    public static final int FDB_DEL = 0x0801;
    /** VXLAN parameters of an interface. */
    public static final int VXLAN_ADD = 0x0900;
    /** The parameters are gone. */
    public static final int VXLAN_DEL = 0x0901;
    /** VLAN parameters of an interface. */
    public static final int VLAN_ADD = 0x0a00;
    /** The parameters are gone. */
    public static final int VLAN_DEL = 0x0a01;
    /** MACVLAN parameters of an interface. */
    public static final int MACVLAN_ADD = 0x0b00;
    /** The parameters are gone. */
    public static final int MACVLAN_DEL = 0x0b01;
    /** A bond and its slaves. */
    public static final int LAG_ADD = 0x0c00;
    /** The bond parameters are gone. */
    public static final int LAG_DEL = 0x0c01;
    /** GRE parameters of an interface. */
    public static final int GRE_ADD = 0x0d00;
    /** The parameters are gone. */
    public static final int GRE_DEL = 0x0d01;
    /** Tunnel parameters of an interface. */
    public static final int TUNNEL_ADD = 0x0e00;
    /** The parameters are gone. */
    public static final int TUNNEL_DEL = 0x0e01;
    /** An SA, created or replaced. */
    public static final int SA_ADD = 0x0f00;
    /** The SA is gone. */
    public static final int SA_DEL = 0x0f01;
    /** Sequence numbers of a known SA (IPsec HA). */
    public static final int SA_REPLAY = 0x0f02;
    /** A policy, created or replaced. */
    public static final int SP_ADD = 0x1000;
    /** The policy is gone. */
    public static final int SP_DEL = 0x1001;
    /** Vti parameters of an interface. */
    public static final int SVTI_ADD = 0x1100;
    /** The parameters are gone. */
    public static final int SVTI_DEL = 0x1101;
    /** The rules of a table or chain. */
    public static final int NF_TABLE_ADD = 0x1200;
    /** The table or chain is gone. */
    public static final int NF_TABLE_DEL = 0x1201;
    /** A connection, created or replaced. */
    public static final int CT_ADD = 0x1300;
    /** The connection is gone. */
    public static final int CT_DEL = 0x1301;
    /** A capture filter on an interface. */
    public static final int BPF_ADD = 0x1400;
    /** The filter is gone. */
    public static final int BPF_DEL = 0x1401;
    /** A multicast route, created or replaced. */
    public static final int MROUTE_ADD = 0x1500;
    /** The multicast route is gone. */
    public static final int MROUTE_DEL = 0x1501;
    /** The forwarding parameters of a bridge, created or replaced. */
    public static final int BRIDGE_ADD = 0x1600;
    /** The parameters are gone. */
    public static final int BRIDGE_DEL = 0x1601;

    /** Object families carried by GR_BEGIN/GR_END ({@link GrAttr#FAMILY}): a message type's high byte. */
    public static final int FAMILY_INTERFACES = 0x01;
    public static final int FAMILY_ADDRESSES = 0x02;
    public static final int FAMILY_ROUTES = 0x03;
    public static final int FAMILY_NEIGHBOURS = 0x04;
    public static final int FAMILY_RULES = 0x05;
    public static final int FAMILY_BRIDGE_PORTS = 0x06;
    public static final int FAMILY_BRIDGE_VLANS = 0x07;
    public static final int FAMILY_FDB = 0x08;
    public static final int FAMILY_VXLAN = 0x09;
    public static final int FAMILY_VLAN = 0x0a;
    public static final int FAMILY_MACVLAN = 0x0b;
    public static final int FAMILY_LAG = 0x0c;
    public static final int FAMILY_GRE = 0x0d;
    public static final int FAMILY_TUNNELS = 0x0e;
    public static final int FAMILY_IPSEC_SA = 0x0f;
    public static final int FAMILY_IPSEC_SP = 0x10;
    public static final int FAMILY_SVTI = 0x11;
    public static final int FAMILY_NETFILTER = 0x12;
    public static final int FAMILY_CONNTRACK = 0x13;
    public static final int FAMILY_BPF = 0x14;
    public static final int FAMILY_MROUTES = 0x15;
    public static final int FAMILY_BRIDGES = 0x16;

    private FpcMessageType() {
    }

    public static int familyOf(int messageType) {
        return (messageType >>> 8) & 0xff;
    }

    /** The message's name (ROUTE_ADD), or "FPC_[0x0999]" for a type FPC does not define. */
    public static String name(int type) {
        MessageSpec m = FpcSchema.message(type);
        return m != null ? m.name() : String.format("FPC_[0x%04x]", type);
    }
}
