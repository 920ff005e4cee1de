package io.tracker.projection.persistence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's {@code COPY … FROM STDIN} text format, in a growing byte buffer: columns separated by tabs,
 * rows ended by a newline, {@code \N} for null, and in every value a backslash, tab, newline and carriage return
 * escaped. Values are written as UTF-8 (the connection's client encoding); those bytes are escaped byte by byte,
 * which is safe because every byte of a multi-byte UTF-8 sequence is 0x80 or above.
 */
final class CopyText {
    private byte[] buf;
    private int len;
    private boolean rowStarted;

    CopyText(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return len;
    }

    void clear() {
        len = 0;
        rowStarted = false;
    }

    /** Ends the row. */
    void endRow() {
        put((byte) '\n');
        rowStarted = false;
    }

    /** A text value (null: {@code \N}). */
    CopyText text(String value) {
        separate();
        if (value == null) {
            nullValue();
        } else {
            escaped(value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** A value whose text has no character to escape (numbers, days, times, UUIDs); null: {@code \N}. */
    CopyText plain(Object value) {
        separate();
        if (value == null) {
            nullValue();
        } else {
            String s = value.toString();
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }
        return this;
    }

    /** A value given as its UTF-8 bytes (a JSON payload as received). */
    CopyText utf8(byte[] value) {
        separate();
        escaped(value);
        return this;
    }

    private void separate() {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
    }

    private void nullValue() {
        put((byte) '\\');
        put((byte) 'N');
    }

    private void escaped(byte[] bytes) {
        ensure(bytes.length + 16);
        for (byte b : bytes) {
            switch (b) {
                case '\\' -> escape((byte) '\\');
                case '\t' -> escape((byte) 't');
                case '\n' -> escape((byte) 'n');
                case '\r' -> escape((byte) 'r');
                default -> put(b);
            }
        }
    }

    private void escape(byte c) {
        put((byte) '\\');
        put(c);
    }

    private void put(byte b) {
        if (len == buf.length) {
            ensure(1);
        }
        buf[len++] = b;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
