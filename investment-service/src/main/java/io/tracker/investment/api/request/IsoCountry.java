package io.tracker.investment.api.request;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.tracker.core.api.checks.CheckedBy;
import io.tracker.core.api.checks.RequestCheck;
import io.tracker.core.api.checks.Violations;
import io.tracker.core.domain.Codes;

/** An ISO 3166-1 alpha-2 country code ({@code CA}, {@code KR}); null is left to {@code @NotNull}. */
@Documented
@CheckedBy(IsoCountry.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoCountry {
    String MESSAGE = "must be an ISO 3166-1 alpha-2 country code such as CA or KR";

    class Check implements RequestCheck<String> {
        @Override
        public void check(String value, Violations at) {
            if (!Codes.isCountry(value)) {
                at.add(MESSAGE);
            }
        }
    }
}
