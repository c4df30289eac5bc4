package org.linuxfpsync.fpc.codec;

import java.util.List;

import org.linuxfpsync.fpc.codec.MessageSpec.Role;

/**
 * The session messages of FPC, family 0x00: HELLO, ERROR, the graceful-restart markers, FLUSH and
 * statistics (of interfaces and of multicast routes). The high byte of a message type is its object family; each object family declares
 * its own message types beside its TLVs ({@link RouteAttr#ROUTE_ADD}, {@link RouteAttr#FAMILY_ROUTES}).
 * See docs/fpc-protocol.md for every byte, and {@link FpcSchema} for the registry of all of them.
 */
public final class FpcMessageType {
    /** Both ways, first frame of a session: versions, name, features. */
    public static final int HELLO = 0x0001;
    /** Reply to a frame that could not be applied (the manual's "resend" semantics). */
    public static final int ERROR = 0x0002;
    /** A full replay of one family in one vrf begins: the FPM marks that family's objects stale. */
    public static final int GR_BEGIN = 0x0003;
    /** The replay ended: the FPM deletes what the replay did not refresh. */
    public static final int GR_END = 0x0004;
    /** Deletes every object of one family in one vrf. */
    public static final int FLUSH = 0x0005;
    /** Asks the FPM for interface counters. */
    public static final int STATS_REQUEST = 0x0006;
    /** The counters of one interface, in answer to STATS_REQUEST. */
    public static final int STATS_REPLY = 0x0007;
    /** Asks the FPM what it forwarded on each multicast route. */
    public static final int MROUTE_STATS_REQUEST = 0x0008;
    /** The counters of one multicast route, in answer to MROUTE_STATS_REQUEST. */
    public static final int MROUTE_STATS_REPLY = 0x0009;

    static final List<MessageSpec> SESSION_MESSAGES = List.of(
            new MessageSpec(HELLO, "HELLO", Role.SESSION,
                    "first frame of a session: versions, name, features", HelloAttr.TLVS),
            new MessageSpec(ERROR, "ERROR", Role.SESSION, "a frame could not be applied", ErrorAttr.TLVS),
            new MessageSpec(GR_BEGIN, "GR_BEGIN", Role.SESSION,
                    "a replay of one family in one vrf begins", GrAttr.TLVS),
            new MessageSpec(GR_END, "GR_END", Role.SESSION,
                    "the replay ended: sweep what it did not refresh", GrAttr.TLVS),
            new MessageSpec(FLUSH, "FLUSH", Role.SESSION,
                    "delete every object of one family in one vrf", FlushAttr.TLVS),
            new MessageSpec(STATS_REQUEST, "STATS_REQUEST", Role.SESSION,
                    "ask for interface counters", StatsRequestAttr.TLVS),
            new MessageSpec(STATS_REPLY, "STATS_REPLY", Role.SESSION,
                    "the counters of one interface", StatsReplyAttr.TLVS),
            new MessageSpec(MROUTE_STATS_REQUEST, "MROUTE_STATS_REQUEST", Role.SESSION,
                    "ask for multicast route counters", MrouteStatsRequestAttr.TLVS),
            new MessageSpec(MROUTE_STATS_REPLY, "MROUTE_STATS_REPLY", Role.SESSION,
                    "the counters of one multicast route", MrouteStatsReplyAttr.TLVS));

    private FpcMessageType() {
    }

    /** The object family of a message type: its high byte (0 for the session messages). */
    public static int familyOf(int messageType) {
        return (messageType >>> 8) & 0xff;
    }
}
