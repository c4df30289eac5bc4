package org.linuxfpsync.sync.gre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.featuresync.testing.UapiLink.link;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.IflaGre;
import org.linuxfpsync.netlink.codec.NlMessageWriter;

/**
 * The gre feature on uapi-encoded messages, not a live kernel's: this kernel has no gre module. Each
 * message is laid out as {@code ipgre_fill_info} (gre, gretap), {@code erspan_fill_info} (the ERSPAN
 * fields, then ipgre's) and {@code ip6gre_fill_info} (ip6gre, ip6gretap, ip6erspan) write it
 * ({@code linux/if_tunnel.h}): IFLA_GRE_IFLAGS/OFLAGS and the ports {@code __be16}, the keys and the
 * flow info {@code __be32}, the endpoints {@code in_addr} or {@code in6_addr}, IFLA_GRE_COLLECT_METADATA
 * a flag; built with NlMessageWriter and read by the netlink codec, as a kernel's would be.
 */
class GreFeatureUapiEncodedTest {
    private static final int ETH0 = 2;
    private static final int GRE0 = 3;
    private static final int GRETAP0 = 4;
    private static final int ERSPAN0 = 5;
    private static final int IP6GRE0 = 6;
    private static final int GRE1 = 10;
    private static final int TAP1 = 11;
    private static final int GRE6 = 12;
    private static final int TAP6 = 13;
    private static final int SPAN1 = 14;
    private static final int SPAN6 = 15;
    private static final int TUNNEL_ENCAP_FOU = 1;
    private static final int TUNNEL_ENCAP_FLAG_CSUM = 1;
    private static final int IP6_TNL_F_USE_ORIG_TCLASS = 0x2;

    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final AtomicBoolean frameworkStopping = new AtomicBoolean();
    private final GreFeature feature = new GreFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));

    @BeforeEach
    void theFallbackDevicesAndATunnelOfEveryKind() {
        kernel.state.add(link(ETH0, "eth0").newLink());
        // made by the modules in every namespace: wildcard endpoints, no key, no lower device
        kernel.state.add(gre("gre", GRE0, "gre0", new Gre()));
        kernel.state.add(gre("gretap", GRETAP0, "gretap0", new Gre()));
        kernel.state.add(gre("erspan", ERSPAN0, "erspan0", new Gre()));
        kernel.state.add(gre("ip6gre", IP6GRE0, "ip6gre0", new Gre().v6()));
        // ip link add gre1 type gre local 10.0.0.1 remote 10.0.0.2 key 42 iseq ocsum ttl 64 tos 0x10
        //   dev eth0 fwmark 7 encap fou encap-sport auto encap-dport 5555 encap-csum
        kernel.state.add(gre("gre", GRE1, "gre1", new Gre().endpoints(10, 1, 10, 2).keys(42, 42)
                .flags(IflaGre.GRE_KEY | IflaGre.GRE_SEQ, IflaGre.GRE_KEY | IflaGre.GRE_CSUM).ttl(64).tos(0x10)
                .link(ETH0).fwmark(7).fou(0, 5555, TUNNEL_ENCAP_FLAG_CSUM)));
        // ip link add tap1 type gretap local 10.0.0.1 remote 10.0.0.3 nopmtudisc ignore-df
        kernel.state.add(gre("gretap", TAP1, "tap1", new Gre().endpoints(10, 1, 10, 3).pmtudisc(0).ignoreDf()));
        // ip link add gre6 type ip6gre local 2001:db8::1 remote 2001:db8::2 encaplimit 4 tclass inherit
        //   flowlabel 0x12345 ikey 1.2.3.4
        kernel.state.add(gre("ip6gre", GRE6, "gre6", new Gre().v6().endpoints(1, 2).keys(0x01020304, 0)
                .flags(IflaGre.GRE_KEY, 0).ttl(64).encapLimit(4).flowinfo(0x00012345)
                .ip6Flags(IP6_TNL_F_USE_ORIG_TCLASS)));
        // ip link add tap6 type ip6gretap external
        kernel.state.add(gre("ip6gretap", TAP6, "tap6", new Gre().v6().external()));
        // ip link add span1 type erspan local 10.0.0.1 remote 10.0.0.4 seq key 100 erspan_ver 1 erspan 10
        kernel.state.add(gre("erspan", SPAN1, "span1", new Gre().endpoints(10, 1, 10, 4).keys(100, 100)
                .flags(IflaGre.GRE_KEY | IflaGre.GRE_SEQ, IflaGre.GRE_KEY | IflaGre.GRE_SEQ).erspanV1(10)));
        // ip link add span6 type ip6erspan local 2001:db8::1 remote 2001:db8::5 key 7 erspan_ver 2
        //   erspan_dir egress erspan_hwid 0x3f
        kernel.state.add(gre("ip6erspan", SPAN6, "span6", new Gre().v6().endpoints(1, 5).keys(7, 7)
                .flags(IflaGre.GRE_KEY, IflaGre.GRE_KEY).erspanV2(1, 0x3f)));
        core.followed.add(new Vrf(0, ""));
    }

    @Test
    void aDumpSendsEveryKindWithEveryAttributeAndMarksTheFallbackDevicesBetweenTheFamilysMarkers() {
        feature.activate();

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN gre vrf 0",
                "GRE_ADD vrfid=0 ifuid=" + ifuid(GRE0) + " kind=1 iflags=0 oflags=0 ttl=0 tos=0 pmtudisc=1"
                        + " ignore_df=0 fwmark=0 fallback=1",
                "GRE_ADD vrfid=0 ifuid=" + ifuid(GRETAP0) + " kind=2 iflags=0 oflags=0 ttl=0 tos=0 pmtudisc=1"
                        + " ignore_df=0 fwmark=0 fallback=1",
                "GRE_ADD vrfid=0 ifuid=" + ifuid(ERSPAN0) + " kind=5 iflags=0 oflags=0 ttl=0 tos=0 pmtudisc=1"
                        + " ignore_df=0 fwmark=0 fallback=1",
                "GRE_ADD vrfid=0 ifuid=" + ifuid(IP6GRE0) + " kind=3 iflags=0 oflags=0 ttl=0 fwmark=0"
                        + " encap_limit=4 flowinfo=0 flags=0 fallback=1",
                "GRE_ADD vrfid=0 ifuid=" + ifuid(GRE1) + " kind=1 local=10.0.0.1 remote=10.0.0.2 ikey=42 okey=42"
                        + " iflags=12288 oflags=40960 ttl=64 tos=16 pmtudisc=1 link_ifuid=" + ifuid(ETH0)
                        + " ignore_df=0 fwmark=7 encap_type=1 encap_flags=1 encap_sport=0 encap_dport=5555",
                "GRE_ADD vrfid=0 ifuid=" + ifuid(TAP1) + " kind=2 local=10.0.0.1 remote=10.0.0.3 iflags=0 oflags=0"
                        + " ttl=0 tos=0 pmtudisc=0 ignore_df=1 fwmark=0",
                "GRE_ADD vrfid=0 ifuid=" + ifuid(GRE6) + " kind=3 local=2001:db8:0:0:0:0:0:1"
                        + " remote=2001:db8:0:0:0:0:0:2 ikey=16909060 iflags=8192 oflags=0 ttl=64 fwmark=0"
                        + " encap_limit=4 flowinfo=74565 flags=2",
                "GRE_ADD vrfid=0 ifuid=" + ifuid(TAP6) + " kind=4 iflags=0 oflags=0 ttl=0 fwmark=0"
                        + " collect_metadata=1 encap_limit=4 flowinfo=0 flags=0",
                "GRE_ADD vrfid=0 ifuid=" + ifuid(SPAN1) + " kind=5 local=10.0.0.1 remote=10.0.0.4 ikey=100 okey=100"
                        + " iflags=12288 oflags=12288 ttl=0 tos=0 pmtudisc=1 ignore_df=0 fwmark=0 erspan_ver=1"
                        + " erspan_index=10",
                "GRE_ADD vrfid=0 ifuid=" + ifuid(SPAN6) + " kind=6 local=2001:db8:0:0:0:0:0:1"
                        + " remote=2001:db8:0:0:0:0:0:5 ikey=7 okey=7 iflags=8192 oflags=8192 ttl=0 fwmark=0"
                        + " encap_limit=4 flowinfo=0 flags=0 erspan_ver=2 erspan_dir=1 erspan_hwid=63",
                "GR_END gre vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(10);
        assertThat(feature.name()).isEqualTo("gre");
    }

    @Test
    void aRenamedFallbackDeviceIsStillTheFallbackOneAndAWildcardTunnelWithAKeyOrExternalIsNot() {
        feature.activate();
        fpc.clear();

        // ip link set gre0 name catchall: the same parameters, nothing to send
        kernel.event(gre("gre", GRE0, "catchall", new Gre()));
        assertThat(fpc.lines()).isEmpty();

        // wildcard endpoints but keyed, or flow-based, or over a lower device: ordinary tunnels
        kernel.event(gre("gre", 20, "keyed", new Gre().keys(5, 5).flags(IflaGre.GRE_KEY, IflaGre.GRE_KEY)));
        kernel.event(gre("gre", 21, "ext", new Gre().external()));
        kernel.event(gre("gretap", 22, "over", new Gre().link(ETH0)));
        assertThat(fpc.lines()).containsExactly(
                "GRE_ADD vrfid=0 ifuid=" + ifuid(20) + " kind=1 ikey=5 okey=5 iflags=8192 oflags=8192 ttl=0 tos=0"
                        + " pmtudisc=1 ignore_df=0 fwmark=0",
                "GRE_ADD vrfid=0 ifuid=" + ifuid(21) + " kind=1 iflags=0 oflags=0 ttl=0 tos=0 pmtudisc=1"
                        + " ignore_df=0 fwmark=0 collect_metadata=1",
                "GRE_ADD vrfid=0 ifuid=" + ifuid(22) + " kind=2 iflags=0 oflags=0 ttl=0 tos=0 pmtudisc=1"
                        + " link_ifuid=" + ifuid(ETH0) + " ignore_df=0 fwmark=0");
    }

    @Test
    void aChangeSendsTheWholeObjectAnUnchangedOneNothingAndADeletedTunnelIsForgottenWithoutADel() {
        feature.activate();
        fpc.clear();

        kernel.event(gre("gretap", TAP1, "tap1", new Gre().endpoints(10, 1, 10, 3).pmtudisc(0).ignoreDf()));
        assertThat(fpc.lines()).isEmpty();

        // ip link set tap1 type gretap okey 9 oseq ttl 5
        kernel.event(gre("gretap", TAP1, "tap1", new Gre().endpoints(10, 1, 10, 3).pmtudisc(0).ignoreDf()
                .keys(0, 9).flags(0, IflaGre.GRE_KEY | IflaGre.GRE_SEQ).ttl(5)));
        kernel.event(link(GRE1, "gre1").kind("gre", null).delLink());

        assertThat(fpc.lines()).containsExactly(
                "GRE_ADD vrfid=0 ifuid=" + ifuid(TAP1) + " kind=2 local=10.0.0.1 remote=10.0.0.3 okey=9 iflags=0"
                        + " oflags=12288 ttl=5 tos=0 pmtudisc=0 ignore_df=1 fwmark=0");
        assertThat(feature.syncedObjects()).isEqualTo(9);
    }

    @Test
    void aLowerDeviceOrOuterPacketsInAnotherFollowedVrfAreThatVrfsAndInOneNotFollowedTheTunnelIsRefused() {
        core.netnsids.put(0, new Vrf(3, "underlay"));
        feature.activate();
        fpc.clear();

        // made in vrf 3 over its eth0, then moved here (ip link set gre1 netns ...): IFLA_LINK_NETNSID 0
        kernel.event(link(GRE1, "gre1").linkNetnsid(0).kind("gre", w -> new Gre().endpoints(10, 1, 10, 2)
                .link(ETH0).encode(w)).newLink());
        // moved without a lower device: its outer packets still go in vrf 3
        kernel.event(link(TAP1, "tap1").linkNetnsid(0).kind("gretap", w -> new Gre().endpoints(10, 1, 10, 3)
                .encode(w)).newLink());
        assertThat(fpc.lines()).containsExactly(
                "GRE_ADD vrfid=0 ifuid=" + ifuid(GRE1) + " kind=1 local=10.0.0.1 remote=10.0.0.2 iflags=0 oflags=0"
                        + " ttl=0 tos=0 pmtudisc=1 link_ifuid=0x" + Long.toHexString(Ifuid.of(3, ETH0))
                        + " link_vrfid=3 ignore_df=0 fwmark=0",
                "GRE_ADD vrfid=0 ifuid=" + ifuid(TAP1) + " kind=2 local=10.0.0.1 remote=10.0.0.3 iflags=0 oflags=0"
                        + " ttl=0 tos=0 pmtudisc=1 link_vrfid=3 ignore_df=0 fwmark=0");
        fpc.clear();

        // an id that names no followed vrf: withdrawn, counted, never an ifuid of another interface
        kernel.event(link(GRE1, "gre1").linkNetnsid(1).kind("gre", w -> new Gre().endpoints(10, 1, 10, 2)
                .link(ETH0).encode(w)).newLink());
        kernel.event(link(TAP1, "tap1").linkNetnsid(1).kind("gretap", w -> new Gre().endpoints(10, 1, 10, 3)
                .encode(w)).newLink());
        assertThat(fpc.lines()).containsExactly(
                "GRE_DEL vrfid=0 ifuid=" + ifuid(GRE1),
                "GRE_DEL vrfid=0 ifuid=" + ifuid(TAP1));
        assertThat(feature.refused()).isEqualTo(Map.of("lower device in a namespace not followed", 2L));
        assertThat(feature.malformed()).isZero();
    }

    @Test
    void malformedUapiEncodedMessagesAreCountedAndSkippedAndWhatWasSyncedStays() {
        feature.activate();
        fpc.clear();

        kernel.event(gre("gre", GRE1, "gre1", w -> w.attrU16(IflaGre.IFLA_GRE_IKEY, 42)));
        // an IPv6 local on a gre over IPv4
        kernel.event(gre("gre", GRE1, "gre1", w -> w.attrBytes(IflaGre.IFLA_GRE_LOCAL, v6(1))));
        kernel.event(gre("gre", GRE1, "gre1", w -> w.attrU32(IflaGre.IFLA_GRE_IFLAGS, 0)));
        kernel.event(gre("ip6gre", GRE6, "gre6", w -> w.attrU8(IflaGre.IFLA_GRE_FLOWINFO, 1)));
        kernel.event(gre("erspan", SPAN1, "span1", w -> w.attrU8(IflaGre.IFLA_GRE_ERSPAN_INDEX, 1)));
        // an attribute overrunning IFLA_INFO_DATA
        kernel.event(gre("gre", GRE1, "gre1", w -> w.attrU8(IflaGre.IFLA_GRE_TTL, 1).u16(12).u16(IflaGre.IFLA_GRE_TOS)));

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.malformed()).isEqualTo(6);
        assertThat(feature.syncedObjects()).isEqualTo(10);
    }

    @Test
    void stoppingWithdrawsTheFamilyAndAStopOfTheCacheManagerKeepsIt() {
        feature.activate();
        fpc.clear();
        feature.deactivate();
        assertThat(fpc.lines()).containsExactly("FLUSH gre vrf 0");
        assertThat(feature.syncedObjects()).isZero();

        GreFeature again = new GreFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));
        again.activate();
        fpc.clear();
        frameworkStopping.set(true);
        again.deactivate();
        assertThat(fpc.lines()).containsExactly("KEEP gre vrf 0");
    }

    private static byte[] gre(String kind, int ifindex, String name, Gre data) {
        return link(ifindex, name).kind(kind, data::encode).newLink();
    }

    private static byte[] gre(String kind, int ifindex, String name, Consumer<NlMessageWriter> data) {
        return link(ifindex, name).kind(kind, data).newLink();
    }

    private static String ifuid(int ifindex) {
        return "0x" + Long.toHexString(Ifuid.of(0, ifindex));
    }

    private static byte[] v6(int last) {
        return new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) last};
    }

    /**
     * The IFLA_INFO_DATA of one device, with the kernel's defaults (a device made with no option: the
     * fallback device's parameters), written in its fill_info order.
     */
    private static final class Gre {
        private boolean v6;
        private byte[] local = new byte[4];
        private byte[] remote = new byte[4];
        private int link;
        private int iflags;
        private int oflags;
        private int ikey;
        private int okey;
        private int ttl;
        private int tos;
        private int pmtudisc = 1;
        private int fwmark;
        private int encapType;
        private int encapSport;
        private int encapDport;
        private int encapFlags;
        private int ignoreDf;
        private boolean external;
        private int encapLimit = 4;
        private int flowinfo;
        private int ip6Flags;
        private int erspanVer = -1;
        private int erspanIndex;
        private int erspanDir;
        private int erspanHwid;

        Gre v6() {
            v6 = true;
            local = new byte[16];
            remote = new byte[16];
            return this;
        }

        Gre endpoints(int localLast, int remoteLast) {
            local = GreFeatureUapiEncodedTest.v6(localLast);
            remote = GreFeatureUapiEncodedTest.v6(remoteLast);
            return this;
        }

        Gre endpoints(int local1, int local4, int remote1, int remote4) {
            local = new byte[] {(byte) local1, 0, 0, (byte) local4};
            remote = new byte[] {(byte) remote1, 0, 0, (byte) remote4};
            return this;
        }

        Gre keys(int in, int out) {
            ikey = in;
            okey = out;
            return this;
        }

        Gre flags(int in, int out) {
            iflags = in;
            oflags = out;
            return this;
        }

        Gre ttl(int value) {
            ttl = value;
            return this;
        }

        Gre tos(int value) {
            tos = value;
            return this;
        }

        Gre pmtudisc(int value) {
            pmtudisc = value;
            return this;
        }

        Gre link(int ifindex) {
            link = ifindex;
            return this;
        }

        Gre fwmark(int value) {
            fwmark = value;
            return this;
        }

        Gre fou(int sport, int dport, int flags) {
            encapType = TUNNEL_ENCAP_FOU;
            encapSport = sport;
            encapDport = dport;
            encapFlags = flags;
            return this;
        }

        Gre ignoreDf() {
            ignoreDf = 1;
            return this;
        }

        Gre external() {
            external = true;
            return this;
        }

        Gre encapLimit(int value) {
            encapLimit = value;
            return this;
        }

        Gre flowinfo(int value) {
            flowinfo = value;
            return this;
        }

        Gre ip6Flags(int value) {
            ip6Flags = value;
            return this;
        }

        Gre erspanV1(int index) {
            erspanVer = 1;
            erspanIndex = index;
            return this;
        }

        Gre erspanV2(int dir, int hwid) {
            erspanVer = 2;
            erspanDir = dir;
            erspanHwid = hwid;
            return this;
        }

        /** ipgre_fill_info (after erspan_fill_info's ERSPAN fields), or ip6gre_fill_info. */
        void encode(NlMessageWriter w) {
            if (!v6) {
                erspan(w);
            }
            w.attrU32(IflaGre.IFLA_GRE_LINK, link).attrBe16(IflaGre.IFLA_GRE_IFLAGS, iflags)
                    .attrBe16(IflaGre.IFLA_GRE_OFLAGS, oflags).attrBe32(IflaGre.IFLA_GRE_IKEY, ikey)
                    .attrBe32(IflaGre.IFLA_GRE_OKEY, okey).attrBytes(IflaGre.IFLA_GRE_LOCAL, local)
                    .attrBytes(IflaGre.IFLA_GRE_REMOTE, remote).attrU8(IflaGre.IFLA_GRE_TTL, ttl);
            if (v6) {
                w.attrU8(IflaGre.IFLA_GRE_ENCAP_LIMIT, encapLimit).attrBe32(IflaGre.IFLA_GRE_FLOWINFO, flowinfo)
                        .attrU32(IflaGre.IFLA_GRE_FLAGS, ip6Flags);
            } else {
                w.attrU8(IflaGre.IFLA_GRE_TOS, tos).attrU8(IflaGre.IFLA_GRE_PMTUDISC, pmtudisc);
            }
            w.attrU32(IflaGre.IFLA_GRE_FWMARK, fwmark).attrU16(IflaGre.IFLA_GRE_ENCAP_TYPE, encapType)
                    .attrBe16(IflaGre.IFLA_GRE_ENCAP_SPORT, encapSport).attrBe16(IflaGre.IFLA_GRE_ENCAP_DPORT, encapDport)
                    .attrU16(IflaGre.IFLA_GRE_ENCAP_FLAGS, encapFlags);
            if (!v6) {
                w.attrU8(IflaGre.IFLA_GRE_IGNORE_DF, ignoreDf);
            }
            if (external) {
                w.attrBytes(IflaGre.IFLA_GRE_COLLECT_METADATA, new byte[0]);
            }
            if (v6) {
                erspan(w);
            }
        }

        private void erspan(NlMessageWriter w) {
            if (erspanVer < 0) {
                return;
            }
            w.attrU8(IflaGre.IFLA_GRE_ERSPAN_VER, erspanVer);
            if (erspanVer == 1) {
                w.attrU32(IflaGre.IFLA_GRE_ERSPAN_INDEX, erspanIndex);
            } else {
                w.attrU8(IflaGre.IFLA_GRE_ERSPAN_DIR, erspanDir).attrU16(IflaGre.IFLA_GRE_ERSPAN_HWID, erspanHwid);
            }
        }
    }
}
