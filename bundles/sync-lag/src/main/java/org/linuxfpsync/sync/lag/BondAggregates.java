package org.linuxfpsync.sync.lag;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.linuxfpsync.cmgr.Ifuid;
import org.linuxfpsync.featuresync.FamilyObjects;
import org.linuxfpsync.featuresync.MessageHandler;
import org.linuxfpsync.featuresync.NestedAttributes;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.LagAttr;
import org.linuxfpsync.fpc.codec.LagSlaveAttr;
import org.linuxfpsync.netlink.Vrf;
import org.linuxfpsync.netlink.codec.IflaBond;
import org.linuxfpsync.netlink.codec.LinkMessage;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;
import org.linuxfpsync.netlink.codec.Rtnetlink;

/**
 * Bonds and their slaves to LAG_ADD: a bond's own link message carries its parameters
 * ({@code IFLA_BOND_*} in IFLA_INFO_DATA: mode, active slave, transmit hash policy), each slave's
 * carries its state ({@code IFLA_BOND_SLAVE_*} in IFLA_INFO_SLAVE_DATA: active or backup, MII
 * status, and in 802.3ad its aggregator and LACP port states, as {@code bond_fill_slave_info} writes
 * them). LAG_ADD is the full state of a bond with every slave, so a change of the bond or of one of
 * its slaves sends the bond again.
 *
 * <p>A slave is a link whose IFLA_INFO_SLAVE_KIND is {@code bond}, under its IFLA_MASTER: the same
 * test that makes the core's {@code show interfaces} say {@code in_l_bond: yes}
 * ({@code CachedInterface.inBond()}), so the two never disagree.
 */
final class BondAggregates implements MessageHandler {
    /** A slave's state; -1 for what its message does not carry. */
    private record Slave(int bond, int state, int miiStatus, int aggregator, int actorState, int partnerState) {
    }

    /** A bond's parameters; -1 for what its message does not carry. */
    private record Bond(int mode, int activeSlave, int xmitHashPolicy) {
    }

    private final Vrf vrf;
    private final FamilyObjects<Integer> lags;
    private final LinkMessage link = new LinkMessage();
    private final NestedAttributes data = new NestedAttributes(IflaBond.IFLA_BOND_XMIT_HASH_POLICY);
    private final NestedAttributes slaveData = new NestedAttributes(IflaBond.IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE);
    private final Map<Integer, Bond> bonds = new HashMap<>();
    /** By the slave's ifindex: a bond's slaves go in that order. */
    private final Map<Integer, Slave> slaves = new TreeMap<>();

    BondAggregates(Vrf vrf, FamilyObjects<Integer> lags) {
        this.vrf = vrf;
        this.lags = lags;
    }

    @Override
    public void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException {
        if (!MessageHandler.linkOf(Rtnetlink.AF_UNSPEC, message, link)) {
            return;
        }
        int ifindex = link.ifindex();
        Slave before = slaves.get(ifindex);
        boolean deleted = message.type() == Rtnetlink.RTM_DELLINK;
        if (before == null && !bonds.containsKey(ifindex)
                && (deleted || !link.kindEquals("bond") && !link.slaveKindEquals("bond"))) {
            return; // neither a bond nor a bond's port, before or now: every other link costs nothing
        }
        Set<Integer> changed = new TreeSet<>();
        if (deleted) {
            if (bonds.remove(ifindex) != null) {
                // the FPM deleted the bond's LAG object with it
                lags.forgetKey(ifindex);
            }
            slaves.remove(ifindex);
            if (before != null) {
                changed.add(before.bond());
            }
        } else {
            // Parsed before anything changes: a malformed message changes nothing.
            Bond bond = link.kindEquals("bond") ? bond() : null;
            Slave slave = link.slaveKindEquals("bond") && link.master() > 0 ? slave(link.master()) : null;
            if (bond != null) {
                bonds.put(ifindex, bond);
                changed.add(ifindex);
            }
            if (slave != null) {
                slaves.put(ifindex, slave);
                changed.add(slave.bond());
            } else {
                slaves.remove(ifindex);
            }
            if (before != null && (slave == null || slave.bond() != before.bond())) {
                changed.add(before.bond());
            }
        }
        for (int bond : changed) {
            if (bonds.containsKey(bond)) {
                send(bond, fromDump);
            }
        }
    }

