package org.linuxfpsync.sync.ipsec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.netlink.codec.NlMessageWriter;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.linuxfpsync.netlink.codec.Xfrm;

/**
 * NETLINK_XFRM messages laid out byte for byte as {@code linux/xfrm.h} defines the structures and
 * as {@code net/xfrm/xfrm_user.c} fills them: {@code copy_to_user_state} and
 * {@code copy_to_user_state_extra} (SAs, with XFRMA_ALG_AUTH_TRUNC and XFRMA_ALG_AUTH both, as the
 * kernel writes an authentication algorithm), {@code xfrm_notify_sa} (DELSA: the
 * {@code xfrm_usersa_id}, the info in XFRMA_SA), {@code build_expire}, {@code xfrm_notify_sa_flush},
 * {@code copy_to_user_policy} with its templates, {@code xfrm_notify_policy},
 * {@code build_polexpire}, {@code xfrm_notify_policy_flush} and {@code build_migrate}.
 */
final class UapiXfrm {
    static final int AF_INET = Rtnetlink.AF_INET;
    static final int AF_INET6 = Rtnetlink.AF_INET6;
    static final long XFRM_INF = -1L;

    private UapiXfrm() {
    }

    /** {@code struct xfrm_selector} (56 bytes). */
    static final class Selector {
        int family;
        byte[] daddr = new byte[16];
        byte[] saddr = new byte[16];
        int prefixD;
        int prefixS;
        int proto;
        int dport;
        int dportMask;
        int sport;
        int sportMask;
        int ifindex;

        static Selector of(int family, byte[] src, int prefixS, byte[] dst, int prefixD) {
            Selector s = new Selector();
            s.family = family;
            s.saddr = src;
            s.prefixS = prefixS;
            s.daddr = dst;
            s.prefixD = prefixD;
            return s;
        }

        Selector proto(int proto, int dport) {
            this.proto = proto;
            this.dport = dport;
            this.dportMask = dport == 0 ? 0 : 0xffff;
            return this;
        }

        Selector ifindex(int ifindex) {
            this.ifindex = ifindex;
            return this;
        }

        void write(ByteBuffer b) {
            int at = b.position();
            b.put(address(daddr)).put(address(saddr));
            b.order(ByteOrder.BIG_ENDIAN).putShort((short) dport).putShort((short) dportMask).putShort((short) sport)
                    .putShort((short) sportMask).order(ByteOrder.nativeOrder());
            b.putShort((short) family).put((byte) prefixD).put((byte) prefixS).put((byte) proto).put(new byte[3]);
            b.putInt(ifindex).putInt(0);
            check(b, at, 56);
        }
    }

    /** An SA: {@code struct xfrm_usersa_info} (224 bytes) and the attributes of copy_to_user_state_extra. */
    static final class Sa {
        int family = AF_INET;
        byte[] daddr;
        byte[] saddr;
        int spi;
        int proto = Xfrm.IPPROTO_ESP;
        int mode = Xfrm.XFRM_MODE_TUNNEL;
        int reqid;
        int replayWindow;
        int flags;
        Selector selector;
        long[] lifetime = {XFRM_INF, XFRM_INF, XFRM_INF, XFRM_INF, 0, 0, 0, 0};
        long bytes;
        String auth;
        byte[] authKey;
        int authTruncBits;
        String crypt;
        byte[] cryptKey;
        String aead;
        byte[] aeadKey;
        int aeadIcvBits;
        String comp;
        int encapType = -1;
        int encapSport;
        int encapDport;
        boolean mark;
        int markValue;
        int markMask;
        int ifId;
        int dir;
        int offloadIfindex;
        int offloadFlags;

        /** A tunnel-mode ESP SA from {@code src} to {@code dst} of family AF_INET, selector any. */
        static Sa esp(byte[] src, byte[] dst, int spi) {
            Sa sa = new Sa();
            sa.family = src.length == 4 ? AF_INET : AF_INET6;
            sa.saddr = src;
            sa.daddr = dst;
            sa.spi = spi;
            sa.selector = Selector.of(sa.family, new byte[src.length], 0, new byte[src.length], 0);
            return sa;
        }

        Sa proto(int proto) {
            this.proto = proto;
            return this;
        }

        Sa reqid(int reqid) {
            this.reqid = reqid;
            return this;
        }

        Sa auth(String name, byte[] key, int truncBits) {
            this.auth = name;
            this.authKey = key;
            this.authTruncBits = truncBits;
            return this;
        }

