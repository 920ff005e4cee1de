package io.tracker.core.api;

import java.time.LocalDate;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.PlausibleDates;

/** Conversions of request fields that name the field when they fail. */
public final class Fields {
    private Fields() {}

    /** A business date in the plausible range of {@link PlausibleDates} for a fact with {@code status}. */
    public static BusinessDate date(String field, String text, FactStatus status, LocalDate today) {
        BusinessDate date;
        try {
            date = BusinessDate.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadFieldException(field, e.getMessage());
        }
        String refusal = PlausibleDates.refusal(date, status, today);
        if (refusal != null) {
            throw new BadFieldException(field, refusal);
        }
        return date;
    }
}
