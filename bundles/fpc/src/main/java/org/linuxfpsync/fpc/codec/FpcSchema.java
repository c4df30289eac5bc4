package org.linuxfpsync.fpc.codec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry of FPC version 1: every object family and every message, with the form of each
 * TLV (the tables of docs/fpc-protocol.md as data). Each family is declared once, in its
 * {@code *Attr} class ({@code VxlanAttr.SCHEMA}: code, table name, message types, TLVs); the
 * session messages in {@link FpcMessageType}. The document's TLV tables, the defines of fpc.h and
 * the reference FPM's tables are derived from or checked against this registry.
 */
public final class FpcSchema {

    /** Every object family, in code order: each declared beside the constants of its TLVs. */
    private static final List<ObjectFamily> FAMILIES = List.of(
            InterfaceAttr.SCHEMA, AddressAttr.SCHEMA, RouteAttr.SCHEMA, NeighbourAttr.SCHEMA, RuleAttr.SCHEMA,
            BridgePortAttr.SCHEMA, BridgeVlanAttr.SCHEMA, FdbAttr.SCHEMA, VxlanAttr.SCHEMA, VlanAttr.SCHEMA,
            MacvlanAttr.SCHEMA, LagAttr.SCHEMA, GreAttr.SCHEMA, TunnelAttr.SCHEMA, SaAttr.SCHEMA, SpAttr.SCHEMA,
            SvtiAttr.SCHEMA, NetfilterAttr.SCHEMA, ConntrackAttr.SCHEMA, BpfAttr.SCHEMA, MrouteAttr.SCHEMA,
            BridgeAttr.SCHEMA, NexthopObjectAttr.SCHEMA, SaReplayAttr.SCHEMA);

    private static final Map<Integer, MessageSpec> MESSAGES = new TreeMap<>();
    private static final ObjectFamily[] BY_CODE = new ObjectFamily[256];

    static {
        for (MessageSpec m : FpcMessageType.SESSION_MESSAGES) {
            register(m);
        }
        int previous = 0;
        for (ObjectFamily f : FAMILIES) {
            if (f.code() <= previous) {
                throw new ExceptionInInitializerError("family " + f.code() + " is out of code order, or twice");
            }
            previous = f.code();
            BY_CODE[f.code()] = f;
            for (MessageSpec m : f.messages()) {
                if (m.family() != f.code()) {
                    throw new ExceptionInInitializerError(m.name() + " is not in family " + f.code());
                }
                register(m);
            }
        }
    }

    private FpcSchema() {
    }

    /** Every object family, in code order. */
    public static List<ObjectFamily> families() {
        return FAMILIES;
    }

    /** The object family with this code, or null. */
    public static ObjectFamily family(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The message's name (ROUTE_ADD), or "FPC_[0x0999]" for a type FPC does not define. */
    public static String messageName(int type) {
        MessageSpec m = message(type);
        return m != null ? m.name() : String.format("FPC_[0x%04x]", type);
    }

    /** The message with this type, or null for a type FPC version 1 does not define. */
    public static MessageSpec message(int type) {
        return MESSAGES.get(type);
    }

    /** Every message, in type order. */
    public static List<MessageSpec> messages() {
        List<MessageSpec> all = new ArrayList<>(MESSAGES.values());
        all.sort(Comparator.comparingInt(MessageSpec::type));
        return all;
    }

    private static void register(MessageSpec m) {
        if (MESSAGES.put(m.type(), m) != null) {
            throw new ExceptionInInitializerError(String.format("message type 0x%04x defined twice", m.type()));
        }
    }
}
