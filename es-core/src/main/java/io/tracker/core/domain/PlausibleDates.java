package io.tracker.core.domain;

import java.time.LocalDate;

/**
 * The range a business date may lie in, by the fact's status: nothing before {@value #FIRST_YEAR} (the
 * tracker records modern trade relations; year 0000 is a typo), and nothing announced or planned for more
 * than {@value #HORIZON_YEARS} years after the day it is recorded. Whether an OCCURRED fact lies in the future
 * is a rule of each domain (it has begun by the day it is recorded).
 */
public final class PlausibleDates {
    public static final int FIRST_YEAR = 1900;
    public static final int HORIZON_YEARS = 30;

    private PlausibleDates() {}

    /** Why {@code date} is not plausible for a fact with {@code status} recorded on {@code today}, or null. */
    public static String refusal(BusinessDate date, FactStatus status, LocalDate today) {
        if (date.earliest().getYear() < FIRST_YEAR) {
            return "'" + date.text() + "' lies before " + FIRST_YEAR + ": the tracker records nothing that early";
        }
        LocalDate horizon = today.plusYears(HORIZON_YEARS);
        if (date.earliest().isAfter(horizon)) {
            String what = status == null ? "a date" : status.name().toLowerCase(java.util.Locale.ROOT) + " dates";
            return "'" + date.text() + "' lies more than " + HORIZON_YEARS + " years after " + today + ": " + what
                    + " are accepted up to " + horizon;
        }
        return null;
    }
}
