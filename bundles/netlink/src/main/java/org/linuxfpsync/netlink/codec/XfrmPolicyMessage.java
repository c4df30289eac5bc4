package org.linuxfpsync.netlink.codec;

/**
 * A reusable, allocation-free decoder of IPsec policy messages ({@code linux/xfrm.h}):
 * {@code XFRM_MSG_NEWPOLICY} / {@code UPDPOLICY} (and dump replies) carry
 * {@code struct xfrm_userpolicy_info} (168 bytes); {@code XFRM_MSG_POLEXPIRE} carries
 * {@code struct xfrm_user_polexpire} (the info, then {@code hard}); {@code XFRM_MSG_DELPOLICY}
 * carries {@code struct xfrm_userpolicy_id} (64 bytes) and the full info in XFRMA_POLICY.
 * Templates (XFRMA_TMPL, an array of 64-byte {@code struct xfrm_user_tmpl}) are walked with a
 * reused cursor, {@link #templates()}.
 *
 * <pre>
 *   struct xfrm_userpolicy_info {
 *       struct xfrm_selector sel;               // 0
 *       struct xfrm_lifetime_cfg lft;           // 56
 *       struct xfrm_lifetime_cur curlft;        // 120
 *       __u32 priority, index;                  // 152, 156
 *       __u8 dir, action, flags, share;         // 160..163
 *   };
 *   struct xfrm_userpolicy_id { struct xfrm_selector sel; __u32 index; __u8 dir; };   // 0, 56, 60
 *   struct xfrm_user_tmpl {
 *       struct xfrm_id id;                      // 0: daddr, spi 16, proto 20
 *       __u16 family; xfrm_address_t saddr;     // 24, 28
 *       __u32 reqid; __u8 mode, share, optional;   // 44, 48, 49, 50
 *       __u32 aalgos, ealgos, calgos;           // 52, 56, 60
 *   };
 * </pre>
 */
public final class XfrmPolicyMessage extends XfrmMessage {
    private static final Layout LAYOUT = new Layout("a policy",
            new int[] {Xfrm.XFRM_MSG_NEWPOLICY, Xfrm.XFRM_MSG_UPDPOLICY, Xfrm.XFRM_MSG_GETPOLICY},
            XfrmSizes.XFRM_USERPOLICY_INFO_LENGTH, "xfrm_userpolicy_info",
            Xfrm.XFRM_MSG_POLEXPIRE, "xfrm_user_polexpire",
            Xfrm.XFRM_MSG_DELPOLICY, XfrmSizes.XFRM_USERPOLICY_ID_LENGTH, "xfrm_userpolicy_id", Xfrm.XFRMA_POLICY);

    private final XfrmSelector selector = new XfrmSelector();
    private final Templates templates = new Templates();

    /**
     * Decodes {@code msg}.
     *
     * @throws IllegalArgumentException when {@code msg} is not a policy message (check the type first)
     * @throws NetlinkFormatException   when it does not parse as {@code linux/xfrm.h} says
     */
    public XfrmPolicyMessage wrap(NlMsg msg) throws NetlinkFormatException {
        decode(msg, LAYOUT);
        // The selector is the first field of the info and of the id alike.
        selector.reset(buffer(), header());
        return this;
    }

    /** The traffic the policy applies to. */
    public XfrmSelector selector() {
        return selector;
    }

    /** {@code dir}: XFRM_POLICY_IN, _OUT or _FWD. */
    public int direction() {
        return buffer().get(messageType() == Xfrm.XFRM_MSG_DELPOLICY ? header() + 60 : header() + 160) & 0xff;
    }

    /**
     * {@code index}: the kernel's id of the policy. A DELPOLICY of a policy deleted by its selector has
     * index 0 in its {@code xfrm_userpolicy_id} ({@code xfrm_notify_policy} fills either the index or the
     * selector there): the index is then read from the info in XFRMA_POLICY, which has it always.
     */
    public int index() {
        if (messageType() != Xfrm.XFRM_MSG_DELPOLICY) {
            return buffer().getInt(header() + 156);
        }
        return hasInfo() ? buffer().getInt(info() + 156) : buffer().getInt(header() + 56);
    }

    public long priority() {
        return Integer.toUnsignedLong(buffer().getInt(requireInfo() + 152));
    }

    /** {@code action}: XFRM_POLICY_ALLOW or XFRM_POLICY_BLOCK. */
    public int action() {
        return buffer().get(requireInfo() + 161) & 0xff;
    }

    public int flags() {
        return buffer().get(requireInfo() + 162) & 0xff;
    }

    public int share() {
        return buffer().get(requireInfo() + 163) & 0xff;
    }

    /** XFRMA_POLICY_TYPE's type (XFRM_POLICY_TYPE_MAIN or _SUB), XFRM_POLICY_TYPE_MAIN when absent. */
    public int policyType() {
        return u8(Xfrm.XFRMA_POLICY_TYPE, Xfrm.XFRM_POLICY_TYPE_MAIN);
    }

    /** Number of templates (0 for a policy without transforms, e.g. {@code action block}). */
    public int templateCount() {
        return has(Xfrm.XFRMA_TMPL) ? attributeLength(Xfrm.XFRMA_TMPL) / XfrmSizes.XFRM_USER_TMPL_LENGTH : 0;
    }

    /** The templates, from the first: a cursor reused by every call (no allocation). */
    public Templates templates() {
        return templates.reset();
    }

    /** A cursor over XFRMA_TMPL's {@code struct xfrm_user_tmpl}s. */
    public final class Templates {
        private int next;
        private int end;
        private int current = -1;

        private Templates() {
        }

        private Templates reset() {
            next = attributeOffset(Xfrm.XFRMA_TMPL);
            end = next < 0 ? next : next + attributeLength(Xfrm.XFRMA_TMPL);
            current = -1;
            return this;
        }

        public boolean next() {
            if (next >= end) {
                current = -1;
                return false;
            }
            current = next;
            next += XfrmSizes.XFRM_USER_TMPL_LENGTH;
            return true;
        }

        private int at(int field) {
            if (current < 0) {
                throw new IllegalStateException("no current template: call next() first");
            }
            return current + field;
        }

        public int family() {
            return buffer().getShort(at(24)) & 0xffff;
        }

        /** {@code id.proto}: IPPROTO_ESP, _AH, _COMP. */
        public int proto() {
            return buffer().get(at(20)) & 0xff;
        }

        public int spi() {
            return NetworkOrder.int32(buffer(), at(16));
        }

        /** Copies the tunnel's destination {@code id.daddr}; returns the length (4 or 16 by family). */
        public int copyDaddr(byte[] dst) {
            return Bytes.copy(buffer(), at(0), XfrmSelector.addressLength(family()), dst);
        }

        public int copySaddr(byte[] dst) {
            return Bytes.copy(buffer(), at(28), XfrmSelector.addressLength(family()), dst);
        }

        public int reqid() {
            return buffer().getInt(at(44));
        }

        /** XFRM_MODE_*. */
        public int mode() {
            return buffer().get(at(48)) & 0xff;
        }

        public int share() {
            return buffer().get(at(49)) & 0xff;
        }

        public boolean optional() {
            return buffer().get(at(50)) != 0;
        }

        public int authAlgorithms() {
            return buffer().getInt(at(52));
        }

        public int encryptionAlgorithms() {
            return buffer().getInt(at(56));
        }

        public int compressionAlgorithms() {
            return buffer().getInt(at(60));
        }
    }
}
