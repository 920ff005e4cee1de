package io.tracker.investment.api.request;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.tracker.core.domain.StreamId;

/**
 * A list of stream ids ({@link StreamId}), each violation reported at its index
 * ({@code negotiationIds[1]}). A list-level check rather than {@code List<@Pattern String>}: es-core's
 * problem mapper renders a container-element violation as {@code negotiationIds[1].<list element>}.
 */
@Documented
@Constraint(validatedBy = Slugs.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface Slugs {
    String message() default Requests.ID_MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Slugs, List<String>> {
        @Override
        public boolean isValid(List<String> ids, ConstraintValidatorContext context) {
            if (ids == null) {
                return true;
            }
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (!StreamId.isValid(id)) {
                    context.buildConstraintViolationWithTemplate(id == null ? "must not be null" : Requests.ID_MESSAGE)
                            .addBeanNode()
                            .inIterable()
                            .atIndex(i)
                            .addConstraintViolation();
                    valid = false;
                }
            }
            return valid;
        }
    }
}
