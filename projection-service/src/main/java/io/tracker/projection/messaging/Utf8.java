package io.tracker.projection.messaging;

/**
 * Whether bytes are well-formed UTF-8 (RFC 3629, the Unicode standard's table 3-7: no overlong forms, no surrogates,
 * nothing above U+10FFFF, no sequence cut short), checked without decoding them into a string: the JDK's strict
 * decoder gives the same answer ({@code Utf8Test} compares them), at the cost of a copy of every record's value.
 */
final class Utf8 {
    private Utf8() {}

    static boolean wellFormed(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            if (c < 0xC2) {
                return false; // a continuation byte, or the lead of an overlong two-byte form
            }
            if (c < 0xE0) {
                if (i + 1 >= n || !continuation(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= n || !continuation(b[i + 1]) || !continuation(b[i + 2])) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) {
                    return false; // overlong, or a surrogate
                }
                i += 3;
            } else if (c < 0xF5) {
                if (i + 3 >= n || !continuation(b[i + 1]) || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) {
                    return false; // overlong, or above U+10FFFF
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
