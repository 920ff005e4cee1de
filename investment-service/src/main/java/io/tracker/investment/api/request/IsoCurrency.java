package io.tracker.investment.api.request;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.tracker.core.domain.Codes;

/** An ISO 4217 currency code ({@code CAD}, {@code KRW}); null is left to the other checks. */
@Documented
@Constraint(validatedBy = IsoCurrency.Validator.class)
@Target({
    ElementType.FIELD,
    ElementType.METHOD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoCurrency {
    String message() default
            "must be an ISO 4217 code of a currency (such as CAD, USD or KRW; not XXX, XTS, metals or units of account)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IsoCurrency, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Codes.isCurrency(value);
        }
    }
}
