package org.linuxfpsync.netlink.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.linuxfpsync.netlink.NetlinkListener;
import org.linuxfpsync.netlink.ResyncReason;
import org.linuxfpsync.netlink.codec.NetlinkFormatException;
import org.linuxfpsync.netlink.codec.NlMsg;

/**
 * Keeps a copy of every message a subscription delivers (the view is valid only during the call),
 * so the test thread can decode them with the decoder under test; saves them as fuzz seeds when
 * asked to ({@link SeedRecorder}).
 */
final class CollectingListener implements NetlinkListener {
    /** Decodes one copied message; true when it is the one looked for. */
    interface Match {
        boolean test(NlMsg message) throws NetlinkFormatException;
    }

    private final String fuzzTest;
    private final String seedName;
    final List<byte[]> messages = new CopyOnWriteArrayList<>();
    volatile int completeDumps;

    CollectingListener(String fuzzTest, String seedName) {
        this.fuzzTest = fuzzTest;
        this.seedName = seedName;
    }

    @Override
    public void dumpStarted(ResyncReason reason) {
    }

    @Override
    public void message(NlMsg message, boolean fromDump) {
        byte[] copy = new byte[message.length()];
        message.buffer().get(message.offset(), copy, 0, copy.length);
        messages.add(copy);
        SeedRecorder.save(fuzzTest, seedName + (fromDump ? "-dump" : "-event"), message);
    }

    @Override
    public void dumpFinished(boolean complete) {
        if (complete) {
            completeDumps++;
        }
    }

    /** Whether some message received so far matches; decoding errors fail the test. */
    boolean received(Match match) {
        NlMsg view = new NlMsg();
        for (byte[] bytes : messages) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
            buffer.put(0, bytes);
            try {
                if (match.test(view.wrap(buffer, 0, bytes.length))) {
                    return true;
                }
            } catch (NetlinkFormatException e) {
                throw new AssertionError("a kernel message did not decode: " + e.getMessage(), e);
            }
        }
        return false;
    }
}
