package org.linuxfpsync.sync.tunnel;

import static org.linuxfpsync.featuresync.testing.UapiLink.link;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.linuxfpsync.featuresync.testing.UapiLink;
import org.linuxfpsync.netlink.codec.IflaIptun;
import org.linuxfpsync.netlink.codec.NlMessageWriter;

/**
 * The {@code IFLA_INFO_DATA} of an ipip, sit or ip6tnl device, every attribute in the order and the size the
 * kernel's {@code ipip_fill_info}, {@code ipip6_fill_info} (CONFIG_IPV6_SIT_6RD) and {@code ip6_tnl_fill_info}
 * write it ({@code linux/if_tunnel.h}). Defaults are what {@code ip link add NAME type ipip} leaves.
 */
final class UapiTunnel {
    private final String kind;
    int link;
    String local;
    String remote;
    int ttl;
    int tos;
    /** ipip: IPPROTO_IPIP; sit: IPPROTO_IPV6; ip6tnl: IPPROTO_IPV6 (ip6ip6). */
    int proto;
    int pmtudisc = 1;
    /** sit: i_flags (SIT_ISATAP); ip6tnl: IP6_TNL_F_*. */
    int flags;
    int fwmark;
    int encapLimit = 4;
    /** ip6tnl: the __be32 flowinfo, tclass in bits 20-27, flow label in bits 0-19 (host value here). */
    int flowinfo;
    int encapType;
    int encapFlags;
    int encapSport;
    int encapDport;
    boolean collectMetadata;
    String ip6rdPrefix = "2002::";
    int ip6rdPrefixLen = 16;
    String ip6rdRelayPrefix = "0.0.0.0";
    int ip6rdRelayPrefixLen;

    private UapiTunnel(String kind, int proto) {
        this.kind = kind;
        this.proto = proto;
        boolean v6 = kind.equals("ip6tnl");
        local = v6 ? "::" : "0.0.0.0";
        remote = local;
        if (v6) {
            ttl = 64;
            pmtudisc = -1;
        }
    }

    static UapiTunnel ipip() {
        return new UapiTunnel("ipip", 4);
    }

    static UapiTunnel sit() {
        return new UapiTunnel("sit", 41);
    }

    static UapiTunnel ip6tnl() {
        return new UapiTunnel("ip6tnl", 41);
    }

    /** The RTM_NEWLINK of device {@code ifindex}: IFLA_LINK is the tunnel's link, as ip_tunnel_get_iflink says. */
    byte[] newLink(int ifindex, String name) {
        return device(ifindex, name).newLink();
    }

    UapiLink device(int ifindex, String name) {
        return link(ifindex, name).lower(link).kind(kind, this::fill);
    }

    void fill(NlMessageWriter w) {
        w.attrU32(IflaIptun.IFLA_IPTUN_LINK, link);
        w.attrBytes(IflaIptun.IFLA_IPTUN_LOCAL, address(local));
        w.attrBytes(IflaIptun.IFLA_IPTUN_REMOTE, address(remote));
        w.attrU8(IflaIptun.IFLA_IPTUN_TTL, ttl);
        switch (kind) {
            case "ipip" -> {
                w.attrU8(IflaIptun.IFLA_IPTUN_TOS, tos).attrU8(IflaIptun.IFLA_IPTUN_PROTO, proto)
                        .attrU8(IflaIptun.IFLA_IPTUN_PMTUDISC, pmtudisc).attrU32(IflaIptun.IFLA_IPTUN_FWMARK, fwmark);
            }
            case "sit" -> {
                // i_flags is a __be16 the kernel stores and returns as iproute2 wrote it: SIT_ISATAP in host order
                w.attrU8(IflaIptun.IFLA_IPTUN_TOS, tos).attrU8(IflaIptun.IFLA_IPTUN_PMTUDISC, pmtudisc)
                        .attrU8(IflaIptun.IFLA_IPTUN_PROTO, proto).attrU16(IflaIptun.IFLA_IPTUN_FLAGS, flags)
                        .attrU32(IflaIptun.IFLA_IPTUN_FWMARK, fwmark)
                        .attrBytes(IflaIptun.IFLA_IPTUN_6RD_PREFIX, address(ip6rdPrefix))
                        .attrBytes(IflaIptun.IFLA_IPTUN_6RD_RELAY_PREFIX, address(ip6rdRelayPrefix))
                        .attrU16(IflaIptun.IFLA_IPTUN_6RD_PREFIXLEN, ip6rdPrefixLen)
                        .attrU16(IflaIptun.IFLA_IPTUN_6RD_RELAY_PREFIXLEN, ip6rdRelayPrefixLen);
            }
            default -> {
                w.attrU8(IflaIptun.IFLA_IPTUN_ENCAP_LIMIT, encapLimit).attrBe32(IflaIptun.IFLA_IPTUN_FLOWINFO, flowinfo)
                        .attrU32(IflaIptun.IFLA_IPTUN_FLAGS, flags).attrU8(IflaIptun.IFLA_IPTUN_PROTO, proto)
                        .attrU32(IflaIptun.IFLA_IPTUN_FWMARK, fwmark);
            }
        }
        w.attrU16(IflaIptun.IFLA_IPTUN_ENCAP_TYPE, encapType).attrBe16(IflaIptun.IFLA_IPTUN_ENCAP_SPORT, encapSport)
                .attrBe16(IflaIptun.IFLA_IPTUN_ENCAP_DPORT, encapDport)
                .attrU16(IflaIptun.IFLA_IPTUN_ENCAP_FLAGS, encapFlags);
        if (collectMetadata) {
            w.attrBytes(IflaIptun.IFLA_IPTUN_COLLECT_METADATA, new byte[0]);
        }
    }

    static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
