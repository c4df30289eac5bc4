package org.linuxfpsync.fpc.codec;

/**
 * FPC message types. The high byte is the object family, which graceful-restart markers name:
 * 0x00 system, 0x01 interfaces. See docs/fpc-protocol.md for every byte.
 */
public final class FpcMessageType {
    /** Both ways, first frame of a session: versions, name, features. */
    public static final int HELLO = 0x0001;
    /** Reply to a frame that could not be applied (the seed's "resend" semantics). */
    public static final int ERROR = 0x0002;
    /** A full replay of one family in one vrf begins: the FPM marks that family's objects stale. */
    public static final int GR_BEGIN = 0x0003;
    /** The replay ended: the FPM deletes what the replay did not refresh. */
    public static final int GR_END = 0x0004;

    /** Full state of an interface; creates it, or replaces it when the ifuid is known. */
    public static final int IF_CREATE = 0x0100;
    /** Full state of a known interface; ERROR ENOENT when the ifuid is unknown. */
    public static final int IF_UPDATE = 0x0101;
    /** The interface is gone. */
    public static final int IF_DELETE = 0x0102;

    /** Object families carried by GR_BEGIN/GR_END ({@link GrAttr#FAMILY}): a message type's high byte. */
    public static final int FAMILY_INTERFACES = 0x01;

    private FpcMessageType() {
    }

    public static int familyOf(int messageType) {
        return (messageType >>> 8) & 0xff;
    }

    public static String name(int type) {
        switch (type) {
            case HELLO: return "HELLO";
            case ERROR: return "ERROR";
            case GR_BEGIN: return "GR_BEGIN";
            case GR_END: return "GR_END";
            case IF_CREATE: return "IF_CREATE";
            case IF_UPDATE: return "IF_UPDATE";
            case IF_DELETE: return "IF_DELETE";
            default: return String.format("FPC_[0x%04x]", type);
        }
    }
}
