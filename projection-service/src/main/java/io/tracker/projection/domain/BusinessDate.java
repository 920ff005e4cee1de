package io.tracker.projection.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When something happened, with the precision the sources give (see docs/CONVENTIONS.md): the text form
 * ({@code 2026-01-29}, {@code 2025-10-late}, {@code 2025-10}, {@code 2026-Q2}, {@code 2026-spring}, {@code 2026}),
 * its precision and the interval it stands for. The precision is kept as the producer's name, so that a
 * precision this service does not know yet is still shown.
 */
public record BusinessDate(String text, String precision, LocalDate earliest, LocalDate latest)
        implements Comparable<BusinessDate> {

    private static final Pattern DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern PART = Pattern.compile("(\\d{4})-(\\d{2})-(early|mid|late)");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern SEASON = Pattern.compile("(\\d{4})-(spring|summer|autumn|winter)");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public BusinessDate {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(latest, "latest");
        if (latest.isBefore(earliest)) {
            throw new IllegalArgumentException("business date " + text + " ends before it starts");
        }
    }

    /** Parses the text form; throws {@link IllegalArgumentException} when it is not one. */
    public static BusinessDate parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a business date is required");
        }
        String t = text.trim();
        try {
            Matcher m;
            if (DAY.matcher(t).matches()) {
                LocalDate d = IsoDate.parse(t);
                return new BusinessDate(t, "DAY", d, d);
            }
            if ((m = PART.matcher(t)).matches()) {
                YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                String part = m.group(3);
                int from = part.equals("early") ? 1 : part.equals("mid") ? 11 : 21;
                int to = part.equals("early") ? 10 : part.equals("mid") ? 20 : ym.lengthOfMonth();
                return new BusinessDate(t, "PART_OF_MONTH", ym.atDay(from), ym.atDay(to));
            }
            if ((m = MONTH.matcher(t)).matches()) {
                YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                return new BusinessDate(t, "MONTH", ym.atDay(1), ym.atEndOfMonth());
            }
            if ((m = QUARTER.matcher(t)).matches()) {
                YearMonth first =
                        YearMonth.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1);
                return new BusinessDate(
                        t, "QUARTER", first.atDay(1), first.plusMonths(2).atEndOfMonth());
            }
            if ((m = SEASON.matcher(t)).matches()) {
                int year = Integer.parseInt(m.group(1));
                String season = m.group(2);
                YearMonth first = season.equals("spring")
                        ? YearMonth.of(year, 3)
                        : season.equals("summer")
                                ? YearMonth.of(year, 6)
                                : season.equals("autumn") ? YearMonth.of(year, 9) : YearMonth.of(year - 1, 12);
                return new BusinessDate(
                        t, "SEASON", first.atDay(1), first.plusMonths(2).atEndOfMonth());
            }
            if (YEAR.matcher(t).matches()) {
                int year = Integer.parseInt(t);
                return new BusinessDate(t, "YEAR", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + t + "' is not a real date: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("'" + t + "' is not a business date");
    }

    /** True when the interval has certainly begun by {@code day}: what had happened by that day. */
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
}
