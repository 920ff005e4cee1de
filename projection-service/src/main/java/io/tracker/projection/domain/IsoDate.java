package io.tracker.projection.domain;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * {@link LocalDate#parse} of an ISO day ("2026-01-29") without the formatter's parse context: a record's dates are
 * read for every event a replay reads. The same answers and the same exceptions: any text that is not exactly four
 * digits, '-', two digits, '-', two digits, or that names no day, goes to {@link LocalDate#parse}.
 */
public final class IsoDate {
    private IsoDate() {}

    public static LocalDate parse(CharSequence text) {
        if (text != null
                && text.length() == 10
                && text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && digits(text, 0, 4)
                && digits(text, 5, 7)
                && digits(text, 8, 10)) {
            try {
                return LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10));
            } catch (DateTimeException e) {
                // no such day: LocalDate.parse throws its own exception below
            }
        }
        return LocalDate.parse(text);
    }

    private static boolean digits(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(CharSequence text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (text.charAt(i) - '0');
        }
        return n;
    }
}
