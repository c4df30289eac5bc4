package org.linuxfpsync.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * xfrm, nfnetlink (conntrack, nftables), audit and packet_diag decoders on bytes laid out as the
 * uapi headers define them. The kernel here has no ESP/AH, so the SA bytes are uapi-encoded,
 * never captured: the test names say so.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OtherFamiliesDecodersTest {
    private static final byte[] SRC = {10, 0, 0, 1};
    private static final byte[] DST = {10, 0, 0, 2};
    private static final byte[] NATTED = {(byte) 192, (byte) 168, 1, 9};
    /** A recognisable key: must never show up in a String. */
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final NlMsg msg = new NlMsg();
    private final byte[] out = new byte[16];

    private NlMsg first(ByteBuffer datagram) throws NetlinkFormatException {
        return msg.wrap(datagram, 0, datagram.limit());
    }

    private static NlMessageWriter address16(NlMessageWriter w, byte[] v4) {
        return w.bytes(v4).zeros(16 - v4.length);
    }

    /** struct xfrm_selector for 10.0.0.1/32 -> 10.0.0.2/32, any port, proto UDP. */
    private static NlMessageWriter selector(NlMessageWriter w) {
        address16(w, DST);
        address16(w, SRC);
        return w.be16(0).be16(0).be16(0).be16(0).u16(Rtnetlink.AF_INET).u8(32).u8(32).u8(17).zeros(3).u32(0).u32(0);
    }

    private static NlMessageWriter algorithm(NlMessageWriter w, int type, String name, int extraField, boolean withExtra) {
        byte[] nameBytes = new byte[64];
        System.arraycopy(name.getBytes(StandardCharsets.US_ASCII), 0, nameBytes, 0, name.length());
        w.beginNest(type).bytes(nameBytes).u32(KEY.length * 8);
        if (withExtra) {
            w.u32(extraField);
        }
        return w.bytes(KEY).endNest();
    }

    /** XFRM_MSG_NEWSA of an ESP tunnel SA, spi 0x1234, with auth, crypt, ESN replay state, mark and if_id. */
    static NlMessageWriter uapiEncodedNewSa() {
        NlMessageWriter w = new NlMessageWriter(1024).beginMessage(Xfrm.XFRM_MSG_NEWSA, 0, 0, 0);
        selector(w);
        address16(w, DST).be32(0x1234).u8(Xfrm.IPPROTO_ESP).zeros(3);          // xfrm_id
        address16(w, SRC);                                                      // saddr
        w.zeros(64).u64(1000).u64(10).u64(0).u64(0);                           // lft, curlft (bytes, packets, ...)
        w.zeros(12).u32(5).u32(42).u16(Rtnetlink.AF_INET).u8(Xfrm.XFRM_MODE_TUNNEL).u8(32).u8(Xfrm.XFRM_STATE_ESN)
                .zeros(7);                                                      // stats, seq, reqid, family, mode, window, flags
        algorithm(w, Xfrm.XFRMA_ALG_AUTH_TRUNC, "hmac(sha256)", 128, true);
        algorithm(w, Xfrm.XFRMA_ALG_CRYPT, "cbc(aes)", 0, false);
        w.beginNest(Xfrm.XFRMA_REPLAY_ESN_VAL).u32(1).u32(7).u32(9).u32(1).u32(2).u32(32).u32(0).endNest();
        w.beginNest(Xfrm.XFRMA_MARK).u32(0x10).u32(0xff).endNest().attrU32(Xfrm.XFRMA_IF_ID, 3);
        return w.endMessage();
    }

    @Test
    void a_uapi_encoded_not_captured_SA_decodes_ids_algorithms_and_ESN_replay_state() throws Exception {
        XfrmSaMessage sa = new XfrmSaMessage().wrap(first(uapiEncodedNewSa().toDirectBuffer()));

        assertThat(sa.hasInfo()).isTrue();
        assertThat(sa.family()).isEqualTo(Rtnetlink.AF_INET);
        assertThat(sa.proto()).isEqualTo(Xfrm.IPPROTO_ESP);
        assertThat(sa.spi()).isEqualTo(0x1234);
        assertThat(sa.copyDaddr(out)).isEqualTo(4);
        assertThat(out).startsWith(DST);
        assertThat(sa.copySaddr(out)).isEqualTo(4);
        assertThat(out).startsWith(SRC);
        assertThat(sa.reqid()).isEqualTo(42);
        assertThat(sa.mode()).isEqualTo(Xfrm.XFRM_MODE_TUNNEL);
        assertThat(sa.flags()).isEqualTo(Xfrm.XFRM_STATE_ESN);
        assertThat(sa.currentBytes()).isEqualTo(1000);
        assertThat(sa.currentPackets()).isEqualTo(10);
        assertThat(sa.selector().proto()).isEqualTo(17);
        assertThat(sa.selector().dstPrefixLength()).isEqualTo(32);
        assertThat(sa.authAlgorithm()).isEqualTo("hmac(sha256)");
        assertThat(sa.authAlgorithmEquals("hmac(sha256)")).isTrue();
        assertThat(sa.authKeyBits()).isEqualTo(128);
        assertThat(sa.authTruncationBits()).isEqualTo(128);
        assertThat(sa.cryptAlgorithm()).isEqualTo("cbc(aes)");
        assertThat(sa.cryptKeyBits()).isEqualTo(128);
        assertThat(sa.aeadAlgorithm()).isNull();
        assertThat(sa.outboundSequence()).isEqualTo(1L << 32 | 7);
        assertThat(sa.inboundSequence()).isEqualTo(2L << 32 | 9);
        assertThat(sa.replayWindowPackets()).isEqualTo(32);
        assertThat(sa.markValue()).isEqualTo(0x10);
        assertThat(sa.markMask()).isEqualTo(0xff);
        assertThat(sa.interfaceId()).isEqualTo(3);
    }

    @Test
    void key_material_never_appears_in_toString_or_in_an_error_message() throws Exception {
        XfrmSaMessage sa = new XfrmSaMessage().wrap(first(uapiEncodedNewSa().toDirectBuffer()));
        String key = new String(KEY, StandardCharsets.US_ASCII);

        assertThat(sa.toString()).contains("hmac(sha256) (128-bit key)", "cbc(aes) (128-bit key)", "spi 0x1234")
                .doesNotContain(key).doesNotContain("30313233"); // nor its hex

        // a key length that overruns its attribute: the error gives lengths only
        NlMessageWriter bad = uapiEncodedNewSa();
        ByteBuffer datagram = bad.toDirectBuffer();
        int auth = 16 + XfrmSizes.XFRM_USERSA_INFO_LENGTH + 4; // first attribute's payload
        datagram.putInt(auth + 64, 4096);
        assertThatThrownBy(() -> new XfrmSaMessage().wrap(first(datagram)))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("XFRMA_ALG_AUTH_TRUNC in XFRM_MSG_NEWSA: alg_key_len 4096 bits does not fit 88 bytes")
                .message().doesNotContain(key);
    }

    @Test
    void a_uapi_encoded_DELSA_has_the_id_and_the_full_info_in_XFRMA_SA() throws Exception {
        NlMessageWriter w = new NlMessageWriter(1024).beginMessage(Xfrm.XFRM_MSG_DELSA, 0, 0, 0);
        address16(w, DST).be32(0x99).u16(Rtnetlink.AF_INET).u8(Xfrm.IPPROTO_AH).u8(0);
        XfrmSaMessage id = new XfrmSaMessage().wrap(first(w.endMessage().toDirectBuffer()));
        assertThat(id.hasInfo()).isFalse();
        assertThat(id.spi()).isEqualTo(0x99);
        assertThat(id.proto()).isEqualTo(Xfrm.IPPROTO_AH);
        assertThat(id.copyDaddr(out)).isEqualTo(4);
        assertThatThrownBy(id::reqid).isInstanceOf(IllegalStateException.class)
                .hasMessage("XFRM_MSG_DELSA without XFRMA_SA: only the id is known");

        NlMessageWriter truncated = new NlMessageWriter(256).beginMessage(Xfrm.XFRM_MSG_NEWSA, 0, 0, 0).zeros(100).endMessage();
        assertThatThrownBy(() -> new XfrmSaMessage().wrap(first(truncated.toDirectBuffer())))
                .hasMessage("truncated xfrm_usersa_info in XFRM_MSG_NEWSA: 100 bytes, need 224");
    }

    /** XFRM_MSG_NEWPOLICY dir out, priority 100, index 0x100009, with two templates. */
    static NlMessageWriter newPolicy() {
        NlMessageWriter w = new NlMessageWriter(1024).beginMessage(Xfrm.XFRM_MSG_NEWPOLICY, 0, 0, 0);
        selector(w).zeros(64 + 32).u32(100).u32(0x100009).u8(Xfrm.XFRM_POLICY_OUT).u8(Xfrm.XFRM_POLICY_ALLOW).u8(0).u8(0)
                .zeros(4);
        w.beginNest(Xfrm.XFRMA_TMPL);
        for (int i = 0; i < 2; i++) {
            address16(w, DST).be32(0).u8(i == 0 ? Xfrm.IPPROTO_ESP : Xfrm.IPPROTO_AH).zeros(3)
                    .u16(Rtnetlink.AF_INET).zeros(2);
            address16(w, SRC).u32(7 + i).u8(Xfrm.XFRM_MODE_TUNNEL).u8(0).u8(i).zeros(1).u32(-1).u32(-1).u32(-1);
        }
        return w.endNest().beginNest(Xfrm.XFRMA_MARK).u32(1).u32(-1).endNest().endMessage();
    }

    @Test
    void a_policy_decodes_its_selector_and_walks_its_templates() throws Exception {
        XfrmPolicyMessage p = new XfrmPolicyMessage().wrap(first(newPolicy().toDirectBuffer()));

        assertThat(p.direction()).isEqualTo(Xfrm.XFRM_POLICY_OUT);
        assertThat(p.priority()).isEqualTo(100);
        assertThat(p.index()).isEqualTo(0x100009);
        assertThat(p.action()).isEqualTo(Xfrm.XFRM_POLICY_ALLOW);
        assertThat(p.selector().family()).isEqualTo(Rtnetlink.AF_INET);
        assertThat(p.selector().copySaddr(out)).isEqualTo(4);
        assertThat(out).startsWith(SRC);
        assertThat(p.markValue()).isEqualTo(1);
        assertThat(p.templateCount()).isEqualTo(2);
        XfrmPolicyMessage.Templates t = p.templates();
        assertThat(t.next()).isTrue();
        assertThat(t.proto()).isEqualTo(Xfrm.IPPROTO_ESP);
        assertThat(t.reqid()).isEqualTo(7);
        assertThat(t.mode()).isEqualTo(Xfrm.XFRM_MODE_TUNNEL);
        assertThat(t.optional()).isFalse();
        assertThat(t.copyDaddr(out)).isEqualTo(4);
        assertThat(out).startsWith(DST);
        assertThat(t.next()).isTrue();
        assertThat(t.proto()).isEqualTo(Xfrm.IPPROTO_AH);
        assertThat(t.optional()).isTrue();
        assertThat(t.next()).isFalse();

        NlMessageWriter bad = new NlMessageWriter(1024).beginMessage(Xfrm.XFRM_MSG_NEWPOLICY, 0, 0, 0);
        selector(bad).zeros(112).beginNest(Xfrm.XFRMA_TMPL).zeros(60).endNest().endMessage();
        assertThatThrownBy(() -> new XfrmPolicyMessage().wrap(first(bad.toDirectBuffer())))
                .hasMessage("XFRMA_TMPL in XFRM_MSG_NEWPOLICY: 60 bytes, not a multiple of 64");
    }

    // ---- conntrack

    private static NlMessageWriter tuple(NlMessageWriter w, int type, byte[] src, byte[] dst, int sport, int dport) {
        return w.beginNest(type | Rtnetlink.NLA_F_NESTED)
                .beginNest(Nfnetlink.CTA_TUPLE_IP | Rtnetlink.NLA_F_NESTED)
                .attrBytes(Nfnetlink.CTA_IP_V4_SRC, src).attrBytes(Nfnetlink.CTA_IP_V4_DST, dst).endNest()
                .beginNest(Nfnetlink.CTA_TUPLE_PROTO | Rtnetlink.NLA_F_NESTED).attrU8(Nfnetlink.CTA_PROTO_NUM, 17)
                .attrBe16(Nfnetlink.CTA_PROTO_SRC_PORT, sport).attrBe16(Nfnetlink.CTA_PROTO_DST_PORT, dport).endNest()
                .endNest();
    }

    static NlMessageWriter conntrackNew(byte[] replySrc) {
        NlMessageWriter w = new NlMessageWriter(512)
                .beginMessage(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_NEW),
                        Rtnetlink.NLM_F_CREATE | Rtnetlink.NLM_F_EXCL, 0, 0)
                .u8(Rtnetlink.AF_INET).u8(0).be16(0);
        tuple(w, Nfnetlink.CTA_TUPLE_ORIG, SRC, DST, 40000, 53);
        tuple(w, Nfnetlink.CTA_TUPLE_REPLY, replySrc, SRC, 53, 40000);
        return w.attrBe32(Nfnetlink.CTA_STATUS, Nfnetlink.IPS_CONFIRMED | Nfnetlink.IPS_DST_NAT)
                .attrBe32(Nfnetlink.CTA_TIMEOUT, 30).attrBe32(Nfnetlink.CTA_MARK, 7).attrBe32(Nfnetlink.CTA_ID, 0x8000_0001)
                .attrBe16(Nfnetlink.CTA_ZONE, 2).endMessage();
    }

    @Test
    void a_conntrack_entry_decodes_both_directions_in_network_byte_order_and_shows_NAT() throws Exception {
        ConntrackMessage ct = new ConntrackMessage().wrap(first(conntrackNew(NATTED).toDirectBuffer()));

        assertThat(ct.family()).isEqualTo(Rtnetlink.AF_INET);
        assertThat(ct.original().present()).isTrue();
        assertThat(ct.original().family()).isEqualTo(Rtnetlink.AF_INET);
        assertThat(ct.original().protocol()).isEqualTo(17);
        assertThat(ct.original().srcPort()).isEqualTo(40000);
        assertThat(ct.original().dstPort()).isEqualTo(53);
        assertThat(ct.original().copyDst(out)).isEqualTo(4);
        assertThat(out).startsWith(DST);
        assertThat(ct.reply().copySrc(out)).isEqualTo(4);
        assertThat(out).startsWith(NATTED);
        assertThat(ct.status()).isEqualTo(Nfnetlink.IPS_CONFIRMED | Nfnetlink.IPS_DST_NAT);
        assertThat(ct.timeout()).isEqualTo(30);
        assertThat(ct.mark()).isEqualTo(7);
        assertThat(ct.id()).isEqualTo(0x8000_0001L);
        assertThat(ct.zone()).isEqualTo(2);
        assertThat(ct.natted()).isTrue();

        ConntrackMessage plain = new ConntrackMessage().wrap(first(conntrackNew(DST).toDirectBuffer()));
        assertThat(plain.natted()).as("reply = original reversed").isFalse();
    }

    @Test
    void a_conntrack_entry_gives_its_tcp_state_helper_and_labels() throws Exception {
        NlMessageWriter w = conntrackNew(DST);
        NlMessageWriter full = new NlMessageWriter(512)
                .beginMessage(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_NEW), 0, 0, 0)
                .u8(Rtnetlink.AF_INET).u8(0).be16(0);
        tuple(full, Nfnetlink.CTA_TUPLE_ORIG, SRC, DST, 40000, 21);
        tuple(full, Nfnetlink.CTA_TUPLE_REPLY, DST, SRC, 21, 40000);
        byte[] labels = new byte[16];
        labels[15] = (byte) 0x80;
        full.beginNest(Nfnetlink.CTA_PROTOINFO | Rtnetlink.NLA_F_NESTED)
                .beginNest(Nfnetlink.CTA_PROTOINFO_TCP | Rtnetlink.NLA_F_NESTED)
                .attrU8(Nfnetlink.CTA_PROTOINFO_TCP_STATE, 3)
                .attrU8(Nfnetlink.CTA_PROTOINFO_TCP_WSCALE_ORIGINAL, 7)
                .attrU8(Nfnetlink.CTA_PROTOINFO_TCP_WSCALE_REPLY, 9)
                .attrBytes(Nfnetlink.CTA_PROTOINFO_TCP_FLAGS_ORIGINAL, new byte[] {0x23, 0})
                .attrBytes(Nfnetlink.CTA_PROTOINFO_TCP_FLAGS_REPLY, new byte[] {0x33, 0})
                .endNest().endNest()
                .beginNest(Nfnetlink.CTA_HELP | Rtnetlink.NLA_F_NESTED).attrString(Nfnetlink.CTA_HELP_NAME, "ftp").endNest()
                .attrBytes(Nfnetlink.CTA_LABELS, labels).endMessage();

        ConntrackMessage ct = new ConntrackMessage().wrap(first(full.toDirectBuffer()));
        assertThat(ct.tcp().present()).isTrue();
        assertThat(ct.tcp().state()).isEqualTo(3);
        assertThat(ct.tcp().wscaleOriginal()).isEqualTo(7);
        assertThat(ct.tcp().wscaleReply()).isEqualTo(9);
        assertThat(ct.tcp().flagsOriginal()).isEqualTo(0x23);
        assertThat(ct.tcp().flagsReply()).isEqualTo(0x33);
        assertThat(ct.helper()).isEqualTo("ftp");
        byte[] read = new byte[16];
        assertThat(ct.copyLabels(read)).isEqualTo(16);
        assertThat(read).isEqualTo(labels);

        ConntrackMessage udp = new ConntrackMessage().wrap(first(w.toDirectBuffer()));
        assertThat(udp.tcp().present()).isFalse();
        assertThat(udp.helper()).isNull();
        assertThat(udp.copyLabels(read)).isZero();
    }

    @Test
    void conntrack_tcp_flags_of_the_wrong_size_and_too_many_labels_are_refused() {
        NlMessageWriter flags = new NlMessageWriter(256)
                .beginMessage(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_NEW), 0, 0, 0)
                .u8(Rtnetlink.AF_INET).u8(0).be16(0)
                .beginNest(Nfnetlink.CTA_PROTOINFO).beginNest(Nfnetlink.CTA_PROTOINFO_TCP)
                .attrU8(Nfnetlink.CTA_PROTOINFO_TCP_FLAGS_ORIGINAL, 1).endNest().endNest().endMessage();
        assertThatThrownBy(() -> new ConntrackMessage().wrap(first(flags.toDirectBuffer())))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessageContaining("CTA_PROTOINFO_TCP_FLAGS_ORIGINAL in CTA_PROTOINFO_TCP");

        NlMessageWriter labels = new NlMessageWriter(256)
                .beginMessage(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_NEW), 0, 0, 0)
                .u8(Rtnetlink.AF_INET).u8(0).be16(0).attrBytes(Nfnetlink.CTA_LABELS, new byte[20]).endMessage();
        assertThatThrownBy(() -> new ConntrackMessage().wrap(first(labels.toDirectBuffer())))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("CTA_LABELS");
    }

    @Test
    void conntrack_errors_name_the_nest_and_the_field() {
        NlMessageWriter w = new NlMessageWriter(256)
                .beginMessage(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_NEW), 0, 0, 0)
                .u8(Rtnetlink.AF_INET).u8(0).be16(0)
                .beginNest(Nfnetlink.CTA_TUPLE_ORIG).beginNest(Nfnetlink.CTA_TUPLE_IP)
                .attrBytes(Nfnetlink.CTA_IP_V4_SRC, new byte[16]).endNest().endNest().endMessage();
        assertThatThrownBy(() -> new ConntrackMessage().wrap(first(w.toDirectBuffer())))
                .isInstanceOf(NetlinkFormatException.class).hasMessage("CTA_IP_V4_SRC in CTA_TUPLE_IP: 16 bytes, need 4");

        NlMessageWriter half = new NlMessageWriter(256)
                .beginMessage(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_DELETE), 0, 0, 0)
                .u8(Rtnetlink.AF_INET).u8(0).be16(0)
                .beginNest(Nfnetlink.CTA_TUPLE_ORIG).beginNest(Nfnetlink.CTA_TUPLE_IP)
                .attrBytes(Nfnetlink.CTA_IP_V4_SRC, SRC).endNest().endNest().endMessage();
        assertThatThrownBy(() -> new ConntrackMessage().wrap(first(half.toDirectBuffer())))
                .hasMessage("CTA_TUPLE_IP in CTA_TUPLE_ORIG of IPCTNL_MSG_CT_DELETE: a source without a destination or the reverse");
    }

    // ---- nftables

    @Test
    void nftables_tables_chains_rules_and_generations_decode() throws Exception {
        NlMessageWriter w = new NlMessageWriter(1024)
                .beginMessage(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, Nfnetlink.NFT_MSG_NEWTABLE), 0, 0, 0)
                .u8(1).u8(0).be16(5).attrString(Nfnetlink.NFTA_TABLE_NAME, "filter").attrBe32(Nfnetlink.NFTA_TABLE_FLAGS, 0)
                .attrBe64(Nfnetlink.NFTA_TABLE_HANDLE, 3).endMessage()
                .beginMessage(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, Nfnetlink.NFT_MSG_NEWRULE), 0, 0, 0)
                .u8(1).u8(0).be16(5).attrString(Nfnetlink.NFTA_RULE_TABLE, "filter").attrString(Nfnetlink.NFTA_RULE_CHAIN, "input")
                .attrBe64(Nfnetlink.NFTA_RULE_HANDLE, 4).beginNest(Nfnetlink.NFTA_RULE_EXPRESSIONS).endNest().endMessage()
                .beginMessage(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, Nfnetlink.NFT_MSG_NEWGEN), 0, 0, 0)
                .u8(0).u8(0).be16(5).attrBe32(Nfnetlink.NFTA_GEN_ID, 5).attrBe32(Nfnetlink.NFTA_GEN_PROC_PID, 1234)
                .attrString(Nfnetlink.NFTA_GEN_PROC_NAME, "nft").endMessage();
        DatagramWalker walker = new DatagramWalker().reset(w.toDirectBuffer(), 0, w.position());
        NftMessage nft = new NftMessage();
        NfGenMessage gen = new NfGenMessage();

        assertThat(walker.next()).isTrue();
        nft.wrap(walker.message());
        assertThat(nft.kind()).isEqualTo(NftMessage.Kind.TABLE);
        assertThat(nft.family()).isEqualTo(1);
        assertThat(nft.tableName()).isEqualTo("filter");
        assertThat(nft.handle()).isEqualTo(3);
        assertThat(nft.chainName()).isNull();
        assertThat(gen.wrap(walker.message()).resourceId()).isEqualTo(5);
        assertThat(gen.subsystem()).isEqualTo(Nfnetlink.NFNL_SUBSYS_NFTABLES);

        assertThat(walker.next()).isTrue();
        nft.wrap(walker.message());
        assertThat(nft.kind()).isEqualTo(NftMessage.Kind.RULE);
        assertThat(nft.tableNameEquals("filter")).isTrue();
        assertThat(nft.chainName()).isEqualTo("input");
        assertThat(nft.handle()).isEqualTo(4);

        assertThat(walker.next()).isTrue();
        nft.wrap(walker.message());
        assertThat(nft.kind()).isEqualTo(NftMessage.Kind.GENERATION);
        assertThat(nft.generationId()).isEqualTo(5);
        assertThat(nft.generationProcessId()).isEqualTo(1234);

        NlMessageWriter bad = new NlMessageWriter(256)
                .beginMessage(Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_NFTABLES, Nfnetlink.NFT_MSG_NEWCHAIN), 0, 0, 0)
                .u8(1).u8(0).be16(0).attrU32(Nfnetlink.NFTA_CHAIN_HANDLE, 1).endMessage();
        assertThatThrownBy(() -> nft.wrap(first(bad.toDirectBuffer())))
                .hasMessage("NFTA_CHAIN_HANDLE in NFT_MSG_NEWCHAIN: 4 bytes, need 8");
    }

    // ---- audit

    @Test
    void an_audit_NETFILTER_CFG_record_parses_time_serial_and_fields_without_allocating() throws Exception {
        String text = "audit(1700000000.123:456): table=filter family=2 entries=4 op=nft_register_chain pid=42"
                + " subj=unconfined comm=\"nft\" msg='op=x acct=\"root\" res=success'";
        NlMessageWriter w = new NlMessageWriter(512).beginMessage(Audit.AUDIT_NETFILTER_CFG, 0, 0, 0)
                .bytes(text.getBytes(StandardCharsets.US_ASCII)).u8(0).endMessage();
        ByteBuffer datagram = w.toDirectBuffer();
        AuditMessage audit = new AuditMessage().wrap(first(datagram));

        assertThat(audit.messageType()).isEqualTo(Audit.AUDIT_NETFILTER_CFG);
        assertThat(audit.timestampMillis()).isEqualTo(1_700_000_000_123L);
        assertThat(audit.serial()).isEqualTo(456);
        assertThat(audit.text()).isEqualTo(text);
        assertThat(audit.field("table")).isEqualTo("filter");
        assertThat(audit.fieldLong("entries", -1)).isEqualTo(4);
        assertThat(audit.fieldEquals("comm", "nft")).isTrue();
        assertThat(audit.field("msg")).isEqualTo("op=x acct=\"root\" res=success");
        assertThat(audit.field("op")).isEqualTo("nft_register_chain");
        assertThat(audit.field("acct")).as("inside a quoted value: not a field").isNull();
        assertThat(audit.fieldLong("table", -1)).isEqualTo(-1);

        NlMsg view = new NlMsg();
        long allocated = Allocations.bytesAllocatedBy(() -> {
            AuditMessage a = audit.wrap(view.wrap(datagram, 0, datagram.limit()));
            return a.serial() + a.fieldLong("entries", 0) + (a.fieldEquals("table", "filter") ? 1 : 0);
        });
        assertThat(allocated).isLessThan(Allocations.NOISE_BYTES);
    }

    @Test
    void an_audit_record_without_its_prefix_or_with_an_inner_NUL_is_refused() {
        NlMessageWriter noPrefix = new NlMessageWriter(128).beginMessage(Audit.AUDIT_NETFILTER_CFG, 0, 0, 0)
                .bytes("table=filter".getBytes(StandardCharsets.US_ASCII)).endMessage();
        assertThatThrownBy(() -> new AuditMessage().wrap(first(noPrefix.toDirectBuffer())))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("AUDIT_NETFILTER_CFG: record does not start with audit(<seconds>.<millis>:<serial>): (12 bytes)");

        NlMessageWriter nul = new NlMessageWriter(128).beginMessage(Audit.AUDIT_SYSCALL, 0, 0, 0)
                .bytes("audit(1.000:1): a=1".getBytes(StandardCharsets.US_ASCII)).u8(0).bytes(new byte[] {'b'}).endMessage();
        assertThatThrownBy(() -> new AuditMessage().wrap(first(nul.toDirectBuffer())))
                .hasMessage("AUDIT_SYSCALL: NUL at byte 19 of a 21-byte record");
    }

    // ---- packet_diag

    @Test
    void a_packet_socket_with_a_classic_BPF_filter_decodes() throws Exception {
        NlMessageWriter w = new NlMessageWriter(512).beginMessage(SockDiag.SOCK_DIAG_BY_FAMILY, Rtnetlink.NLM_F_MULTI, 1, 0)
                .u8(Rtnetlink.AF_PACKET).u8(3).u16(3).u32(12345).u32(1).u32(2)
                .beginNest(SockDiag.PACKET_DIAG_INFO).u32(4).u32(2).u32(0).u32(0).u32(0).u32(SockDiag.PDI_RUNNING).endNest()
                .attrU32(SockDiag.PACKET_DIAG_UID, 0)
                .beginNest(SockDiag.PACKET_DIAG_FILTER)
                .u16(0x28).u8(0).u8(0).u32(12)          // ldh [12]
                .u16(0x15).u8(0).u8(1).u32(0x0800)      // jeq #0x800, 0, 1
                .u16(0x06).u8(0).u8(0).u32(0x40000)     // ret #262144
                .endNest().endMessage();
        PacketDiagMessage p = new PacketDiagMessage().wrap(first(w.toDirectBuffer()));

        assertThat(p.family()).isEqualTo(Rtnetlink.AF_PACKET);
        assertThat(p.socketType()).isEqualTo(3);
        assertThat(p.protocol()).isEqualTo(3);
        assertThat(p.inode()).isEqualTo(12345);
        assertThat(p.cookie()).isEqualTo(2L << 32 | 1);
        assertThat(p.boundIfindex()).isEqualTo(4);
        assertThat(p.tpacketVersion()).isEqualTo(2);
        assertThat(p.infoFlags()).isEqualTo(SockDiag.PDI_RUNNING);
        assertThat(p.uid()).isZero();
        assertThat(p.filterLength()).isEqualTo(3);
        assertThat(p.filterCode(0)).isEqualTo(0x28);
        assertThat(p.filterK(0)).isEqualTo(12);
        assertThat(p.filterJumpFalse(1)).isEqualTo(1);
        assertThat(p.filterK(2)).isEqualTo(0x40000);
        assertThatThrownBy(() -> p.filterCode(3)).isInstanceOf(IndexOutOfBoundsException.class);

        NlMessageWriter bad = new NlMessageWriter(128).beginMessage(SockDiag.SOCK_DIAG_BY_FAMILY, 0, 0, 0)
                .u8(Rtnetlink.AF_PACKET).u8(3).u16(3).u32(1).u32(0).u32(0)
                .beginNest(SockDiag.PACKET_DIAG_FILTER).zeros(12).endNest().endMessage();
        assertThatThrownBy(() -> new PacketDiagMessage().wrap(first(bad.toDirectBuffer())))
                .hasMessage("PACKET_DIAG_FILTER in SOCK_DIAG_BY_FAMILY: 12 bytes, not a multiple of 8");

        NlMessageWriter inet = new NlMessageWriter(128).beginMessage(SockDiag.SOCK_DIAG_BY_FAMILY, 0, 0, 0)
                .u8(Rtnetlink.AF_INET).zeros(15).endMessage();
        assertThatThrownBy(() -> new PacketDiagMessage().wrap(first(inet.toDirectBuffer())))
                .hasMessage("packet_diag_msg in SOCK_DIAG_BY_FAMILY: pdiag_family 2, need AF_PACKET (17)");
    }
}
