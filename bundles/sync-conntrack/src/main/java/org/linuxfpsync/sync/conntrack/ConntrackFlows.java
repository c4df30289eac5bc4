package org.linuxfpsync.sync.conntrack;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.linuxfpsync.featuresync.MessageHandler;
import org.linuxfpsync.fpc.codec.ConntrackAttr;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.ConntrackMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.Nfnetlink;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * The conntrack flows of one vrf (IPCTNL_MSG_CT_NEW: a dump reply, a new or changed flow;
 * IPCTNL_MSG_CT_DELETE: a destroyed one, as {@code ctnetlink_fill_info} and
 * {@code ctnetlink_conntrack_event} write them) to CT_ADD/CT_DEL, keyed by zone and original tuple.
 *
 * <p>A flow the {@link FlowFilter} does not admit is not sent, and one sent before is deleted. A NAT
 * binding (reply tuple not the inverse of the original) is not sent while the nat row is disabled: a
 * fast path that forwarded it without its translation would send wrong packets, where without the
 * flow it hands them to Linux, which translates them.
 *
 * <p>An update event carries CTA_PROTOINFO only when the TCP state changed ({@code IPCT_PROTOINFO}),
 * and CTA_MARK only when the mark is set or changed, where a dump carries both always: the TCP state
 * last reported is kept per flow and sent again, and a mark of 0 is never sent, so that an event and a
 * dump describe an unchanged flow with the same TLVs.
 */
