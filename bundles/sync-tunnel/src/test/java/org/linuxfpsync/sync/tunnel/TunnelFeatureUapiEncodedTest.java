package org.linuxfpsync.sync.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.featuresync.testing.UapiLink.link;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.IflaIptun;

/**
 * The feature against a kernel whose messages are uapi-encoded ({@link UapiTunnel}: if_tunnel.h layouts in the
 * order of the kernel's fill_info functions, built with NlMessageWriter and read by the netlink codec); the live
 * kernel is TunnelFeatureIT's.
 */
class TunnelFeatureUapiEncodedTest {
    private static final int VETH = 2;
    private static final int IPIP = 3;
    private static final int SIT = 4;
    private static final int IP6TNL = 5;

    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final AtomicBoolean frameworkStopping = new AtomicBoolean();
    private final TunnelFeature feature = new TunnelFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));

    @BeforeEach
    void aKernelWithOneTunnelOfEachKindOnAVeth() {
        kernel.state.add(link(VETH, "v0").kind("veth", null).newLink());
        kernel.state.add(ipipWithFou().newLink(IPIP, "ipip1"));
        kernel.state.add(isatap().newLink(SIT, "isatap1"));
        kernel.state.add(ipip6().newLink(IP6TNL, "ip6t1"));
        core.followed.add(new Vrf(0, ""));
    }

    @Test
    void aStartConvergesFromTheDumpWithEveryParameterOfEachKind() {
        feature.activate();

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN tunnels vrf 0",
                IPIP_LINE,
                SIT_LINE,
                IP6TNL_LINE,
                "GR_END tunnels vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(3);
        assertThat(feature.name()).isEqualTo("tunnel");
    }

    @Test
    void theModesOfIp6tnlAreItsInnerProtocolAndExternalHasNoEndpoints() {
        feature.activate();
        fpc.clear();

        UapiTunnel ip6ip6 = UapiTunnel.ip6tnl();
        ip6ip6.local = "2001:db8::1";
        ip6ip6.remote = "2001:db8::2";
        ip6ip6.flags = IflaIptun.IP6_TNL_F_USE_ORIG_TCLASS | IflaIptun.IP6_TNL_F_USE_ORIG_FLOWLABEL;
        kernel.event(ip6ip6.newLink(6, "ip6ip6"));
        UapiTunnel any = UapiTunnel.ip6tnl();
        any.proto = 0;
        any.collectMetadata = true;
        any.encapLimit = 0;
        any.flags = IflaIptun.IP6_TNL_F_IGN_ENCAP_LIMIT;
        kernel.event(any.newLink(7, "ip6ext"));

        assertThat(fpc.lines()).containsExactly(
                "TUNNEL_ADD vrfid=0 ifuid=" + ifuid(6) + " kind=3 local=2001:db8:0:0:0:0:0:1"
                        + " remote=2001:db8:0:0:0:0:0:2 ttl=64 tos=0 proto=41 flags=6 flowlabel=0 encap_limit=4 fwmark=0",
                "TUNNEL_ADD vrfid=0 ifuid=" + ifuid(7) + " kind=3 ttl=64 tos=0 proto=0 flags=1 flowlabel=0 encap_limit=0"
                        + " fwmark=0 collect_metadata=1");
    }

    @Test
    void a6rdSitSendsItsPrefixesAndAnExternalIpipItsFlag() {
        feature.activate();
        fpc.clear();

        UapiTunnel sixRd = UapiTunnel.sit();
        sixRd.local = "192.0.2.1";
        sixRd.ip6rdPrefix = "2001:db8::";
        sixRd.ip6rdPrefixLen = 32;
        sixRd.ip6rdRelayPrefix = "192.0.2.0";
        sixRd.ip6rdRelayPrefixLen = 24;
        kernel.event(sixRd.newLink(6, "6rd"));
        UapiTunnel external = UapiTunnel.ipip();
        external.collectMetadata = true;
        external.proto = 0;
        kernel.event(external.newLink(7, "ipipext"));

        assertThat(fpc.lines()).containsExactly(
                "TUNNEL_ADD vrfid=0 ifuid=" + ifuid(6) + " kind=2 local=192.0.2.1 ttl=0 tos=0 proto=41 flags=0"
                        + " pmtudisc=1 fwmark=0 ip6rd_prefix=2001:db8:0:0:0:0:0:0 ip6rd_prefixlen=32"
                        + " ip6rd_relay_prefix=192.0.2.0 ip6rd_relay_prefixlen=24",
                "TUNNEL_ADD vrfid=0 ifuid=" + ifuid(7) + " kind=1 ttl=0 tos=0 proto=0 pmtudisc=1 fwmark=0"
                        + " collect_metadata=1");
    }

    @Test
    void ipTunnelChangeIsAPlainNewLinkThatReplacesTheObjectAndAnUnchangedOneSendsNothing() {
        feature.activate();
        fpc.clear();

        kernel.event(ipipWithFou().newLink(IPIP, "ipip1"));
        kernel.event(link(VETH, "v0").kind("veth", null).newLink());
        assertThat(fpc.lines()).isEmpty();

        // ip tunnel change ipip1 remote 203.0.113.9 ttl 10 nopmtudisc, and its fou encapsulation removed
        UapiTunnel changed = ipipWithFou();
        changed.remote = "203.0.113.9";
        changed.ttl = 10;
        changed.pmtudisc = 0;
        changed.encapType = IflaIptun.TUNNEL_ENCAP_NONE;
        changed.encapSport = 0;
        changed.encapDport = 0;
        changed.encapFlags = 0;
        kernel.event(changed.newLink(IPIP, "ipip1"));

        assertThat(fpc.lines()).containsExactly(
                "TUNNEL_ADD vrfid=0 ifuid=" + ifuid(IPIP) + " kind=1 local=192.0.2.1 remote=203.0.113.9 ttl=10 tos=16"
                        + " proto=4 link_ifuid=" + ifuid(VETH) + " pmtudisc=0 fwmark=7");
        assertThat(feature.syncedObjects()).isEqualTo(3);
    }

    @Test
    void theFallbackDevicesAreRecognisedByTheirPropertiesNotTheirNamesAndARenameChangesNothing() {
        kernel.state.add(UapiTunnel.ipip().newLink(10, "tunl0"));
        kernel.state.add(UapiTunnel.sit().newLink(11, "sit0"));
        kernel.state.add(UapiTunnel.ip6tnl().newLink(12, "ip6tnl0"));
        feature.activate();

        assertThat(fpc.lines("TUNNEL_ADD vrfid=0 ifuid=" + ifuid(10))).containsExactly("TUNNEL_ADD vrfid=0 ifuid="
                + ifuid(10) + " kind=1 ttl=0 tos=0 proto=4 pmtudisc=1 fwmark=0 fallback=1");
        assertThat(fpc.lines("TUNNEL_ADD vrfid=0 ifuid=" + ifuid(11))).containsExactly("TUNNEL_ADD vrfid=0 ifuid="
                + ifuid(11) + " kind=2 ttl=0 tos=0 proto=41 flags=0 pmtudisc=1 fwmark=0"
                + " ip6rd_prefix=2002:0:0:0:0:0:0:0 ip6rd_prefixlen=16 ip6rd_relay_prefixlen=0 fallback=1");
        assertThat(fpc.lines("TUNNEL_ADD vrfid=0 ifuid=" + ifuid(12))).containsExactly("TUNNEL_ADD vrfid=0 ifuid="
                + ifuid(12) + " kind=3 ttl=64 tos=0 proto=41 flags=0 flowlabel=0 encap_limit=4 fwmark=0 fallback=1");
        fpc.clear();

        // ip link set tunl0 name tun-fb: the same device, the same object
        kernel.event(UapiTunnel.ipip().newLink(10, "tun-fb"));
        assertThat(fpc.lines()).isEmpty();

        // a tunnel named tunl0 with a remote is not the fallback device; a keyless wildcard one with a lower
        // device is not either
        UapiTunnel named = UapiTunnel.ipip();
        named.remote = "198.51.100.9";
        kernel.event(named.newLink(13, "tunl0"));
        UapiTunnel overVeth = UapiTunnel.ipip();
        overVeth.link = VETH;
        kernel.event(overVeth.newLink(14, "tunv"));
        assertThat(fpc.lines()).containsExactly(
                "TUNNEL_ADD vrfid=0 ifuid=" + ifuid(13) + " kind=1 remote=198.51.100.9 ttl=0 tos=0 proto=4 pmtudisc=1"
                        + " fwmark=0",
                "TUNNEL_ADD vrfid=0 ifuid=" + ifuid(14) + " kind=1 ttl=0 tos=0 proto=4 link_ifuid=" + ifuid(VETH)
                        + " pmtudisc=1 fwmark=0");
    }

    @Test
    void aTunnelMovedFromAnotherFollowedNamespaceSendsItsOuterVrfAndFromOneNotFollowedIsRefusedAndCounted() {
        core.netnsids.put(3, new Vrf(7, "underlay"));
        feature.activate();
        fpc.clear();

        // made in the namespace of vrf 7 over its ifindex 2, then moved here: IFLA_LINK_NETNSID 3
        kernel.event(ipipWithFou().device(IPIP, "ipip1").linkNetnsid(3).newLink());
        UapiTunnel noLower = UapiTunnel.sit();
        noLower.remote = "198.51.100.7";
        kernel.event(noLower.device(SIT, "isatap1").linkNetnsid(3).newLink());
        assertThat(fpc.lines()).containsExactly(
                "TUNNEL_ADD vrfid=0 ifuid=" + ifuid(IPIP) + " kind=1 local=192.0.2.1 remote=198.51.100.7 ttl=64 tos=16"
                        + " proto=4 link_ifuid=0x" + Long.toHexString(Ifuid.of(7, VETH)) + " link_vrfid=7 pmtudisc=1"
                        + " fwmark=7 encap_type=1 encap_flags=1 encap_sport=0 encap_dport=5555",
                "TUNNEL_ADD vrfid=0 ifuid=" + ifuid(SIT) + " kind=2 remote=198.51.100.7 ttl=0 tos=0 proto=41 flags=0"
                        + " link_vrfid=7 pmtudisc=1 fwmark=0 ip6rd_prefix=2002:0:0:0:0:0:0:0 ip6rd_prefixlen=16"
                        + " ip6rd_relay_prefixlen=0");
        fpc.clear();

        kernel.event(ipipWithFou().device(IPIP, "ipip1").linkNetnsid(4).newLink());
        assertThat(fpc.lines()).containsExactly("TUNNEL_DEL vrfid=0 ifuid=" + ifuid(IPIP));
        assertThat(feature.refused()).containsExactly(Map.entry("lower device in a namespace not followed", 1L));
        assertThat(feature.malformed()).isZero();
    }

    @Test
    void aDeletedTunnelIsForgottenWithoutADelBecauseTheFpmDeletedItWithItsInterface() {
        feature.activate();
        fpc.clear();

        kernel.event(link(SIT, "isatap1").kind("sit", null).delLink());

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.syncedObjects()).isEqualTo(2);
    }

    @Test
    void aMalformedAttributeIsCountedAndSkippedAndNothingSyncedIsLost() {
        feature.activate();
        fpc.clear();

        // IFLA_IPTUN_LOCAL of an ipip is an in_addr: 16 bytes are not what if_tunnel.h says.
        UapiTunnel sixteenBytes = ipipWithFou();
        sixteenBytes.local = "2001:db8::1";
        kernel.event(sixteenBytes.newLink(IPIP, "ipip1"));
        // IFLA_IPTUN_FLOWINFO is a __be32: two bytes.
        kernel.event(link(IP6TNL, "ip6t1").kind("ip6tnl", w -> w.attrU16(IflaIptun.IFLA_IPTUN_FLOWINFO, 1)).newLink());
        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.malformed()).isEqualTo(2);
        assertThat(feature.syncedObjects()).isEqualTo(3);

        kernel.event(ipip6().newLink(IP6TNL, "ip6t1"));
        assertThat(fpc.lines()).isEmpty();
    }

    @Test
    void stoppingTheBundleWithdrawsTheFamilyInEveryVrfButTheCacheManagerStoppingKeepsIt() {
        feature.activate();
        core.listeners.get(0).vrfFollowed(new Vrf(3, "blue"));
        fpc.clear();

        feature.deactivate();
        assertThat(fpc.lines()).containsExactlyInAnyOrder("FLUSH tunnels vrf 0", "FLUSH tunnels vrf 3");
        assertThat(core.listeners).isEmpty();
        assertThat(feature.syncedObjects()).isZero();

        TunnelFeature again = new TunnelFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));
        again.activate();
        fpc.clear();
        frameworkStopping.set(true);
        again.deactivate();
        assertThat(fpc.lines()).containsExactly("KEEP tunnels vrf 0");
    }

    private static final String IPIP_LINE = "TUNNEL_ADD vrfid=0 ifuid=" + ifuid(IPIP) + " kind=1 local=192.0.2.1"
            + " remote=198.51.100.7 ttl=64 tos=16 proto=4 link_ifuid=" + ifuid(VETH) + " pmtudisc=1 fwmark=7"
            + " encap_type=1 encap_flags=1 encap_sport=0 encap_dport=5555";
    /** ISATAP: flags=1; the 6rd prefix is the kernel's default, 2002::/16. */
    private static final String SIT_LINE = "TUNNEL_ADD vrfid=0 ifuid=" + ifuid(SIT) + " kind=2 local=192.0.2.1"
            + " ttl=0 tos=0 proto=41 flags=1 pmtudisc=1 fwmark=0 ip6rd_prefix=2002:0:0:0:0:0:0:0 ip6rd_prefixlen=16"
            + " ip6rd_relay_prefixlen=0";
    /** tclass 0x28 is tos=40, flow label 0x12345 is 74565. */
    private static final String IP6TNL_LINE = "TUNNEL_ADD vrfid=0 ifuid=" + ifuid(IP6TNL) + " kind=3"
            + " local=2001:db8:0:0:0:0:0:1 remote=2001:db8:ffff:0:0:0:0:1 ttl=255 tos=40 proto=4 flags=1"
            + " link_ifuid=" + ifuid(VETH) + " flowlabel=74565 encap_limit=0 fwmark=0 encap_type=2 encap_flags=0"
            + " encap_sport=0 encap_dport=6080";

    /** ip link add ipip1 type ipip local 192.0.2.1 remote 198.51.100.7 ttl 64 tos 0x10 dev v0 fwmark 7
     * encap fou encap-dport 5555 encap-csum. */
    private static UapiTunnel ipipWithFou() {
        UapiTunnel t = UapiTunnel.ipip();
        t.link = VETH;
        t.local = "192.0.2.1";
        t.remote = "198.51.100.7";
        t.ttl = 64;
        t.tos = 0x10;
        t.fwmark = 7;
        t.encapType = IflaIptun.TUNNEL_ENCAP_FOU;
        t.encapDport = 5555;
        t.encapFlags = IflaIptun.TUNNEL_ENCAP_FLAG_CSUM;
        return t;
    }

    /** ip link add isatap1 type sit mode isatap local 192.0.2.1. */
    private static UapiTunnel isatap() {
        UapiTunnel t = UapiTunnel.sit();
        t.local = "192.0.2.1";
        t.flags = IflaIptun.SIT_ISATAP;
        return t;
    }

    /** ip link add ip6t1 type ip6tnl mode ipip6 local 2001:db8::1 remote 2001:db8:ffff::1 hoplimit 255 dev v0
     * tclass 0x28 flowlabel 0x12345 encaplimit none encap gue encap-dport 6080. */
    private static UapiTunnel ip6ipWithGue() {
        UapiTunnel t = UapiTunnel.ip6tnl();
        t.link = VETH;
        t.proto = 4;
        t.local = "2001:db8::1";
        t.remote = "2001:db8:ffff::1";
        t.ttl = 255;
        t.flowinfo = 0x28 << 20 | 0x12345;
        t.encapLimit = 0;
        t.flags = IflaIptun.IP6_TNL_F_IGN_ENCAP_LIMIT;
        t.encapType = IflaIptun.TUNNEL_ENCAP_GUE;
        t.encapDport = 6080;
        return t;
    }

    private static UapiTunnel ipip6() {
        return ip6ipWithGue();
    }

    private static String ifuid(int ifindex) {
        return "0x" + Long.toHexString(Ifuid.of(0, ifindex));
    }
}
