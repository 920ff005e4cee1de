package io.tracker.projection.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.tracker.projection.domain.AgreementRow;

/**
 * Sorting and cursor paging of the agreement list. The order is a sort key, then the id; a cursor is the key
 * and id of the last row of a page (opaque to clients: base64url), and the next page holds the rows strictly
 * after it. A row added or removed meanwhile moves no other row across the cursor: nothing is shown twice or
 * skipped among the rows that were there (keyset paging).
 */
final class ListPage {
    enum Sort {
        ID("id", r -> r.id()),
        TITLE("title", r -> r.title() == null ? "\uffff" : r.title().toLowerCase(Locale.ROOT)),
        STAGE(
                "stage",
                r -> r.stage() == null ? "99" : String.format("%02d", r.stage().ordinal())),
        LAST_MILESTONE_DATE(
                "lastMilestoneDate",
                r -> r.lastMilestone() == null || r.lastMilestone().date() == null
                        ? "9999-12-31~"
                        : r.lastMilestone().date().earliest() + "~"
                                + r.lastMilestone().date().latest()),
        LAST_RECORDED_AT(
                "lastRecordedAt",
                r -> r.lastRecordedAt() == null
                        ? "~"
                        : String.format(
                                "%020d",
                                r.lastRecordedAt().getEpochSecond() * 1_000_000L
                                        + r.lastRecordedAt().getNano() / 1000));

        final String param;
        final Function<AgreementRow, String> key;

        Sort(String param, Function<AgreementRow, String> key) {
            this.param = param;
            this.key = key;
        }
    }

    /** The rows of one page and the cursor after its last row (null when no row follows). */
    record Page(List<AgreementRow> rows, String next, int matching) {}

    private final Sort sort;
    private final boolean descending;

    private ListPage(Sort sort, boolean descending) {
        this.sort = sort;
        this.descending = descending;
    }

    /** {@code id} (default), {@code title}, {@code stage}, {@code lastMilestoneDate}, {@code lastRecordedAt}; a leading '-' reverses. */
    static ListPage sortedBy(String value) {
        if (value == null || value.isBlank()) {
            return new ListPage(Sort.ID, false);
        }
        String v = value.trim();
        boolean desc = v.startsWith("-");
        String name = desc ? v.substring(1) : v;
        for (Sort s : Sort.values()) {
            if (s.param.equals(name)) {
                return new ListPage(s, desc);
            }
        }
        throw new BadParameterException(
                "sort",
                "'" + value + "' is not a sort order (id, title, stage, lastMilestoneDate,"
                        + " lastRecordedAt; a leading - reverses it)");
    }

    String spec() {
        return (descending ? "-" : "") + sort.param;
    }

    Page page(List<AgreementRow> rows, String cursor, int limit) {
        Comparator<String[]> keyOrder =
                Comparator.<String[], String>comparing(k -> k[0]).thenComparing(k -> k[1]);
        Comparator<String[]> order = descending ? keyOrder.reversed() : keyOrder;
        String[] after = cursor == null || cursor.isBlank() ? null : decode(cursor);
        List<String[]> keys = new ArrayList<>();
        List<AgreementRow> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> order.compare(key(a), key(b)));
        List<AgreementRow> page = new ArrayList<>();
        boolean more = false;
        for (AgreementRow row : sorted) {
            String[] k = key(row);
            if (after != null && order.compare(k, after) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(row);
            keys.add(k);
        }
        String next = more ? encode(keys.get(keys.size() - 1)) : null;
        return new Page(page, next, rows.size());
    }

    private String[] key(AgreementRow row) {
        return new String[] {sort.key.apply(row), row.id()};
    }

    private String encode(String[] key) {
        String plain = "1\n" + spec() + "\n" + key[0] + "\n" + key[1];
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private String[] decode(String cursor) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(
                    "cursor", "not a cursor given by this service (take it from the previous page)");
        }
        if (parts.length != 4 || !parts[0].equals("1")) {
            throw new BadParameterException(
                    "cursor", "not a cursor given by this service (take it from the previous page)");
        }
        if (!parts[1].equals(spec())) {
            throw new BadParameterException(
                    "cursor", "the cursor was made for sort=" + parts[1] + ", not sort=" + spec());
        }
        return new String[] {parts[2], parts[3]};
    }
}
