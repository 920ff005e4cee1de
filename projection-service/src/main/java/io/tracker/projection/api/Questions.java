package io.tracker.projection.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import io.tracker.projection.domain.AsOf;

/** Reads the parameters every question shares: the agreement id and the two time axes. */
final class Questions {
    static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{2,63}";
    private static final Pattern ID = Pattern.compile(ID_PATTERN);

    private Questions() {}

    static String id(String id) {
        return id(id, "id");
    }

    /** An agreement id given as the parameter {@code parameter}. */
    static String id(String id, String parameter) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new BadParameterException(parameter, "'" + id + "' is not an agreement id (" + ID_PATTERN + ")");
        }
        return id;
    }

    /** The parameter that names a recorded time (RFC 3339, or a day meaning its end, UTC), or null. */
    static java.time.Instant time(String parameter, String value) {
        try {
            return knownAt(value);
        } catch (BadParameterException e) {
            throw new BadParameterException(parameter, e.getMessage());
        }
    }

    /**
     * {@code asOf}: a day (2025-12-01): what had happened by then. {@code knownAt}: an RFC 3339 time
     * (2026-01-30T12:00:00Z), or a day meaning the end of that day (UTC): what had been recorded by then.
     */
    static AsOf asOf(String asOf, String knownAt) {
        return new AsOf(businessDate(asOf), knownAt(knownAt));
    }

    private static LocalDate businessDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameterException("asOf", "'" + value + "' is not a day (YYYY-MM-DD, e.g. 2025-12-01)");
        }
    }

    private static Instant knownAt(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v)
                        .plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .minusNanos(1000);
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadParameterException(
                    "knownAt",
                    "'" + value
                            + "' is not a time (RFC 3339, e.g. 2026-01-30T12:00:00Z) or a day (2026-01-30: its end, UTC)");
        }
    }
}
