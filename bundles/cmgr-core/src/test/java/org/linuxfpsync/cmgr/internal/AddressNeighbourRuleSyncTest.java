package org.linuxfpsync.cmgr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxfpsync.cmgr.internal.L3Messages.fibRuleHdr;
import static org.linuxfpsync.cmgr.internal.L3Messages.ifaddrmsg;
import static org.linuxfpsync.cmgr.internal.L3Messages.ip;
import static org.linuxfpsync.cmgr.internal.L3Messages.msg;
import static org.linuxfpsync.cmgr.internal.L3Messages.ndmsg;
import static org.linuxfpsync.netlink.codec.Rtnetlink.*;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.fpc.testing.RecordingFpc;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NlMessageWriter;

/** Address, neighbour and rule sync fed with bytes laid out as if_addr.h, neighbour.h and fib_rules.h define them. */
class AddressNeighbourRuleSyncTest {
    private static final int VRF = 2;
    private static final Vrf BLUE = new Vrf(VRF, "blue");

    private final RecordingFpc fpc = new RecordingFpc(RecordingFpc.Format.COMPACT);

    @Test
    void anIpv4AddressCarriesItsBroadcastLabelFlagsAndScope() throws Exception {
        AddressSync sync = new AddressSync(BLUE, AF_INET, fpc);
        NlMessageWriter w = ifaddrmsg(RTM_NEWADDR, AF_INET, 24, IFA_F_PERMANENT, RT_SCOPE_UNIVERSE, 3)
                .attrBytes(IFA_ADDRESS, ip("10.1.0.1")).attrBytes(IFA_LOCAL, ip("10.1.0.1"))
                .attrBytes(IFA_BROADCAST, ip("10.1.0.255")).attrString(IFA_LABEL, "v0");
        sync.message(msg(w), false);
        w = ifaddrmsg(RTM_DELADDR, AF_INET, 24, IFA_F_PERMANENT, RT_SCOPE_UNIVERSE, 3)
                .attrBytes(IFA_ADDRESS, ip("10.1.0.1")).attrBytes(IFA_LOCAL, ip("10.1.0.1"));
        sync.message(msg(w), false);

        assertThat(fpc.lines()).containsExactly(
                "ADDR_ADD vrfid=2 ifuid=" + ifuid(3) + " family=2 local=10.1.0.1 prefixlen=24 broadcast=10.1.0.255 "
                        + "flags=128 scope=0 label=v0",
                "ADDR_DEL vrfid=2 ifuid=" + ifuid(3) + " family=2 local=10.1.0.1 prefixlen=24");
        assertThat(sync.size()).isZero();
    }

    @Test
    void aPointToPointAddressHasItsPeerAndAnIpv6AddressItsLifetimes() throws Exception {
        AddressSync v4 = new AddressSync(BLUE, AF_INET, fpc);
        v4.message(msg(ifaddrmsg(RTM_NEWADDR, AF_INET, 32, IFA_F_PERMANENT, RT_SCOPE_UNIVERSE, 3)
                .attrBytes(IFA_ADDRESS, ip("10.9.9.2")).attrBytes(IFA_LOCAL, ip("10.9.9.1"))), false);
        AddressSync v6 = new AddressSync(BLUE, AF_INET6, fpc);
        byte[] cacheinfo = new byte[16];
        java.nio.ByteBuffer.wrap(cacheinfo).order(java.nio.ByteOrder.nativeOrder()).putInt(100).putInt(200);
        v6.message(msg(ifaddrmsg(RTM_NEWADDR, AF_INET6, 64, IFA_F_NODAD, RT_SCOPE_UNIVERSE, 3)
                .attrBytes(IFA_ADDRESS, ip("2001:db8::1")).attrBytes(IFA_CACHEINFO, cacheinfo)), false);
        v6.message(msg(ifaddrmsg(RTM_NEWADDR, AF_INET, 24, 0, 0, 3).attrBytes(IFA_LOCAL, ip("10.1.0.1"))), false);

        assertThat(fpc.lines()).containsExactly(
                "ADDR_ADD vrfid=2 ifuid=" + ifuid(3) + " family=2 local=10.9.9.1 prefixlen=32 peer=10.9.9.2 flags=128 "
                        + "scope=0",
                "ADDR_ADD vrfid=2 ifuid=" + ifuid(3) + " family=10 local=2001:db8:0:0:0:0:0:1 prefixlen=64 flags=2 "
                        + "scope=0 valid_lft=200 preferred_lft=100");
    }

