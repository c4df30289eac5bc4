package org.linuxfpsync.netlink.codec;

/**
 * NETLINK_XFRM constants, named exactly as in {@code linux/xfrm.h} (and the IPPROTO_* of
 * {@code linux/in.h} that xfrm uses), checked against the headers by {@code RtnetlinkConstantsTest}.
 */
public final class Xfrm {
    private Xfrm() {
    }

    // ---- message types
    public static final int XFRM_MSG_BASE = 0x10;
    public static final int XFRM_MSG_NEWSA = 0x10;
    public static final int XFRM_MSG_DELSA = 0x11;
    public static final int XFRM_MSG_GETSA = 0x12;
    public static final int XFRM_MSG_NEWPOLICY = 0x13;
    public static final int XFRM_MSG_DELPOLICY = 0x14;
    public static final int XFRM_MSG_GETPOLICY = 0x15;
    public static final int XFRM_MSG_ALLOCSPI = 0x16;
    public static final int XFRM_MSG_ACQUIRE = 0x17;
    public static final int XFRM_MSG_EXPIRE = 0x18;
    public static final int XFRM_MSG_UPDPOLICY = 0x19;
    public static final int XFRM_MSG_UPDSA = 0x1a;
    public static final int XFRM_MSG_POLEXPIRE = 0x1b;
    public static final int XFRM_MSG_FLUSHSA = 0x1c;
    public static final int XFRM_MSG_FLUSHPOLICY = 0x1d;
    public static final int XFRM_MSG_NEWAE = 0x1e;
    public static final int XFRM_MSG_GETAE = 0x1f;
    public static final int XFRM_MSG_REPORT = 0x20;
    public static final int XFRM_MSG_MIGRATE = 0x21;

    // ---- multicast groups (group numbers)
    public static final int XFRMNLGRP_NONE = 0;
    public static final int XFRMNLGRP_ACQUIRE = 1;
    public static final int XFRMNLGRP_EXPIRE = 2;
    public static final int XFRMNLGRP_SA = 3;
    public static final int XFRMNLGRP_POLICY = 4;
    public static final int XFRMNLGRP_AEVENTS = 5;
    public static final int XFRMNLGRP_REPORT = 6;
    public static final int XFRMNLGRP_MIGRATE = 7;
    public static final int XFRMNLGRP_MAPPING = 8;

    // ---- xfrm_aevent_id.flags (enum xfrm_ae_ftype_t)
    public static final int XFRM_AE_RTHR = 1;
    public static final int XFRM_AE_RVAL = 2;
    public static final int XFRM_AE_LVAL = 4;
    public static final int XFRM_AE_ETHR = 8;
    public static final int XFRM_AE_CR = 16;
    public static final int XFRM_AE_CE = 32;
    public static final int XFRM_AE_CU = 64;

    // ---- attributes (enum xfrm_attr_type_t)
    public static final int XFRMA_UNSPEC = 0;
    public static final int XFRMA_ALG_AUTH = 1;
    public static final int XFRMA_ALG_CRYPT = 2;
    public static final int XFRMA_ALG_COMP = 3;
    public static final int XFRMA_ENCAP = 4;
    public static final int XFRMA_TMPL = 5;
    public static final int XFRMA_SA = 6;
    public static final int XFRMA_POLICY = 7;
    public static final int XFRMA_SEC_CTX = 8;
    public static final int XFRMA_LTIME_VAL = 9;
    public static final int XFRMA_REPLAY_VAL = 10;
    public static final int XFRMA_REPLAY_THRESH = 11;
    public static final int XFRMA_ETIMER_THRESH = 12;
    public static final int XFRMA_SRCADDR = 13;
    public static final int XFRMA_COADDR = 14;
    public static final int XFRMA_LASTUSED = 15;
    public static final int XFRMA_POLICY_TYPE = 16;
    public static final int XFRMA_MIGRATE = 17;
    public static final int XFRMA_ALG_AEAD = 18;
    public static final int XFRMA_KMADDRESS = 19;
    public static final int XFRMA_ALG_AUTH_TRUNC = 20;
    public static final int XFRMA_MARK = 21;
    public static final int XFRMA_TFCPAD = 22;
    public static final int XFRMA_REPLAY_ESN_VAL = 23;
    public static final int XFRMA_SA_EXTRA_FLAGS = 24;
    public static final int XFRMA_PROTO = 25;
    public static final int XFRMA_ADDRESS_FILTER = 26;
    public static final int XFRMA_PAD = 27;
    public static final int XFRMA_OFFLOAD_DEV = 28;
    public static final int XFRMA_SET_MARK = 29;
    public static final int XFRMA_SET_MARK_MASK = 30;
    public static final int XFRMA_IF_ID = 31;
    public static final int XFRMA_MTIMER_THRESH = 32;

    // ---- policy direction, action, type; SA modes and flags
    public static final int XFRM_POLICY_IN = 0;
    public static final int XFRM_POLICY_OUT = 1;
    public static final int XFRM_POLICY_FWD = 2;
    public static final int XFRM_POLICY_ALLOW = 0;
    public static final int XFRM_POLICY_BLOCK = 1;
    public static final int XFRM_POLICY_TYPE_MAIN = 0;
    public static final int XFRM_POLICY_TYPE_SUB = 1;
    public static final int XFRM_MODE_TRANSPORT = 0;
    public static final int XFRM_MODE_TUNNEL = 1;
    public static final int XFRM_MODE_BEET = 4;
    public static final int XFRM_STATE_NOECN = 1;
    public static final int XFRM_STATE_ESN = 128;
    public static final int XFRM_SHARE_ANY = 0;
    public static final int XFRM_SHARE_UNIQUE = 3;

    // ---- linux/in.h: xfrm protocols (xfrm_id.proto)
    public static final int IPPROTO_ESP = 50;
    public static final int IPPROTO_AH = 51;
    public static final int IPPROTO_COMP = 108;

    /** {@code XFRMA_REPLAY_ESN_MAX}: bound of the ESN replay bitmap, in bytes. */
    public static final int XFRMA_REPLAY_ESN_MAX = 4096;
}
