package org.linuxfpsync.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DecoderPropertiesTest {
    private final DecodeEverything decoder = new DecodeEverything();

    @Property(tries = 3000)
    @Label("arbitrary bytes either decode or fail with NetlinkFormatException, nothing else")
    void arbitraryBytesDecodeOrFailCleanly(@ForAll @Size(max = 600) byte[] bytes) {
        decodeOrFailCleanly(bytes);
    }

    /**
     * Random bytes rarely get past nlmsghdr: here the header is valid and the link payload random,
     * so the attribute walker and the IFLA checks see the junk.
     */
    @Property(tries = 3000)
    @Label("a valid link message header over random attributes decodes or fails with NetlinkFormatException")
    void linkMessagesWithRandomPayloadDecodeOrFailCleanly(@ForAll("linkTypes") int type,
                                                          @ForAll @Size(max = 400) byte[] payload,
                                                          @ForAll @IntRange(min = 0, max = 3) int trailing) {
        ByteBuffer message = ByteBuffer.allocate(16 + payload.length + trailing).order(ByteOrder.nativeOrder());
        message.putInt(16 + payload.length).putShort((short) type).putShort((short) 0).putInt(1).putInt(0).put(payload);
        decodeOrFailCleanly(message.array());
    }

    /** Attribute lists made of plausible nlattr headers with random lengths and types, nested or not. */
    @Property(tries = 3000)
    @Label("link messages of plausible attributes with wrong lengths decode or fail with NetlinkFormatException")
    void plausibleAttributesDecodeOrFailCleanly(@ForAll("attributeSoup") byte[] attributes) {
        ByteBuffer message = ByteBuffer.allocate(32 + attributes.length).order(ByteOrder.nativeOrder());
        message.putInt(32 + attributes.length).putShort((short) Rtnetlink.RTM_NEWLINK).putShort((short) 0)
                .putInt(1).putInt(0).put(new byte[16]).put(attributes);
        decodeOrFailCleanly(message.array());
    }

    @Provide
    Arbitrary<Integer> linkTypes() {
        return Arbitraries.integers().between(Rtnetlink.RTM_NEWLINK, Rtnetlink.RTM_SETLINK);
    }

    @Provide
    Arbitrary<byte[]> attributeSoup() {
        Arbitrary<byte[]> attribute = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(24),
                Arbitraries.integers().between(0, 40).map(type -> type | (type % 3 == 0 ? Rtnetlink.NLA_F_NESTED : 0)),
                Arbitraries.integers().between(-2, 6))
                .as((payload, type, lengthError) -> {
                    int padded = (4 + payload.length + 3) & ~3;
                    ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.nativeOrder());
                    b.putShort((short) (4 + payload.length + lengthError)).putShort((short) (int) type).put(payload);
                    return b.array();
                });
        return attribute.list().ofMaxSize(8).map(list -> {
            ByteBuffer all = ByteBuffer.allocate(list.stream().mapToInt(a -> a.length).sum());
            list.forEach(all::put);
            return all.array();
        });
    }

    private void decodeOrFailCleanly(byte[] bytes) {
        try {
            decoder.decode(DecodeEverything.direct(bytes), bytes.length);
        } catch (NetlinkFormatException expected) {
            // the one outcome allowed
        }
    }
}
