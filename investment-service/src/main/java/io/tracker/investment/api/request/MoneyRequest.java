package io.tracker.investment.api.request;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.investment.domain.Money;

/**
 * An amount, in exactly one of two forms: {@code {"amount": "5000000000.00", "currency": "CAD"}} or
 * {@code {"undisclosed": true}}. Zero never stands for an unknown amount.
 */
@Schema(description = "Either {\"amount\": \"5000000000.00\", \"currency\": \"CAD\"} or {\"undisclosed\": true}")
@MoneyRequest.OneForm
public record MoneyRequest(
        @Schema(
                example = "5000000000.00",
                type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                description = "a decimal greater than zero (a JSON string keeps every digit)")
        @DecimalMin(
                value = "0",
                inclusive = false,
                message = "must be greater than zero: record an amount the sources do not give as undisclosed")
        @Digits(integer = 15, fraction = 4)
        BigDecimal amount,

        @Schema(example = "CAD", description = "ISO 4217") @IsoCurrency
        String currency,

        @Schema(description = "true when the sources give no amount (then amount and currency are left out)")
        Boolean undisclosed) {

    public Money toDomain() {
        return Boolean.TRUE.equals(undisclosed) ? Money.UNDISCLOSED : new Money.Disclosed(amount, currency);
    }

    /** Exactly one form: amount and currency, or undisclosed. */
    @Documented
    @Constraint(validatedBy = OneForm.Validator.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface OneForm {
        String message() default "give either amount and currency, or undisclosed: true, not both";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<OneForm, MoneyRequest> {
            @Override
            public boolean isValid(MoneyRequest money, ConstraintValidatorContext context) {
                if (money == null) {
                    return true;
                }
                if (Boolean.TRUE.equals(money.undisclosed())) {
                    return money.amount() == null && money.currency() == null;
                }
                boolean valid = true;
                context.disableDefaultConstraintViolation();
                if (money.amount() == null) {
                    context.buildConstraintViolationWithTemplate(
                                    "is required, or give undisclosed: true when the " + "sources state no amount")
                            .addPropertyNode("amount")
                            .addConstraintViolation();
                    valid = false;
                }
                if (money.currency() == null) {
                    context.buildConstraintViolationWithTemplate("is required with an amount")
                            .addPropertyNode("currency")
                            .addConstraintViolation();
                    valid = false;
                }
                return valid;
            }
        }
    }
}
