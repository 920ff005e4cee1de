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

/** An ISO 4217 currency code ({@code CAD}, {@code KRW}); null is left to the other checks. */
@Documented
@CheckedBy(IsoCurrency.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoCurrency {
    String MESSAGE =
            "must be an ISO 4217 code of a currency (such as CAD, USD or KRW; not XXX, XTS, metals or units of account)";

    class Check implements RequestCheck<String> {
        @Override
        public void check(String value, Violations at) {
            if (!Codes.isCurrency(value)) {
                at.add(MESSAGE);
            }
        }
    }
}