    @Test
    void forwardableNeighboursOnlyAndNeitherProxiesNorTheOtherFamilyNorTheFdb() throws Exception {
        NeighbourSync sync = new NeighbourSync(BLUE, AF_INET, fpc);
        sync.message(msg(ndmsg(RTM_NEWNEIGH, AF_INET, 3, NUD_PERMANENT, 0).attrBytes(NDA_DST, ip("10.1.0.5"))
                .attrBytes(NDA_LLADDR, new byte[] {2, 0, 0, 0, 0, 5})), false);
        sync.message(msg(ndmsg(RTM_NEWNEIGH, AF_INET, 3, NUD_REACHABLE, 0).attrBytes(NDA_DST, ip("10.1.0.6"))
                .attrBytes(NDA_LLADDR, new byte[] {2, 0, 0, 0, 0, 6})), false);
        sync.message(msg(ndmsg(RTM_NEWNEIGH, AF_INET, 3, NUD_INCOMPLETE, 0).attrBytes(NDA_DST, ip("10.1.0.7"))), false);
        sync.message(msg(ndmsg(RTM_NEWNEIGH, AF_INET, 3, NUD_NONE, NTF_PROXY).attrBytes(NDA_DST, ip("10.1.0.8"))), false);
        sync.message(msg(ndmsg(RTM_NEWNEIGH, AF_INET6, 3, NUD_STALE, NTF_ROUTER).attrBytes(NDA_DST, ip("fe80::1"))), false);
        sync.message(msg(ndmsg(RTM_NEWNEIGH, AF_BRIDGE, 3, NUD_REACHABLE, NTF_MASTER)
                .attrBytes(NDA_LLADDR, new byte[] {2, 0, 0, 0, 0, 8})), false);
        // A reachable neighbour that fails is no longer one to forward with.
        sync.message(msg(ndmsg(RTM_NEWNEIGH, AF_INET, 3, NUD_FAILED, 0).attrBytes(NDA_DST, ip("10.1.0.6"))), false);
        sync.message(msg(ndmsg(RTM_DELNEIGH, AF_INET, 3, NUD_INCOMPLETE, 0).attrBytes(NDA_DST, ip("10.1.0.7"))), false);

        assertThat(fpc.lines()).containsExactly(
                "NEIGH_ADD vrfid=2 ifuid=" + ifuid(3) + " family=2 dst=10.1.0.5 lladdr=020000000005 state=128 flags=0",
                "NEIGH_ADD vrfid=2 ifuid=" + ifuid(3) + " family=2 dst=10.1.0.6 lladdr=020000000006 state=2 flags=0",
                "NEIGH_DEL vrfid=2 ifuid=" + ifuid(3) + " family=2 dst=10.1.0.6");
        assertThat(sync.size()).isEqualTo(1);
    }

    @Test
    void multicastMappingsTheKernelMakesSilentlyAreLeftOut() throws Exception {
        NeighbourSync sync = new NeighbourSync(BLUE, AF_INET6, fpc);
        NlMessageWriter w = new NlMessageWriter(512).beginMessage(RTM_NEWNEIGH, 0, 0, 0);
        w.u8(AF_INET6).u8(0).u16(0).u32(3).u16(NUD_NOARP).u8(0).u8(RTN_MULTICAST);
        w.attrBytes(NDA_DST, ip("ff02::16")).attrBytes(NDA_LLADDR, new byte[] {0x33, 0x33, 0, 0, 0, 0x16});
        sync.message(msg(w), false);
        assertThat(fpc.lines()).isEmpty();

        // A destination that was a local address when the entry was made keeps RTN_LOCAL: still a neighbour.
        w = new NlMessageWriter(512).beginMessage(RTM_NEWNEIGH, 0, 0, 0);
        w.u8(AF_INET6).u8(0).u16(0).u32(3).u16(NUD_STALE).u8(0).u8(RTN_LOCAL);
        w.attrBytes(NDA_DST, ip("2001:db8::7")).attrBytes(NDA_LLADDR, new byte[] {2, 0, 0, 0, 0, 7});
        sync.message(msg(w), false);
        assertThat(fpc.lines()).singleElement().asString().startsWith("NEIGH_ADD");
    }

    @Test
    void aRuleSendsEveryKeyFieldButTheDetachedFlagsTheKernelChangesSilently() throws Exception {
        RuleSync sync = new RuleSync(BLUE, AF_INET, fpc);
        int iifDetached = 0x8;
        NlMessageWriter w = fibRuleHdr(RTM_NEWRULE, AF_INET, 0, 24, 100, FR_ACT_TO_TBL, FIB_RULE_INVERT | iifDetached)
                .attrU32(FRA_PRIORITY, 100).attrU32(FRA_TABLE, 100).attrBytes(FRA_SRC, ip("10.1.0.0"))
                .attrString(FRA_IIFNAME, "v9").attrU32(FRA_FWMARK, 0x10).attrU32(FRA_FWMASK, 0xff);
        sync.message(msg(w), false);
        // The same rule once v9 exists: the same key, so its deletion finds it.
        w = fibRuleHdr(RTM_DELRULE, AF_INET, 0, 24, 100, FR_ACT_TO_TBL, FIB_RULE_INVERT)
                .attrU32(FRA_PRIORITY, 100).attrU32(FRA_TABLE, 100).attrBytes(FRA_SRC, ip("10.1.0.0"))
                .attrString(FRA_IIFNAME, "v9").attrU32(FRA_FWMARK, 0x10).attrU32(FRA_FWMASK, 0xff);
        sync.message(msg(w), false);
        sync.message(msg(fibRuleHdr(RTM_NEWRULE, AF_INET, 0, 0, 0, FR_ACT_GOTO, 0).attrU32(FRA_PRIORITY, 10)
                .attrU32(FRA_GOTO, 200)), false);
        // The local rule has priority 0, which the kernel does not send.
        sync.message(msg(fibRuleHdr(RTM_NEWRULE, AF_INET, 0, 0, RT_TABLE_LOCAL, FR_ACT_TO_TBL, 0)
                .attrU32(FRA_TABLE, RT_TABLE_LOCAL)), false);

        String key = "vrfid=2 family=2 priority=100 action=1 table=100 src=10.1.0.0 src_len=24 iifname=v9 fwmark=16 "
                + "fwmask=255 flags=2";
        assertThat(fpc.lines()).containsExactly("RULE_ADD " + key, "RULE_DEL " + key,
                "RULE_ADD vrfid=2 family=2 priority=10 action=2 goto=200",
                "RULE_ADD vrfid=2 family=2 priority=0 action=1 table=255");
        assertThat(sync.size()).isEqualTo(2);
    }

    private static String ifuid(int ifindex) {
        return Long.toHexString(Ifuid.of(VRF, ifindex));
    }
}
