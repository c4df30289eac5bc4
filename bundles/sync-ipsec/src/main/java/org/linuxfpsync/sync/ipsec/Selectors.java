package org.linuxfpsync.sync.ipsec;

import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.SelectorAttr;
import org.linuxfpsync.netlink.codec.XfrmSelector;

/** Writes a {@code struct xfrm_selector} as the nested SELECTOR TLVs of SA_ADD and SP_ADD. */
final class Selectors {
    private final byte[] address = new byte[16];

    /**
     * FAMILY always; an address with its prefix length only when the prefix is not 0 (absent: any);
     * the upper protocol, ports (with their masks) and interface only when set.
     */
    void write(FrameWriter w, int tlv, XfrmSelector sel, int vrfid) {
        w.beginNested(tlv).putU8(SelectorAttr.FAMILY, sel.family());
        if (sel.srcPrefixLength() > 0) {
            w.putBytes(SelectorAttr.SADDR, address, 0, sel.copySaddr(address));
        }
        if (sel.dstPrefixLength() > 0) {
            w.putBytes(SelectorAttr.DADDR, address, 0, sel.copyDaddr(address));
        }
        if (sel.srcPrefixLength() > 0) {
            w.putU8(SelectorAttr.SPREFIXLEN, sel.srcPrefixLength());
        }
        if (sel.dstPrefixLength() > 0) {
            w.putU8(SelectorAttr.DPREFIXLEN, sel.dstPrefixLength());
        }
        if (sel.proto() != 0) {
            w.putU8(SelectorAttr.PROTO, sel.proto());
        }
        if (sel.sportMask() != 0) {
            w.putU16(SelectorAttr.SPORT, sel.sport()).putU16(SelectorAttr.SPORT_MASK, sel.sportMask());
        }
        if (sel.dportMask() != 0) {
            w.putU16(SelectorAttr.DPORT, sel.dport()).putU16(SelectorAttr.DPORT_MASK, sel.dportMask());
        }
        if (sel.ifindex() != 0) {
            w.putU64(SelectorAttr.IFUID, Ifuid.of(vrfid, sel.ifindex()));
        }
        w.endNested();
    }
}
