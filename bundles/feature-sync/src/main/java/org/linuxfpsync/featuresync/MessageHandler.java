package org.linuxfpsync.featuresync;

import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * Translates the kernel messages of one feature in one vrf into FPC objects ({@link FamilyObjects}).
 * Called on the subscription's reader thread only.
 */
public interface MessageHandler {

    /**
     * One message of a type the subscription asked for, valid during the call only.
     *
     * @throws NetlinkFormatException when it is not as the uapi headers lay it out: the message is
     *                                counted as malformed and skipped, nothing synced is lost
     */
    void apply(NlMsg message, boolean fromDump) throws NetlinkFormatException;

    /** A full dump starts: every object the feature owns will be reported again. */
    default void dumpStarted() {
    }

    /** The dump ended; {@code complete} false when it was interrupted (another one follows). */
    default void dumpFinished(boolean complete) {
    }
}
