package io.tracker.core.api;

import io.tracker.core.domain.BusinessDate;

/** Conversions of request fields that name the field when they fail. */
public final class Fields {
    private Fields() {
    }

    public static BusinessDate date(String field, String text) {
        try {
            return BusinessDate.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadFieldException(field, e.getMessage());
        }
    }
}