    /** A dump reports every bond and slave again: what it does not report is gone. */
    @Override
    public void dumpStarted() {
        bonds.clear();
        slaves.clear();
    }

    private Bond bond() throws NetlinkFormatException {
        data.wrap(link.buffer(), link.infoDataOffset(), link.infoDataLength(), "IFLA_INFO_DATA");
        int mode = data.u8(IflaBond.IFLA_BOND_MODE, "IFLA_BOND_MODE", -1);
        if (mode < 0) {
            throw data.error("IFLA_BOND_MODE", "absent from a bond link");
        }
        return new Bond(mode, data.u32(IflaBond.IFLA_BOND_ACTIVE_SLAVE, "IFLA_BOND_ACTIVE_SLAVE", 0),
                data.u8(IflaBond.IFLA_BOND_XMIT_HASH_POLICY, "IFLA_BOND_XMIT_HASH_POLICY", -1));
    }

    private Slave slave(int bond) throws NetlinkFormatException {
        slaveData.wrap(link.buffer(), link.slaveDataOffset(), link.slaveDataLength(), "IFLA_INFO_SLAVE_DATA");
        int partner = slaveData.u16(IflaBond.IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE,
                "IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE", -1);
        return new Slave(bond, slaveData.u8(IflaBond.IFLA_BOND_SLAVE_STATE, "IFLA_BOND_SLAVE_STATE", -1),
                slaveData.u8(IflaBond.IFLA_BOND_SLAVE_MII_STATUS, "IFLA_BOND_SLAVE_MII_STATUS", -1),
                slaveData.u16(IflaBond.IFLA_BOND_SLAVE_AD_AGGREGATOR_ID, "IFLA_BOND_SLAVE_AD_AGGREGATOR_ID", -1),
                slaveData.u8(IflaBond.IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE,
                        "IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE", -1),
                // a u16 in the kernel for a struct port_params' u8 port_state
                partner < 0 ? -1 : partner & 0xff);
    }

    private void send(int bondIfindex, boolean fromDump) {
        Bond bond = bonds.get(bondIfindex);
        int vrfid = vrf.vrfid();
        FrameWriter w = lags.beginAdd().putU32(LagAttr.VRFID, vrfid).putU64(LagAttr.IFUID, Ifuid.of(vrfid, bondIfindex))
                .putU8(LagAttr.MODE, bond.mode());
        if (bond.activeSlave() > 0) {
            w.putU64(LagAttr.ACTIVE_SLAVE_IFUID, Ifuid.of(vrfid, bond.activeSlave()));
        }
        if (bond.xmitHashPolicy() >= 0) {
            w.putU8(LagAttr.XMIT_HASH_POLICY, bond.xmitHashPolicy());
        }
        for (Map.Entry<Integer, Slave> e : slaves.entrySet()) {
            Slave s = e.getValue();
            if (s.bond() != bondIfindex) {
                continue;
            }
            w.beginNested(LagAttr.SLAVE).putU64(LagSlaveAttr.IFUID, Ifuid.of(vrfid, e.getKey()));
            optional(w, LagSlaveAttr.STATE, s.state());
            optional(w, LagSlaveAttr.LINK, s.miiStatus());
            if (s.aggregator() >= 0) {
                w.putU16(LagSlaveAttr.AGGREGATOR_ID, s.aggregator());
            }
            optional(w, LagSlaveAttr.LACP_ACTOR_STATE, s.actorState());
            optional(w, LagSlaveAttr.LACP_PARTNER_STATE, s.partnerState());
            w.endNested();
        }
        lags.add(bondIfindex, fromDump);
    }

    private static void optional(FrameWriter w, int tlv, int u8) {
        if (u8 >= 0) {
            w.putU8(tlv, u8);
        }
    }
}