        Sa crypt(String name, byte[] key) {
            this.crypt = name;
            this.cryptKey = key;
            return this;
        }

        Sa aead(String name, byte[] key, int icvBits) {
            this.aead = name;
            this.aeadKey = key;
            this.aeadIcvBits = icvBits;
            return this;
        }

        Sa comp(String name) {
            this.comp = name;
            return this;
        }

        Sa encap(int type, int sport, int dport) {
            this.encapType = type;
            this.encapSport = sport;
            this.encapDport = dport;
            return this;
        }

        Sa mark(int value, int mask) {
            this.mark = true;
            this.markValue = value;
            this.markMask = mask;
            return this;
        }

        Sa bytes(long processed) {
            this.bytes = processed;
            return this;
        }

        byte[] info() {
            ByteBuffer b = buffer(224);
            selector.write(b);
            b.put(address(daddr));
            b.order(ByteOrder.BIG_ENDIAN).putInt(spi).order(ByteOrder.nativeOrder());
            b.put((byte) proto).put(new byte[3]);
            b.put(address(saddr));
            for (long l : lifetime) {
                b.putLong(l);
            }
            b.putLong(bytes).putLong(bytes / 100).putLong(1_700_000_000L).putLong(0); // curlft
            b.putInt(replayWindow).putInt(0).putInt(0); // stats
            b.putInt(0).putInt(reqid);
            b.putShort((short) family).put((byte) mode).put((byte) replayWindow).put((byte) flags).put(new byte[7]);
            check(b, 0, 224);
            return b.array();
        }

        void extra(NlMessageWriter w) {
            if (aead != null) {
                w.attrBytes(Xfrm.XFRMA_ALG_AEAD, algorithm(aead, aeadKey, aeadIcvBits));
            }
            if (auth != null) {
                w.attrBytes(Xfrm.XFRMA_ALG_AUTH_TRUNC, algorithm(auth, authKey, authTruncBits));
                w.attrBytes(Xfrm.XFRMA_ALG_AUTH, algorithm(auth, authKey, -1));
            }
            if (crypt != null) {
                w.attrBytes(Xfrm.XFRMA_ALG_CRYPT, algorithm(crypt, cryptKey, -1));
            }
            if (comp != null) {
                w.attrBytes(Xfrm.XFRMA_ALG_COMP, algorithm(comp, new byte[0], -1));
            }
            if (encapType >= 0) {
                ByteBuffer e = buffer(24);
                e.putShort((short) encapType).order(ByteOrder.BIG_ENDIAN).putShort((short) encapSport)
                        .putShort((short) encapDport);
                w.attrBytes(Xfrm.XFRMA_ENCAP, e.array());
            }
            if (mark) {
                w.attrBytes(Xfrm.XFRMA_MARK, buffer(8).putInt(markValue).putInt(markMask).array());
            }
            ByteBuffer replay = buffer(12).putInt(0).putInt(0).putInt(0);
            w.attrBytes(Xfrm.XFRMA_REPLAY_VAL, replay.array());
            if (offloadIfindex != 0) {
                w.attrBytes(Xfrm.XFRMA_OFFLOAD_DEV, buffer(8).putInt(offloadIfindex).put((byte) offloadFlags).array());
            }
            if (ifId != 0) {
                w.attrU32(Xfrm.XFRMA_IF_ID, ifId);
            }
            if (dir != 0) {
                w.attrU8(33 /* XFRMA_SA_DIR */, dir);
            }
        }

        byte[] newSa() {
            return message(Xfrm.XFRM_MSG_NEWSA);
        }

        byte[] updSa() {
            return message(Xfrm.XFRM_MSG_UPDSA);
        }

        private byte[] message(int type) {
            return FakeKernel.message(w -> {
                w.beginMessage(type, 0, 0, 0).bytes(info());
                extra(w);
                w.endMessage();
            });
        }

        /** xfrm_notify_sa for DELSA: {@code struct xfrm_usersa_id}, then the info in XFRMA_SA, then the extra. */
        byte[] delSa() {
            return FakeKernel.message(w -> {
                ByteBuffer id = buffer(24);
                id.put(address(daddr)).order(ByteOrder.BIG_ENDIAN).putInt(spi).order(ByteOrder.nativeOrder())
                        .putShort((short) family).put((byte) proto);
                w.beginMessage(Xfrm.XFRM_MSG_DELSA, 0, 0, 0).bytes(id.array()).attrBytes(Xfrm.XFRMA_SA, info());
                extra(w);
                w.endMessage();
            });
        }

