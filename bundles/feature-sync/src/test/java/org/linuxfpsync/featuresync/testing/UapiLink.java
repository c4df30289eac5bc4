package org.linuxfpsync.featuresync.testing;

import java.util.function.Consumer;

import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * A link message laid out as the kernel's {@code rtnl_fill_ifinfo} writes it ({@code linux/if_link.h}):
 * {@code struct ifinfomsg}, IFLA_IFNAME, IFLA_MTU, IFLA_LINK, IFLA_MASTER, IFLA_LINK_NETNSID, then
 * IFLA_LINKINFO with IFLA_INFO_KIND, IFLA_INFO_DATA, IFLA_INFO_SLAVE_KIND, IFLA_INFO_SLAVE_DATA (nests
 * without NLA_F_NESTED, as {@code nla_nest_start_noflag} writes them). The kind-specific attributes
 * are written by the test, attribute by attribute, in the layout of the uapi header: these bytes are
 * uapi-encoded, not captured from a kernel.
 */
public final class UapiLink {
    private final int ifindex;
    private final String name;
    private int family = Rtnetlink.AF_UNSPEC;
    private int flags = 0x1003;
    private int lower;
    private int master;
    private int linkNetnsid = -1;
    private String kind;
    private Consumer<NlMessageWriter> infoData;
    private String slaveKind;
    private Consumer<NlMessageWriter> slaveData;
    private Consumer<NlMessageWriter> extra;

    private UapiLink(int ifindex, String name) {
        this.ifindex = ifindex;
        this.name = name;
    }

    public static UapiLink link(int ifindex, String name) {
        return new UapiLink(ifindex, name);
    }

    /** An AF_BRIDGE link message (the bridge's view of a port or of itself). */
    public UapiLink bridgeFamily() {
        family = Rtnetlink.AF_BRIDGE;
        return this;
    }

    public UapiLink flags(int ifiFlags) {
        flags = ifiFlags;
        return this;
    }

    /** IFLA_LINK: the lower device. */
    public UapiLink lower(int lowerIfindex) {
        lower = lowerIfindex;
        return this;
    }

    /** IFLA_LINK with IFLA_LINK_NETNSID 0: the lower device is in another namespace. */
    public UapiLink lowerInOtherNamespace(int lowerIfindex) {
        lower = lowerIfindex;
        linkNetnsid = 0;
        return this;
    }

    /**
     * IFLA_LINK_NETNSID: the id this namespace gives the other one of the link (its lower device's, a
     * tunnel's outer packets'), as {@code rtnl_fill_link_netnsid} writes it.
     */
    public UapiLink linkNetnsid(int netnsid) {
        linkNetnsid = netnsid;
        return this;
    }

    public UapiLink master(int masterIfindex) {
        master = masterIfindex;
        return this;
    }

    /** IFLA_INFO_KIND and its IFLA_INFO_DATA attributes (none when {@code data} is null). */
    public UapiLink kind(String infoKind, Consumer<NlMessageWriter> data) {
        kind = infoKind;
        infoData = data;
        return this;
    }

    /** IFLA_INFO_SLAVE_KIND and its IFLA_INFO_SLAVE_DATA attributes. */
    public UapiLink slave(String infoSlaveKind, Consumer<NlMessageWriter> data) {
        slaveKind = infoSlaveKind;
        slaveData = data;
        return this;
    }

    /** Top-level attributes after IFLA_LINKINFO (IFLA_PROTINFO, IFLA_AF_SPEC...). */
    public UapiLink then(Consumer<NlMessageWriter> attributes) {
        extra = attributes;
        return this;
    }

    public byte[] newLink() {
        return encode(Rtnetlink.RTM_NEWLINK);
    }

    public byte[] delLink() {
        return encode(Rtnetlink.RTM_DELLINK);
    }

    private byte[] encode(int type) {
        return FakeKernel.message(w -> {
            w.beginMessage(type, 0, 0, 0).ifinfomsg(family, 1, ifindex, flags, 0);
            w.attrString(Rtnetlink.IFLA_IFNAME, name).attrU32(Rtnetlink.IFLA_MTU, 1500);
            if (lower != 0) {
                w.attrU32(Rtnetlink.IFLA_LINK, lower);
            }
            if (master != 0) {
                w.attrU32(Rtnetlink.IFLA_MASTER, master);
            }
            if (linkNetnsid >= 0) {
                w.attrU32(Rtnetlink.IFLA_LINK_NETNSID, linkNetnsid);
            }
            if (kind != null || slaveKind != null) {
                w.beginNest(Rtnetlink.IFLA_LINKINFO);
                if (kind != null) {
                    w.attrString(Rtnetlink.IFLA_INFO_KIND, kind);
                    if (infoData != null) {
                        w.beginNest(Rtnetlink.IFLA_INFO_DATA);
                        infoData.accept(w);
                        w.endNest();
                    }
                }
                if (slaveKind != null) {
                    w.attrString(Rtnetlink.IFLA_INFO_SLAVE_KIND, slaveKind);
                    if (slaveData != null) {
                        w.beginNest(Rtnetlink.IFLA_INFO_SLAVE_DATA);
                        slaveData.accept(w);
                        w.endNest();
                    }
                }
                w.endNest();
            }
            if (extra != null) {
                extra.accept(w);
            }
            w.endMessage();
        });
    }
}
