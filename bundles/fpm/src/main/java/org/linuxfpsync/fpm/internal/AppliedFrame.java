package org.linuxfpsync.fpm.internal;

import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpm.FpmObject;

/**
 * A change to a table the FPM keeps as frames (the routes, {@link PackedObjectTable}), as its
 * {@link FpmAppliedListener} and its fast path are told of it: the frame applied, whose object is
 * decoded only when asked for (issue #23: a million routes applied cost no million objects unless
 * someone reads them). One per session, reused: valid during the call that hands it out only.
 */
public final class AppliedFrame {
    private final ObjectDecoder decoder;
    private FrameReader frame;
    private MessageSpec spec;
    private String table;
    private int vrfid;
    private FpmObject object;

    AppliedFrame(ObjectDecoder decoder) {
        this.decoder = decoder;
    }

    AppliedFrame set(FrameReader applied, MessageSpec message, String tableName, int vrf) {
        this.frame = applied;
        this.spec = message;
        this.table = tableName;
        this.vrfid = vrf;
        this.object = null;
        return this;
    }

    /** The vrf of the object, 32 bits unsigned: known without decoding it. */
    public int vrfid() {
        return vrfid;
    }

    /** The object written (ADD) or deleted (DEL: its key TLVs), decoded from the frame on the first call. */
    public FpmObject object() {
        if (object == null) {
            frame.rewindTlvs();
            try {
                object = decoder.decode(frame, spec, table);
            } catch (FpcFormatException e) {
                throw new IllegalStateException("an applied " + spec.name() + " no longer decodes", e); // checked before
            }
        }
        return object;
    }
}