        /** build_expire: {@code struct xfrm_user_expire} (the info, hard, padding to 232), the mark. */
        byte[] expire(boolean hard) {
            return FakeKernel.message(w -> {
                w.beginMessage(Xfrm.XFRM_MSG_EXPIRE, 0, 0, 0).bytes(info()).u8(hard ? 1 : 0).zeros(7);
                if (mark) {
                    w.attrBytes(Xfrm.XFRMA_MARK, buffer(8).putInt(markValue).putInt(markMask).array());
                }
                w.endMessage();
            });
        }
    }

    /** xfrm_notify_sa_flush: {@code struct xfrm_usersa_flush}, one byte. */
    static byte[] flushSa(int proto) {
        return FakeKernel.message(w -> w.beginMessage(Xfrm.XFRM_MSG_FLUSHSA, 0, 0, 0).u8(proto).endMessage());
    }

    /** xfrm_notify_policy_flush: no header, XFRMA_POLICY_TYPE. */
    static byte[] flushPolicy(int type) {
        return FakeKernel.message(w -> w.beginMessage(Xfrm.XFRM_MSG_FLUSHPOLICY, 0, 0, 0)
                .attrBytes(Xfrm.XFRMA_POLICY_TYPE, policyType(type)).endMessage());
    }

    /** {@code struct xfrm_user_tmpl} (64 bytes). */
    record Template(int family, byte[] src, byte[] dst, int proto, int mode, int reqid, boolean optional) {
        void write(ByteBuffer b) {
            int at = b.position();
            b.put(address(dst)).putInt(0).put((byte) proto).put(new byte[3]);
            b.putShort((short) family).putShort((short) 0).put(address(src));
            b.putInt(reqid).put((byte) mode).put((byte) 0).put((byte) (optional ? 1 : 0)).put((byte) 0);
            b.putInt(-1).putInt(-1).putInt(-1);
            check(b, at, 64);
        }
    }

    /** A policy: {@code struct xfrm_userpolicy_info} (168 bytes), XFRMA_TMPL, XFRMA_POLICY_TYPE, the mark. */
    static final class Policy {
        Selector selector;
        int priority;
        int index;
        int dir;
        int action;
        int flags;
        int type = Xfrm.XFRM_POLICY_TYPE_MAIN;
        Template[] templates = new Template[0];
        boolean mark;
        int markValue;
        int markMask;
        int ifId;

        static Policy of(Selector selector, int dir, int index, int priority, Template... templates) {
            Policy p = new Policy();
            p.selector = selector;
            p.dir = dir;
            p.index = index;
            p.priority = priority;
            p.templates = templates;
            return p;
        }

        Policy mark(int value, int mask) {
            this.mark = true;
            this.markValue = value;
            this.markMask = mask;
            return this;
        }

        Policy type(int type) {
            this.type = type;
            return this;
        }

        Policy block() {
            this.action = Xfrm.XFRM_POLICY_BLOCK;
            return this;
        }

        byte[] info() {
            ByteBuffer b = buffer(168);
            selector.write(b);
            for (int i = 0; i < 4; i++) {
                b.putLong(XFRM_INF);
            }
            b.put(new byte[32]); // the expiries of lft, 0: none
            b.put(new byte[32]); // curlft
            b.putInt(priority).putInt(index).put((byte) dir).put((byte) action).put((byte) flags).put((byte) 0);
            b.put(new byte[4]);
            check(b, 0, 168);
            return b.array();
        }

        void extra(NlMessageWriter w) {
            if (templates.length > 0) {
                ByteBuffer t = buffer(64 * templates.length);
                for (Template tmpl : templates) {
                    tmpl.write(t);
                }
                w.attrBytes(Xfrm.XFRMA_TMPL, t.array());
            }
            if (mark) {
                w.attrBytes(Xfrm.XFRMA_MARK, buffer(8).putInt(markValue).putInt(markMask).array());
            }
            w.attrBytes(Xfrm.XFRMA_POLICY_TYPE, policyType(type));
            if (ifId != 0) {
                w.attrU32(Xfrm.XFRMA_IF_ID, ifId);
            }
        }

        byte[] newPolicy() {
            return message(Xfrm.XFRM_MSG_NEWPOLICY);
        }

        byte[] updPolicy() {
            return message(Xfrm.XFRM_MSG_UPDPOLICY);
        }

