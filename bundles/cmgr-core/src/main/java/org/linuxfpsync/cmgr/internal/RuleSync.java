package org.linuxfpsync.cmgr.internal;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import org.linuxfpsync.fpc.FpcChannel;
import org.linuxfpsync.fpc.codec.FpcFrame;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.RuleAttr;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;
import org.linuxfpsync.netlink.codec.RuleMessage;

/**
 * The policy routing rules of one address family in one vrf: RTM_NEWRULE/RTM_DELRULE to
 * RULE_ADD/RULE_DEL. Every TLV of a rule is its key, as the kernel matches a rule to delete on
 * all of them; the key set holds a 128-bit hash of those TLVs.
 *
 * <p>The key set cannot give a rule back from its hash: the frame of each rule sent is kept beside
 * it, for the RULE_DEL of a rule a differential dump no longer reports. Rules are few and change
 * seldom; that copy is the only allocation.
 *
 * <p>Of the rule flags only FIB_RULE_INVERT is sent: FIB_RULE_IIF_DETACHED and _OIF_DETACHED say
 * whether the interface a rule names exists now, which the kernel changes without notifying.
 * Part of the key, they would make a later RULE_DEL miss its rule.
 */
final class RuleSync extends L3ObjectSync {
    private final RuleMessage rule = new RuleMessage();
    private final byte[] address = new byte[16];
    /** The RULE_ADD frame of each rule the FPM has, by its key words. */
    private final Map<RuleKey, byte[]> sentFrames = new HashMap<>();

    private record RuleKey(long high, long low) {
    }

    RuleSync(Vrf vrf, int addressFamily, FpcChannel fpc) {
        super(L3ObjectKind.RULES, vrf, addressFamily, fpc, 2);
    }

    @Override
    void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        rule.wrap(message);
        if (rule.family() != addressFamily) {
            return;
        }
        if (rule.srcPrefixLength() > addressLength * 8 || rule.dstPrefixLength() > addressLength * 8) {
            throw malformed("rule prefix lengths " + rule.srcPrefixLength() + "/" + rule.dstPrefixLength());
        }
        boolean delete = message.type() == Rtnetlink.RTM_DELRULE;
        FrameWriter w = writer();
        w.begin(delete ? RuleAttr.RULE_DEL : RuleAttr.RULE_ADD, FpcSequence.next());
        w.putU32(RuleAttr.VRFID, vrf.vrfid());
        w.putU8(RuleAttr.FAMILY, addressFamily);
        w.putU32(RuleAttr.PRIORITY, (int) Math.max(0, rule.priority()));
        w.putU8(RuleAttr.ACTION, rule.action());
        if (rule.action() == Rtnetlink.FR_ACT_TO_TBL) {
            w.putU32(RuleAttr.TABLE, rule.table());
        }
        int length = rule.copySrc(address);
        if (length > 0) {
            w.putBytes(RuleAttr.SRC, address, 0, length);
            w.putU8(RuleAttr.SRC_LEN, rule.srcPrefixLength());
        }
        length = rule.copyDst(address);
        if (length > 0) {
            w.putBytes(RuleAttr.DST, address, 0, length);
            w.putU8(RuleAttr.DST_LEN, rule.dstPrefixLength());
        }
        if (rule.has(Rtnetlink.FRA_IIFNAME)) {
            w.putString(RuleAttr.IIFNAME, rule.iifname());
        }
        if (rule.has(Rtnetlink.FRA_OIFNAME)) {
            w.putString(RuleAttr.OIFNAME, rule.oifname());
        }
        if (rule.has(Rtnetlink.FRA_FWMARK)) {
            w.putU32(RuleAttr.FWMARK, rule.fwmark());
        }
        if (rule.has(Rtnetlink.FRA_FWMASK)) {
            w.putU32(RuleAttr.FWMASK, rule.fwmask());
        }
        if (rule.tos() != 0) {
            w.putU8(RuleAttr.TOS, rule.tos());
        }
        int flags = rule.flags() & Rtnetlink.FIB_RULE_INVERT;
        if (flags != 0) {
            w.putU32(RuleAttr.FLAGS, flags);
        }
        if (rule.action() == Rtnetlink.FR_ACT_GOTO && rule.has(Rtnetlink.FRA_GOTO)) {
            w.putU32(RuleAttr.GOTO, rule.gotoTarget());
        }
        ByteBuffer frame = w.finish();
        hashTlvs(frame, keys.key);
        RuleKey key = new RuleKey(keys.key[0], keys.key[1]);
        if (delete) {
            keys.remove();
            sentFrames.remove(key);
            send(frame);
            return;
        }
        byte[] copy = new byte[frame.limit()];
        frame.get(0, copy);
        sentFrames.put(key, copy);
        putAndSend(0, frame, fromDump);
    }

    @Override
    void forgetSwept(long value) {
        sentFrames.remove(new RuleKey(keys.key[0], keys.key[1]));
    }

    /** RULE_DEL of the rule whose key words {@code keys.key} hold: its RULE_ADD's TLVs under another type. */
    @Override
    void deleteSwept(long value) {
        byte[] add = sentFrames.remove(new RuleKey(keys.key[0], keys.key[1]));
        if (add == null) {
            return; // every rule put has its frame: not reached
        }
        ByteBuffer del = ByteBuffer.wrap(add);
        del.putShort(FpcFrame.OFFSET_TYPE, (short) RuleAttr.RULE_DEL);
        del.putInt(FpcFrame.OFFSET_SEQ, FpcSequence.next());
        send(del);
    }

    /** Two independent 64-bit hashes of the frame's TLVs (all of them key), past the header. */
    private static void hashTlvs(ByteBuffer frame, long[] key) {
        long a = 0xcbf29ce484222325L;
        long b = 0x84222325cbf29ce4L;
        for (int i = FpcFrame.HEADER_SIZE; i < frame.limit(); i++) {
            int v = frame.get(i) & 0xff;
            a = (a ^ v) * 0x100000001b3L;
            b = (b + v + 1) * 0x9e3779b97f4a7c15L;
            b ^= b >>> 29;
        }
        key[0] = a;
        key[1] = b;
    }
}
