package org.linuxfpsync.sync.svti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.featuresync.testing.UapiLink.link;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.featuresync.testing.FeatureBundle;
import org.linuxfpsync.featuresync.testing.RecordingCore;
import org.linuxfpsync.featuresync.testing.UapiLink;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.IflaVti;
import org.linuxfpsync.netlink.codec.IflaXfrm;

/**
 * The feature against a kernel whose messages are uapi-encoded: the {@code IFLA_INFO_DATA} of vti and vti6 in the
 * order and sizes of {@code vti_fill_info}/{@code vti6_fill_info} (if_tunnel.h: the keys {@code __be32}), of xfrm
 * interfaces as {@code xfrmi_fill_info} writes it (if_link.h), built with NlMessageWriter and read by the netlink
 * codec; the live kernel is SvtiFeatureIT's.
 */
class SvtiFeatureUapiEncodedTest {
    private static final int VETH = 2;
    private static final int VTI = 3;
    private static final int VTI6 = 4;
    private static final int XFRM = 5;
    private static final int XFRM_EXTERNAL = 6;

    private final RecordingFpc fpc = new RecordingFpc();
    private final RecordingCore core = new RecordingCore(fpc);
    private final FakeKernel kernel = new FakeKernel();
    private final AtomicBoolean frameworkStopping = new AtomicBoolean();
    private final SvtiFeature feature = new SvtiFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));

    @BeforeEach
    void aKernelWithAVtiAVti6AndTwoXfrmInterfacesOnAVeth() {
        kernel.state.add(link(VETH, "v0").kind("veth", null).newLink());
        // ip link add vti1 type vti local 192.0.2.1 remote 198.51.100.7 ikey 5 okey 6 dev v0 fwmark 9
        kernel.state.add(vti(VTI, "vti1", VETH, 5, 6, "192.0.2.1", "198.51.100.7", 9).newLink());
        // ip link add vti61 type vti6 local 2001:db8::1 remote 2001:db8::2 key 0x10000
        kernel.state.add(vti6(VTI6, "vti61", 0, 0x10000, 0x10000, "2001:db8::1", "2001:db8::2", 0).newLink());
        // ip link add xfrm1 type xfrm dev v0 if_id 42
        kernel.state.add(xfrm(XFRM, "xfrm1", VETH, 42, false).newLink());
        // ip link add xfrm2 type xfrm external
        kernel.state.add(xfrm(XFRM_EXTERNAL, "xfrm2", 0, 0, true).newLink());
        core.followed.add(new Vrf(0, ""));
    }

    @Test
    void aStartConvergesFromTheDumpWithTheKeysAsMarksAndTheIfIds() {
        feature.activate();

        assertThat(fpc.lines()).containsExactly(
                "GR_BEGIN svti vrf 0",
                VTI_LINE,
                "SVTI_ADD vrfid=0 ifuid=" + ifuid(VTI6) + " local=2001:db8:0:0:0:0:0:1 remote=2001:db8:0:0:0:0:0:2"
                        + " ikey=65536 okey=65536 kind=2 fwmark=0",
                "SVTI_ADD vrfid=0 ifuid=" + ifuid(XFRM) + " link_ifuid=" + ifuid(VETH) + " kind=3 if_id=42",
                "SVTI_ADD vrfid=0 ifuid=" + ifuid(XFRM_EXTERNAL) + " kind=3 collect_metadata=1",
                "GR_END svti vrf 0");
        assertThat(feature.syncedObjects()).isEqualTo(4);
        assertThat(feature.name()).isEqualTo("svti");
    }

    @Test
    void theFallbackDevicesAreRecognisedByTheirPropertiesNotTheirNamesAndARenameChangesNothing() {
        kernel.state.add(vti(10, "ip_vti0", 0, 0, 0, "0.0.0.0", "0.0.0.0", 0).newLink());
        kernel.state.add(vti6(11, "ip6_vti0", 0, 0, 0, "::", "::", 0).newLink());
        feature.activate();

        assertThat(fpc.lines("SVTI_ADD vrfid=0 ifuid=" + ifuid(10))).containsExactly(
                "SVTI_ADD vrfid=0 ifuid=" + ifuid(10) + " ikey=0 okey=0 kind=1 fwmark=0 fallback=1");
        assertThat(fpc.lines("SVTI_ADD vrfid=0 ifuid=" + ifuid(11))).containsExactly(
                "SVTI_ADD vrfid=0 ifuid=" + ifuid(11) + " ikey=0 okey=0 kind=2 fwmark=0 fallback=1");
        fpc.clear();

        // ip link set ip_vti0 name vti-fb: the same device, the same object
        kernel.event(vti(10, "vti-fb", 0, 0, 0, "0.0.0.0", "0.0.0.0", 0).newLink());
        assertThat(fpc.lines()).isEmpty();

        // wildcard endpoints with a key: a device of its own (the kernel tells them apart by the key)
        kernel.event(vti(12, "vtikey", 0, 7, 7, "0.0.0.0", "0.0.0.0", 0).newLink());
        assertThat(fpc.lines()).containsExactly("SVTI_ADD vrfid=0 ifuid=" + ifuid(12) + " ikey=7 okey=7 kind=1 fwmark=0");
    }

    @Test
    void aChangeReplacesTheObjectAndAnUnchangedMessageSendsNothing() {
        feature.activate();
        fpc.clear();

        kernel.event(vti(VTI, "vti1", VETH, 5, 6, "192.0.2.1", "198.51.100.7", 9).newLink());
        kernel.event(xfrm(XFRM, "xfrm1", VETH, 42, false).newLink());
        assertThat(fpc.lines()).isEmpty();

        // ip link set vti1 type vti remote 203.0.113.4 okey 8; ip link set xfrm1 type xfrm if_id 43
        kernel.event(vti(VTI, "vti1", VETH, 5, 8, "192.0.2.1", "203.0.113.4", 9).newLink());
        kernel.event(xfrm(XFRM, "xfrm1", VETH, 43, false).newLink());
        assertThat(fpc.lines()).containsExactly(
                "SVTI_ADD vrfid=0 ifuid=" + ifuid(VTI) + " local=192.0.2.1 remote=203.0.113.4 ikey=5 okey=8 link_ifuid="
                        + ifuid(VETH) + " kind=1 fwmark=9",
                "SVTI_ADD vrfid=0 ifuid=" + ifuid(XFRM) + " link_ifuid=" + ifuid(VETH) + " kind=3 if_id=43");
    }

    @Test
    void aDeletedInterfaceIsForgottenWithoutADelBecauseTheFpmDeletedItWithItsInterface() {
        feature.activate();
        fpc.clear();

        kernel.event(link(XFRM, "xfrm1").kind("xfrm", null).delLink());

        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.syncedObjects()).isEqualTo(3);
    }

    @Test
    void anXfrmInterfaceMovedFromAnotherFollowedNamespaceIsOverThatVrfsDeviceAndFromOneNotFollowedIsRefused() {
        core.netnsids.put(3, new Vrf(7, "underlay"));
        feature.activate();
        fpc.clear();

        kernel.event(xfrm(XFRM, "xfrm1", VETH, 42, false).linkNetnsid(3).newLink());
        assertThat(fpc.lines()).containsExactly("SVTI_ADD vrfid=0 ifuid=" + ifuid(XFRM) + " link_ifuid=0x"
                + Long.toHexString(Ifuid.of(7, VETH)) + " link_vrfid=7 kind=3 if_id=42");
        fpc.clear();

        kernel.event(vti(VTI, "vti1", VETH, 5, 6, "192.0.2.1", "198.51.100.7", 9).linkNetnsid(4).newLink());
        assertThat(fpc.lines()).containsExactly("SVTI_DEL vrfid=0 ifuid=" + ifuid(VTI));
        assertThat(feature.refused()).containsExactly(Map.entry("lower device in a namespace not followed", 1L));
    }

    @Test
    void aMalformedAttributeIsCountedAndSkippedAndNothingSyncedIsLost() {
        feature.activate();
        fpc.clear();

        // IFLA_VTI_IKEY is a __be32: two bytes are not what if_tunnel.h says
        kernel.event(link(VTI, "vti1").kind("vti", w -> w.attrBe16(IflaVti.IFLA_VTI_IKEY, 5)).newLink());
        // IFLA_VTI_LOCAL of a vti6 is an in6_addr
        kernel.event(vti6(VTI6, "vti61", 0, 1, 1, "0.0.0.0", "::", 0).newLink());
        // an xfrm interface that is neither external nor has an if_id: the kernel never makes one
        kernel.event(xfrm(XFRM, "xfrm1", VETH, 0, false).newLink());
        assertThat(fpc.lines()).isEmpty();
        assertThat(feature.malformed()).isEqualTo(3);
        assertThat(feature.syncedObjects()).isEqualTo(4);

        kernel.event(vti(VTI, "vti1", VETH, 5, 6, "192.0.2.1", "198.51.100.7", 9).newLink());
        assertThat(fpc.lines()).isEmpty();
    }

    @Test
    void stoppingTheBundleWithdrawsTheFamilyInEveryVrfButTheCacheManagerStoppingKeepsIt() {
        feature.activate();
        core.listeners.get(0).vrfFollowed(new Vrf(3, "blue"));
        fpc.clear();

        feature.deactivate();
        assertThat(fpc.lines()).containsExactlyInAnyOrder("FLUSH svti vrf 0", "FLUSH svti vrf 3");
        assertThat(core.listeners).isEmpty();
        assertThat(feature.syncedObjects()).isZero();

        SvtiFeature again = new SvtiFeature(core, kernel, fpc, FeatureBundle.context(frameworkStopping::get));
        again.activate();
        fpc.clear();
        frameworkStopping.set(true);
        again.deactivate();
        assertThat(fpc.lines()).containsExactly("KEEP svti vrf 0");
    }

    private static final String VTI_LINE = "SVTI_ADD vrfid=0 ifuid=" + ifuid(VTI) + " local=192.0.2.1"
            + " remote=198.51.100.7 ikey=5 okey=6 link_ifuid=" + ifuid(VETH) + " kind=1 fwmark=9";

    /** vti_fill_info: LINK, IKEY and OKEY (__be32), LOCAL, REMOTE (in_addr), FWMARK; IFLA_LINK is the same link. */
    private static UapiLink vti(int ifindex, String name, int lower, int ikey, int okey, String local, String remote,
                                int fwmark) {
        return vtiOfKind("vti", ifindex, name, lower, ikey, okey, local, remote, fwmark);
    }

    /** vti6_fill_info: as vti's, the addresses in6_addr. */
    private static UapiLink vti6(int ifindex, String name, int lower, int ikey, int okey, String local, String remote,
                                 int fwmark) {
        return vtiOfKind("vti6", ifindex, name, lower, ikey, okey, local, remote, fwmark);
    }

    private static UapiLink vtiOfKind(String kind, int ifindex, String name, int lower, int ikey, int okey,
                                      String local, String remote, int fwmark) {
        return link(ifindex, name).lower(lower).kind(kind, w -> w.attrU32(IflaVti.IFLA_VTI_LINK, lower)
                .attrBe32(IflaVti.IFLA_VTI_IKEY, ikey).attrBe32(IflaVti.IFLA_VTI_OKEY, okey)
                .attrBytes(IflaVti.IFLA_VTI_LOCAL, address(local)).attrBytes(IflaVti.IFLA_VTI_REMOTE, address(remote))
                .attrU32(IflaVti.IFLA_VTI_FWMARK, fwmark));
    }

    /** xfrmi_fill_info: LINK, IF_ID, and the flag COLLECT_METADATA in external mode. */
    private static UapiLink xfrm(int ifindex, String name, int lower, int ifId, boolean external) {
        return link(ifindex, name).lower(lower).kind("xfrm", w -> {
            w.attrU32(IflaXfrm.IFLA_XFRM_LINK, lower).attrU32(IflaXfrm.IFLA_XFRM_IF_ID, ifId);
            if (external) {
                w.attrBytes(IflaXfrm.IFLA_XFRM_COLLECT_METADATA, new byte[0]);
            }
        });
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static String ifuid(int ifindex) {
        return "0x" + Long.toHexString(Ifuid.of(0, ifindex));
    }
}