        private byte[] message(int type) {
            return FakeKernel.message(w -> {
                w.beginMessage(type, 0, 0, 0).bytes(info());
                extra(w);
                w.endMessage();
            });
        }

        /** {@code struct xfrm_userpolicy_id} (64 bytes): the selector, index, dir. */
        byte[] id() {
            ByteBuffer b = buffer(64);
            selector.write(b);
            b.putInt(index).put((byte) dir);
            return b.array();
        }

        /**
         * The id xfrm_notify_policy writes for a DELPOLICY: the index when the policy was deleted by
         * it ({@code c->data.byid}), else the selector and index 0; dir always.
         */
        private byte[] deletedId(boolean byId) {
            ByteBuffer b = buffer(64);
            if (byId) {
                b.position(56);
            } else {
                selector.write(b);
            }
            b.putInt(byId ? index : 0).put((byte) dir);
            return b.array();
        }

        /** DELPOLICY of a policy deleted by its index ({@code ip xfrm policy delete index N dir D}). */
        byte[] delPolicy() {
            return delPolicy(true);
        }

        /**
         * xfrm_notify_policy for DELPOLICY: the id ({@link #deletedId}), the info in XFRMA_POLICY, then the
         * templates and type.
         */
        byte[] delPolicy(boolean byId) {
            return FakeKernel.message(w -> {
                w.beginMessage(Xfrm.XFRM_MSG_DELPOLICY, 0, 0, 0).bytes(deletedId(byId))
                        .attrBytes(Xfrm.XFRMA_POLICY, info());
                extra(w);
                w.endMessage();
            });
        }

        /** build_polexpire: {@code struct xfrm_user_polexpire} (the info, hard, padding to 176), templates, type. */
        byte[] polexpire(boolean hard) {
            return FakeKernel.message(w -> {
                w.beginMessage(Xfrm.XFRM_MSG_POLEXPIRE, 0, 0, 0).bytes(info()).u8(hard ? 1 : 0).zeros(7);
                extra(w);
                w.endMessage();
            });
        }

        /**
         * build_migrate: the policy's id, XFRMA_MIGRATE with one {@code struct xfrm_user_migrate} (76
         * bytes) per SA moved, XFRMA_POLICY_TYPE.
         */
        byte[] migrate(int proto, int mode, int reqid, byte[] oldSrc, byte[] oldDst, byte[] newSrc, byte[] newDst) {
            return FakeKernel.message(w -> {
                ByteBuffer m = buffer(76);
                m.put(address(oldDst)).put(address(oldSrc)).put(address(newDst)).put(address(newSrc));
                m.put((byte) proto).put((byte) mode).putShort((short) 0).putInt(reqid);
                m.putShort((short) (oldSrc.length == 4 ? AF_INET : AF_INET6))
                        .putShort((short) (newSrc.length == 4 ? AF_INET : AF_INET6));
                check(m, 0, 76);
                w.beginMessage(Xfrm.XFRM_MSG_MIGRATE, 0, 0, 0).bytes(id()).attrBytes(Xfrm.XFRMA_MIGRATE, m.array())
                        .attrBytes(Xfrm.XFRMA_POLICY_TYPE, policyType(type)).endMessage();
            });
        }
    }

    /** {@code struct xfrm_algo} / {@code xfrm_algo_auth} / {@code xfrm_algo_aead}: name[64], bits, [trunc/icv], key. */
    static byte[] algorithm(String name, byte[] key, int secondField) {
        ByteBuffer b = buffer(64 + 4 + (secondField >= 0 ? 4 : 0) + key.length);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        b.put(n).put(new byte[64 - n.length]).putInt(key.length * 8);
        if (secondField >= 0) {
            b.putInt(secondField);
        }
        b.put(key);
        return b.array();
    }

    /** {@code struct xfrm_userpolicy_type}: type, reserved1 (u16), reserved2: 6 bytes. */
    static byte[] policyType(int type) {
        return buffer(6).put((byte) type).array();
    }

    private static byte[] address(byte[] a) {
        byte[] b = new byte[16];
        System.arraycopy(a, 0, b, 0, a.length);
        return b;
    }

    private static ByteBuffer buffer(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
    }

    private static void check(ByteBuffer b, int from, int length) {
        if (b.position() - from != length) {
            throw new AssertionError("laid out " + (b.position() - from) + " bytes, the structure has " + length);
        }
    }
}