final class ConntrackFlows implements MessageHandler {
    static final int CT_NEW = Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_NEW);
    static final int CT_DELETE = Nfnetlink.type(Nfnetlink.NFNL_SUBSYS_CTNETLINK, Nfnetlink.IPCTNL_MSG_CT_DELETE);

    private final Vrf vrf;
    private final ConntrackStore flows;
    private final Supplier<FlowFilter> filter;
    private final BooleanSupplier natSynced;
    private final ConntrackMessage ct = new ConntrackMessage();
    private final byte[] scratch = new byte[16];
    private final byte[] dstScratch = new byte[16];
    private final byte[] labels = new byte[ConntrackMessage.LABELS_MAX_BYTES];
    private final long[] key = new long[FlowKey.WORDS];
    /** Flows the running dump reported that the filter or the nat row kept out of the FPM. */
    private int refusedInDump;
    /** The same of the last complete dump; read by the timer's thread (ConntrackVrfSync). */
    private volatile int refusedInLastDump;

    ConntrackFlows(Vrf vrf, ConntrackStore flows, Supplier<FlowFilter> filter, BooleanSupplier natSynced) {
        this.vrf = vrf;
        this.flows = flows;
        this.filter = filter;
        this.natSynced = natSynced;
    }

    @Override
    public void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        int type = message.type();
        if (type != CT_NEW && type != CT_DELETE) {
            return;
        }
        ct.wrap(message);
        requireAddresses(ct.original(), "CTA_TUPLE_ORIG");
        FlowKey.pack(ct, key, scratch);
        if (type == CT_DELETE) {
            flows.delete(key);
            return;
        }
        requireAddresses(ct.reply(), "CTA_TUPLE_REPLY");
        String helper = ct.helper();
        if (!filter.get().admits(ct.status(), helper != null) || (translated() && !natSynced.getAsBoolean())) {
            if (fromDump) {
                refusedInDump++;
            }
            flows.delete(key);
            return;
        }
        long tcp = ct.tcp().present() ? packTcp(ct.tcp()) : lastTcp();
        FrameWriter w = flows.beginAdd();
        FlowKey.write(w, vrf.vrfid(), key, 0, scratch);
        int stateFrom = w.length();
        w.beginNested(ConntrackAttr.REPLY);
        writeTuple(w, ct.reply());
        w.endNested();
        if (ct.has(Nfnetlink.CTA_STATUS)) {
            w.putU32(ConntrackAttr.STATUS, ct.status());
        }
        if (ct.mark() != 0) {
            w.putU32(ConntrackAttr.MARK, ct.mark());
        }
        if (ct.id() >= 0) {
            w.putU32(ConntrackAttr.ID, (int) ct.id());
        }
        writeTcp(w, tcp);
        if (helper != null) {
            w.putString(ConntrackAttr.HELPER, helper);
        }
        int labelBytes = ct.copyLabels(labels);
        if (labelBytes > 0) {
            w.putBytes(ConntrackAttr.LABELS, labels, 0, labelBytes);
        }
        // the countdown moves without an event: sent, never a reason to send the flow again
        int compared = w.length();
        if (ct.timeout() >= 0) {
            w.putU32(ConntrackAttr.TIMEOUT, (int) ct.timeout());
        }
        flows.add(key, fromDump, stateFrom, compared, tcp);
    }

    @Override
    public void dumpStarted() {
        refusedInDump = 0;
    }

    @Override
    public void dumpFinished(boolean complete) {
        if (complete) {
            refusedInLastDump = refusedInDump;
        }
    }

    /**
     * Flows the last complete dump reported and the filter or the nat row refused: not held, so
     * not known to have notified (ConntrackVrfSync); any thread.
     */
    int refusedByLastDump() {
        return refusedInLastDump;
    }

    /**
     * A NAT binding: the reply tuple is not the original one reversed, or the kernel says it
     * translated a side (an ICMP flow whose id alone was remapped).
     */
    private boolean translated() {
        return ct.natted() || (ct.status() & Nfnetlink.IPS_NAT_MASK) != 0;
    }

    /** The TCP state last reported of the flow in {@link #key}; a lookup for TCP flows only (most are not). */
    private long lastTcp() {
        return FlowKey.protocol(key, 0) == IPPROTO_TCP ? flows.lastTcp(key, NO_TCP) : NO_TCP;
    }

    private void requireAddresses(ConntrackMessage.Tuple t, String name) throws NetlinkFormatException {
        if (!t.present() || t.family() == Rtnetlink.AF_UNSPEC || t.protocol() < 0) {
            throw new NetlinkFormatException("conntrack flow without " + name + " addresses and protocol (vrf "
                    + vrf.vrfid() + ")");
        }
    }

    private void writeTuple(FrameWriter w, ConntrackMessage.Tuple t) {
        t.copySrc(scratch);
        t.copyDst(dstScratch);
        FlowKey.writeTuple(w, t.family(), scratch, dstScratch, t.protocol(), t.srcPort(), t.dstPort(), t.icmpId(),
                t.icmpType(), t.icmpCode());
    }

    private static final int IPPROTO_TCP = 6;

    /** No TCP state known (another protocol, or a TCP flow never reported with one). */
    private static final long NO_TCP = -1;

    /** The five TCP fields, a byte each, 0xff for one absent. */
    private static long packTcp(ConntrackMessage.TcpInfo tcp) {
        return (tcp.state() & 0xffL) << 32 | (tcp.flagsOriginal() & 0xffL) << 24 | (tcp.flagsReply() & 0xffL) << 16
                | (tcp.wscaleOriginal() & 0xffL) << 8 | (tcp.wscaleReply() & 0xffL);
    }

    private static void writeTcp(FrameWriter w, long tcp) {
        if (tcp == NO_TCP) {
            return;
        }
        putU8IfPresent(w, ConntrackAttr.TCP_STATE, (int) (tcp >>> 32) & 0xff);
        putU8IfPresent(w, ConntrackAttr.TCP_FLAGS_ORIG, (int) (tcp >>> 24) & 0xff);
        putU8IfPresent(w, ConntrackAttr.TCP_FLAGS_REPLY, (int) (tcp >>> 16) & 0xff);
        putU8IfPresent(w, ConntrackAttr.TCP_WSCALE_ORIG, (int) (tcp >>> 8) & 0xff);
        putU8IfPresent(w, ConntrackAttr.TCP_WSCALE_REPLY, (int) tcp & 0xff);
    }

    private static void putU8IfPresent(FrameWriter w, int tlv, int value) {
        if (value != 0xff) {
            w.putU8(tlv, value);
        }
    }
}
