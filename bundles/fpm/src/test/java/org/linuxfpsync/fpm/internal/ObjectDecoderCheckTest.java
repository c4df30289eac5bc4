package org.linuxfpsync.fpm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcSchema;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.FrameWriter;
import org.linuxfpsync.fpc.codec.MessageSpec;
import org.linuxfpsync.fpc.codec.NexthopAttr;
import org.linuxfpsync.fpc.codec.RouteAttr;
import org.linuxfpsync.fpm.FpmObject;

/**
 * {@link ObjectDecoder#check} (a route applied without an object) refuses exactly the frames
 * {@link ObjectDecoder#decode} refuses, with the same message, and writes for the others the key
 * that the packed table writes for the decoded object's key: route frames built TLV by TLV with
 * random values, lengths, repetitions, omissions and unknown TLVs, then some with bytes flipped.
 */
class ObjectDecoderCheckTest {
    private static final int FRAMES = 40_000;

    private final Random random = new Random(23);
    private final FrameWriter w = new FrameWriter();
    private final ObjectDecoder decoder = new ObjectDecoder();
    private final ObjectDecoder checker = new ObjectDecoder();
    private final PackedKey checked = new PackedKey();
    private final PackedKey decoded = new PackedKey();

    @Test
    void checkRefusesAndKeysExactlyAsDecode() throws Exception {
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < FRAMES; i++) {
            int type = random.nextInt(4) == 0 ? RouteAttr.ROUTE_DEL : RouteAttr.ROUTE_ADD;
            byte[] frame = frame(type);
            if (random.nextInt(8) == 0) {
                frame[12 + random.nextInt(frame.length - 12)] ^= (byte) (1 << random.nextInt(8));
            }
            String byDecode = outcomeOfDecode(frame);
            String byCheck = outcomeOfCheck(frame);
            assertThat(byCheck).as("frame %s", Arrays.toString(frame)).isEqualTo(byDecode);
            if (byDecode.startsWith("key ")) {
                accepted++;
            } else {
                refused++;
            }
        }
        // both outcomes are exercised in numbers, or the comparison proves little
        assertThat(accepted).isGreaterThan(FRAMES / 10);
        assertThat(refused).isGreaterThan(FRAMES / 10);
    }

    private String outcomeOfDecode(byte[] frame) {
        try {
            FrameReader r = new FrameReader().wrapFrame(ByteBuffer.wrap(frame));
            MessageSpec spec = FpcSchema.message(r.type());
            FpmObject o = decoder.decode(r, spec, "routes");
            decoded.of(o.key(), "routes");
            return "key " + o.vrfid() + " " + Arrays.toString(Arrays.copyOf(decoded.bytes(), decoded.length()));
        } catch (FpcFormatException e) {
            return "refused " + e.getMessage();
        }
    }

    private String outcomeOfCheck(byte[] frame) {
        try {
            FrameReader r = new FrameReader().wrapFrame(ByteBuffer.wrap(frame));
            MessageSpec spec = FpcSchema.message(r.type());
            int vrfid = checker.check(r, spec, checked);
            return "key " + vrfid + " " + Arrays.toString(Arrays.copyOf(checked.bytes(), checked.length()));
        } catch (FpcFormatException e) {
            return "refused " + e.getMessage();
        }
    }

    private byte[] frame(int type) {
        w.begin(type, 1);
        boolean v6 = random.nextBoolean();
        int[] order = {RouteAttr.VRFID, RouteAttr.TABLE, RouteAttr.FAMILY, RouteAttr.DST, RouteAttr.PREFIXLEN,
            RouteAttr.TOS, RouteAttr.PRIORITY, RouteAttr.TYPE, RouteAttr.PROTOCOL, RouteAttr.PREFSRC, RouteAttr.MTU,
            RouteAttr.OIF_IFUID, RouteAttr.NEXTHOP, RouteAttr.NEXTHOP, 99};
        for (int tlv : order) {
            boolean optional = tlv > RouteAttr.PREFIXLEN;
            if (random.nextInt(optional ? 2 : 30) == 0) {
                continue; // left out: a required one now and then
            }
            int times = random.nextInt(40) == 0 ? 2 : 1; // a repeated one now and then: the last counts
            for (int t = 0; t < times; t++) {
                tlv(tlv, v6);
            }
        }
        return Frames.copy(w.finish());
    }

    private void tlv(int tlv, boolean v6) {
        if (random.nextInt(50) == 0) {
            byte[] junk = new byte[random.nextInt(20)];
            random.nextBytes(junk);
            w.putBytes(tlv, junk); // any length for any TLV
            return;
        }
        switch (tlv) {
            case RouteAttr.VRFID: w.putU32(tlv, random.nextInt(3) == 0 ? -1 : random.nextInt(3)); break;
            case RouteAttr.TABLE: w.putU32(tlv, 254); break;
            case RouteAttr.FAMILY: w.putU8(tlv, random.nextInt(20) == 0 ? 7 : v6 ? 10 : 2); break;
            case RouteAttr.DST: case RouteAttr.PREFSRC: w.putAddress(tlv, address(v6)); break;
            case RouteAttr.PREFIXLEN: w.putU8(tlv, random.nextInt(140)); break;
            case RouteAttr.TOS: case RouteAttr.TYPE: case RouteAttr.PROTOCOL: w.putU8(tlv, random.nextInt(256)); break;
            case RouteAttr.PRIORITY: case RouteAttr.MTU: w.putU32(tlv, random.nextInt()); break;
            case RouteAttr.OIF_IFUID: w.putU64(tlv, random.nextInt(4) == 0 ? 0 : random.nextLong()); break;
            case RouteAttr.NEXTHOP:
                w.beginNested(tlv);
                if (random.nextBoolean()) {
                    w.putAddress(NexthopAttr.GATEWAY, address(random.nextInt(5) == 0 != v6));
                }
                if (random.nextBoolean()) {
                    w.putU64(NexthopAttr.IFUID, random.nextInt(3));
                }
                if (random.nextBoolean()) {
                    w.putU16(NexthopAttr.WEIGHT, random.nextInt(300));
                }
                if (random.nextInt(10) == 0) {
                    w.putU8(NexthopAttr.FLAGS, 1); // a u32 of 1 byte
                }
                w.endNested();
                break;
            default: w.putU32(tlv, 1); break; // a TLV of a newer sender
        }
    }

    /** An address of the family, sometimes of the other, sometimes IPv4-mapped IPv6 (which reads as IPv4). */
    private byte[] address(boolean v6) {
        if (random.nextInt(15) == 0) {
            return new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, (byte) random.nextInt(4)};
        }
        byte[] a = new byte[(v6 ? random.nextInt(20) != 0 : random.nextInt(20) == 0) ? 16 : 4];
        a[0] = 10;
        a[a.length - 1] = (byte) random.nextInt(4);
        return a;
    }
}
