package org.linuxfpsync.sync.ipsec;

/**
 * The FPC lines (RecordingFpc's checked format: a secret shows its length only) of the test's SAs
 * and policies.
 */
final class Lines {
    private static final String ESP_OUT_KEY = "vrfid=0 family=2 daddr=10.0.0.2 spi=3235774465 proto=50";
    static final String ESP_OUT = "SA_ADD " + ESP_OUT_KEY + " saddr=10.0.0.1 mode=1 reqid=7 selector={family=2}"
            + " auth_alg=hmac(sha256) auth_key=[32 bytes] auth_trunc_bits=128 enc_alg=cbc(aes) enc_key=[16 bytes]";
    static final String ESP_OUT_DEL = "SA_DEL " + ESP_OUT_KEY;
    private static final String AEAD_IN6_KEY = "vrfid=0 family=10 daddr=fd00:0:0:0:0:0:0:1 spi=512 proto=50";
    static final String AEAD_IN6 = "SA_ADD " + AEAD_IN6_KEY + " saddr=fd00:0:0:0:0:0:0:2 mode=1 reqid=8"
            + " selector={family=10} aead_alg=rfc4106(gcm(aes)) aead_key=[20 bytes] aead_icv_bits=128";
    static final String AEAD_IN6_DEL = "SA_DEL " + AEAD_IN6_KEY;
    static final String POLICY_OUT = "SP_ADD vrfid=0 index=9 dir=1 action=0 priority=100 selector={family=2"
            + " saddr=192.168.1.0 daddr=172.16.2.0 sprefixlen=24 dprefixlen=24} tmpl={family=2 daddr=10.0.0.2"
            + " saddr=10.0.0.1 proto=50 mode=1 reqid=7}";
    static final String POLICY_FWD = "SP_ADD vrfid=0 index=18 dir=2 action=0 priority=100 selector={family=2"
            + " saddr=172.16.2.0 daddr=192.168.1.0 sprefixlen=24 dprefixlen=24} tmpl={family=2 daddr=10.0.0.1"
            + " saddr=10.0.0.2 proto=50 mode=1 reqid=8 optional=1} mark=16 mark_mask=255";
    /** everyOptionalSaFieldReachesItsTlv's SA: ifindex 4 is ifuid 0x47900468a8f01875 in vrf 0. */
    static final String EVERY_FIELD = "SA_ADD vrfid=0 family=2 daddr=10.0.0.2 spi=768 proto=50 saddr=10.0.0.1 mode=0"
            + " reqid=3 replay_window=32 flags=1 selector={family=2 saddr=10.0.0.1 daddr=10.0.0.2 sprefixlen=32"
            + " dprefixlen=32 proto=17 dport=53 dport_mask=65535 ifuid=0x47900468a8f01875} auth_alg=hmac(sha1)"
            + " auth_key=[32 bytes] auth_trunc_bits=96 enc_alg=cbc(aes) enc_key=[16 bytes] encap_type=2"
            + " encap_sport=4500 encap_dport=4501 mark=5 mark_mask=15 if_id=9 comp_alg=deflate soft_byte_limit=1000"
            + " hard_byte_limit=2000 hard_packet_limit=40 soft_add_expires=50 hard_add_expires=60"
            + " hard_use_expires=80 dir=2 offload_ifuid=0x47900468a8f01875 offload_flags=4";

    private Lines() {
    }
}
