package io.tracker.core.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When something happened in the world, with the precision the sources give: a day ("2026-01-29"),
 * a month ("2025-10"), part of a month ("2025-10-late", "-early", "-mid"), a quarter ("2026-Q2"),
 * a season ("2026-spring", northern hemisphere: spring = March–May, summer = June–August,
 * autumn = September–November, winter = December of the year before–February) or a year ("2026").
 * {@link #earliest()} and {@link #latest()} bound the interval the text stands for.
 */
public record BusinessDate(String text, Precision precision, LocalDate earliest, LocalDate latest)
        implements Comparable<BusinessDate> {

    public enum Precision {
        DAY,
        PART_OF_MONTH,
        MONTH,
        QUARTER,
        SEASON,
        YEAR
    }

    private static final Pattern DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern PART = Pattern.compile("(\\d{4})-(\\d{2})-(early|mid|late)");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern SEASON = Pattern.compile("(\\d{4})-(spring|summer|autumn|winter)");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public BusinessDate {
        Objects.requireNonNull(text);
        Objects.requireNonNull(precision);
        Objects.requireNonNull(earliest);
        Objects.requireNonNull(latest);
    }

    /** Parses the text form; throws {@link IllegalArgumentException} with a message a user can act on. */
    public static BusinessDate parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a business date is required");
        }
        String t = text.trim();
        try {
            Matcher m;
            if ((m = DAY.matcher(t)).matches()) {
                LocalDate d = LocalDate.parse(t);
                return new BusinessDate(t, Precision.DAY, d, d);
            }
            if ((m = PART.matcher(t)).matches()) {
                YearMonth ym = yearMonth(m.group(1), m.group(2));
                int from =
                        switch (m.group(3)) {
                            case "early" -> 1;
                            case "mid" -> 11;
                            default -> 21;
                        };
                int to =
                        switch (m.group(3)) {
                            case "early" -> 10;
                            case "mid" -> 20;
                            default -> ym.lengthOfMonth();
                        };
                return new BusinessDate(t, Precision.PART_OF_MONTH, ym.atDay(from), ym.atDay(to));
            }
            if ((m = MONTH.matcher(t)).matches()) {
                YearMonth ym = yearMonth(m.group(1), m.group(2));
                return new BusinessDate(t, Precision.MONTH, ym.atDay(1), ym.atEndOfMonth());
            }
            if ((m = QUARTER.matcher(t)).matches()) {
                int year = Integer.parseInt(m.group(1));
                int q = Integer.parseInt(m.group(2));
                YearMonth first = YearMonth.of(year, (q - 1) * 3 + 1);
                return new BusinessDate(
                        t,
                        Precision.QUARTER,
                        first.atDay(1),
                        first.plusMonths(2).atEndOfMonth());
            }
            if ((m = SEASON.matcher(t)).matches()) {
                int year = Integer.parseInt(m.group(1));
                YearMonth first =
                        switch (m.group(2)) {
                            case "spring" -> YearMonth.of(year, 3);
                            case "summer" -> YearMonth.of(year, 6);
                            case "autumn" -> YearMonth.of(year, 9);
                            default -> YearMonth.of(year - 1, 12);
                        };
                return new BusinessDate(
                        t, Precision.SEASON, first.atDay(1), first.plusMonths(2).atEndOfMonth());
            }
            if ((m = YEAR.matcher(t)).matches()) {
                int year = Integer.parseInt(t);
                return new BusinessDate(t, Precision.YEAR, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + t + "' is not a real date: " + e.getMessage());
        }
        throw new IllegalArgumentException("'" + t + "' is not a business date; use one of 2026-01-29, 2025-10-late, "
                + "2025-10, 2026-Q2, 2026-spring, 2026");
    }

    public static BusinessDate of(LocalDate day) {
        return parse(day.toString());
    }

    private static YearMonth yearMonth(String year, String month) {
        return YearMonth.of(Integer.parseInt(year), Integer.parseInt(month));
    }

    /** True when the interval has certainly begun by {@code day} (its earliest day is on or before it). */
    public boolean startedBy(LocalDate day) {
        return !earliest.isAfter(day);
    }

    /** Timeline order: by earliest day, then the more precise first, then by text. */
    @Override
    public int compareTo(BusinessDate other) {
        int c = earliest.compareTo(other.earliest);
        if (c != 0) {
            return c;
        }
        c = latest.compareTo(other.latest);
        return c != 0 ? c : text.compareTo(other.text);
    }

    @Override
    public String toString() {
        return text;
    }
}
