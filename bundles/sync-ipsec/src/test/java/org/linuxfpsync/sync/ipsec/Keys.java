package org.linuxfpsync.sync.ipsec;

import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.featuresync.testing.FakeKernel;
import org.linuxfpsync.netlink.codec.Xfrm;

/**
 * Key material the tests give the kernel, and the search for it in what the cache manager writes:
 * raw, as hex (any case, with or without separators) and as base64. A failure names the key and
 * where it was found, never its bytes.
 */
final class Keys {
    static final byte[] AUTH = pattern(32, 0xa7, 0x3b);
    static final byte[] AUTH2 = pattern(32, 0x3c, 0x4d);
    static final byte[] ENC = pattern(16, 0x5d, 0x29);
    static final byte[] AEAD = pattern(20, 0xe1, 0x17);
    /** The key of {@link #malformedSa()}, which the kernel would never send. */
    static final byte[] MALFORMED = pattern(16, 0x92, 0x65);

    private static final Map<String, byte[]> ALL = new LinkedHashMap<>();

    static {
        ALL.put("AUTH", AUTH);
        ALL.put("AUTH2", AUTH2);
        ALL.put("ENC", ENC);
        ALL.put("AEAD", AEAD);
        ALL.put("MALFORMED", MALFORMED);
    }

    private Keys() {
    }

    /** Bytes no message field holds by chance: a start byte, then a step of each key's own. */
    private static byte[] pattern(int length, int start, int step) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (start + step * i);
        }
        return b;
    }

    /** An SA whose XFRMA_ALG_CRYPT says its key is longer than the attribute: the decoder refuses it. */
    static byte[] malformedSa() {
        byte[] crypt = UapiXfrm.algorithm("cbc(aes)", MALFORMED, -1);
        crypt[64] = (byte) 0xff; // alg_key_len (native order; either way more bits than there are bytes)
        crypt[65] = (byte) 0x7f;
        return FakeKernel.message(w -> w.beginMessage(Xfrm.XFRM_MSG_NEWSA, 0, 0, 0)
                .bytes(IpsecFeatureUapiEncodedTest.espOut().info()).attrBytes(Xfrm.XFRMA_ALG_CRYPT, crypt)
                .endMessage());
    }

    /** The names of the keys found in {@code frames}. */
    static List<String> foundIn(List<byte[]> frames) {
        List<String> found = new ArrayList<>();
        ALL.forEach((name, key) -> {
            for (byte[] f : frames) {
                if (indexOf(f, key) >= 0) {
                    found.add(name);
                    return;
                }
            }
        });
        return found;
    }

    /** Fails, naming the key and the output, when any key is in {@code text} in any form. */
    static void assertNoneIn(String output, String text) {
        String folded = text.toLowerCase().replaceAll("[^0-9a-z]", "");
        byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
        ALL.forEach((name, key) -> {
            String hex = HexFormat.of().formatHex(key);
            if (folded.contains(hex) || indexOf(raw, key) >= 0
                    || text.contains(Base64.getEncoder().encodeToString(key))) {
                fail("key " + name + " found in the " + output + " (not shown)");
            }
        });
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
