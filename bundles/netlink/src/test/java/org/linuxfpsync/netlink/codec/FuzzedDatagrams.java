package org.linuxfpsync.netlink.codec;

/**
 * The common part of the per-decoder fuzz tests: walks the fuzzer's bytes as a datagram and gives
 * each message to one decoder, after forcing its type into the decoder's set (a type outside it
 * is mapped onto one inside, so that the fuzzer spends its time in the decoder, not in the type
 * check). The one outcome allowed besides success is NetlinkFormatException.
 */
final class FuzzedDatagrams {
    /** Decodes one message and reads every accessor. */
    interface Decoder {
        void decode(NlMsg message) throws NetlinkFormatException;
    }

    private FuzzedDatagrams() {
    }

    static void decode(byte[] data, int[] types, Decoder decoder) {
        java.nio.ByteBuffer buffer = DecodeEverything.direct(data);
        DatagramWalker walker = new DatagramWalker().reset(buffer, 0, data.length);
        try {
            while (walker.next()) {
                NlMsg message = walker.message();
                int type = message.type();
                boolean known = false;
                for (int t : types) {
                    known |= t == type;
                }
                if (!known) {
                    buffer.putShort(message.offset() + 4, (short) types[type % types.length]);
                }
                decoder.decode(message);
            }
        } catch (NetlinkFormatException expected) {
            // the one outcome allowed for bytes that do not parse
        }
    }
}
