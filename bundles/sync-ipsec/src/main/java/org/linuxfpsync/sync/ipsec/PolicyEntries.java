package org.linuxfpsync.sync.ipsec;

import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.MessageHandler;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.SpAttr;
import org.linuxfpsync.fpc.codec.SpTemplateAttr;
import org.linuxfpsync.netlink.RateLimitedLog;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Xfrm;
import org.linuxfpsync.netlink.codec.XfrmFlushMessage;
import org.linuxfpsync.netlink.codec.XfrmPolicyMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security policies of one vrf (XFRM_MSG_NEWPOLICY/UPDPOLICY and GETPOLICY dump replies,
 * DELPOLICY, POLEXPIRE, FLUSHPOLICY, as {@code dump_one_policy} and {@code xfrm_notify_policy} write
 * them) to SP_ADD/SP_DEL, keyed by the kernel's policy index.
 *
 * <p>Socket policies (dir 3 to 5: {@code XFRM_POLICY_MAX + dir}, set by setsockopt on one socket) are
 * not forwarding state: not sent. Sub policies (XFRM_POLICY_TYPE_SUB, CONFIG_XFRM_SUB_POLICY) are
 * not either: SP_ADD has no type. A hard POLEXPIRE deletes the policy; a soft one is only counted.
 * FLUSHPOLICY deletes every main policy of the vrf.
 */
final class PolicyEntries implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyEntries.class);
    /** {@code XFRM_POLICY_MAX}: the directions of the policies the kernel applies to forwarded and local traffic. */
    static final int XFRM_POLICY_MAX = 3;

    /** A policy's FPC key: VRFID, INDEX. */
    record Key(int vrfid, int index) {
    }

    private final Vrf vrf;
    private final FamilyObjects<Key> policies;
    private final XfrmPolicyMessage policy = new XfrmPolicyMessage();
    private final XfrmFlushMessage flush = new XfrmFlushMessage();
    private final Selectors selectors = new Selectors();
    private final byte[] address = new byte[16];
    private final RateLimitedLog softExpireLog = new RateLimitedLog(LOG);
    private long softExpires;

    PolicyEntries(Vrf vrf, FamilyObjects<Key> policies) {
        this.vrf = vrf;
        this.policies = policies;
    }

    long softExpires() {
        return softExpires;
    }

    @Override
    public void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        switch (message.type()) {
            case Xfrm.XFRM_MSG_NEWPOLICY:
            case Xfrm.XFRM_MSG_UPDPOLICY:
                added(policy.wrap(message), fromDump);
                break;
            case Xfrm.XFRM_MSG_DELPOLICY:
                policies.delete(key(policy.wrap(message)));
                break;
            case Xfrm.XFRM_MSG_POLEXPIRE:
                expired(policy.wrap(message));
                break;
            case Xfrm.XFRM_MSG_FLUSHPOLICY:
                if (flush.wrap(message).policyType() == Xfrm.XFRM_POLICY_TYPE_MAIN) {
                    policies.deleteIf(k -> true);
                }
                break;
            default:
                break;
        }
    }

    private void expired(XfrmPolicyMessage m) {
        if (m.hard()) {
            policies.delete(key(m));
            return;
        }
        softExpires++;
        if (softExpireLog.admit()) {
            LOG.info("vrf {}: policy soft expire ({} so far, {} lines suppressed): index {} dir {}", vrf.vrfid(),
                    softExpires, softExpireLog.suppressed(), m.index(), m.direction());
        }
    }

    private void added(XfrmPolicyMessage m, boolean fromDump) {
        Key key = key(m);
        if (m.direction() >= XFRM_POLICY_MAX || m.policyType() != Xfrm.XFRM_POLICY_TYPE_MAIN) {
            policies.delete(key); // never sent: socket and sub policies have indexes of their own
            return;
        }
        FrameWriter w = policies.beginAdd();
        writeKey(w, key);
        w.putU8(SpAttr.DIR, m.direction()).putU8(SpAttr.ACTION, m.action())
                .putU32(SpAttr.PRIORITY, (int) m.priority());
        selectors.write(w, SpAttr.SELECTOR, m.selector(), vrf.vrfid());
        XfrmPolicyMessage.Templates t = m.templates();
        while (t.next()) {
            w.beginNested(SpAttr.TMPL).putU8(SpTemplateAttr.FAMILY, t.family());
            int length = t.copyDaddr(address);
            if (!zero(address, length)) {
                w.putBytes(SpTemplateAttr.DADDR, address, 0, length);
            }
            length = t.copySaddr(address);
            if (!zero(address, length)) {
                w.putBytes(SpTemplateAttr.SADDR, address, 0, length);
            }
            if (t.spi() != 0) {
                w.putU32(SpTemplateAttr.SPI, t.spi());
            }
            w.putU8(SpTemplateAttr.PROTO, t.proto()).putU8(SpTemplateAttr.MODE, t.mode());
            if (t.reqid() != 0) {
                w.putU32(SpTemplateAttr.REQID, t.reqid());
            }
            if (t.optional()) {
                w.putU8(SpTemplateAttr.OPTIONAL, 1);
            }
            w.endNested();
        }
        if (m.has(Xfrm.XFRMA_MARK)) {
            w.putU32(SpAttr.MARK, m.markValue()).putU32(SpAttr.MARK_MASK, m.markMask());
        }
        if (m.interfaceId() != 0) {
            w.putU32(SpAttr.IF_ID, m.interfaceId());
        }
        if (m.flags() != 0) {
            w.putU8(SpAttr.FLAGS, m.flags());
        }
        policies.add(key, fromDump);
    }

    private static boolean zero(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private Key key(XfrmPolicyMessage m) {
        return new Key(vrf.vrfid(), m.index());
    }

    /** The key TLVs (FamilyObjects.KeyWriter): VRFID, INDEX. */
    static void writeKey(FrameWriter w, Key key) {
        w.putU32(SpAttr.VRFID, key.vrfid()).putU32(SpAttr.INDEX, key.index());
    }
}
