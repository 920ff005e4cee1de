package io.tracker.projection.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link Utf8#wellFormed} answers as the JDK's strict UTF-8 decoder does, on every kind of byte sequence. */
class Utf8Test {
    @Test
    void sameAnswerAsTheStrictDecoder() {
        Random random = new Random(14);
        int wellFormed = 0;
        int malformed = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = randomBytes(random);
            boolean expected = strict(bytes);
            assertEquals(expected, Utf8.wellFormed(bytes), Arrays.toString(bytes));
            if (expected) {
                wellFormed++;
            } else {
                malformed++;
            }
        }
        assertTrue(wellFormed > 20_000 && malformed > 20_000, wellFormed + " well-formed, " + malformed + " malformed");
    }

    @Test
    void everyCodePointAndTheEdgesAroundThem() {
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            assertTrue(Utf8.wellFormed(bytes), Integer.toHexString(cp));
        }
        byte[][] bad = {
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // U+D800
            {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, // U+DFFF
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // U+110000
            {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF}, // overlong U+07FF
            {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, // overlong U+FFFF
            {(byte) 0xC1, (byte) 0xBF}, // overlong U+007F
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}
        };
        for (byte[] b : bad) {
            assertEquals(false, strict(b), Arrays.toString(b));
            assertEquals(false, Utf8.wellFormed(b), Arrays.toString(b));
        }
    }

    /** Mostly near-valid sequences: ASCII, lead bytes of every length, continuations, the edge values. */
    private static byte[] randomBytes(Random random) {
        int[] interesting = {
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
            0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFF
        };
        byte[] b = new byte[random.nextInt(9)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte)
                    (random.nextInt(3) == 0 ? random.nextInt(256) : interesting[random.nextInt(interesting.length)]);
        }
        if (random.nextInt(3) == 0) {
            // a valid code point somewhere, sometimes cut short
            int cp = random.nextInt(0x110000);
            if (cp < 0xD800 || cp > 0xDFFF) {
                byte[] c = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                int keep = random.nextInt(4) == 0 ? random.nextInt(c.length + 1) : c.length;
                byte[] joined = Arrays.copyOf(b, b.length + keep);
                System.arraycopy(c, 0, joined, b.length, keep);
                return joined;
            }
        }
        return b;
    }

    private static boolean strict(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
