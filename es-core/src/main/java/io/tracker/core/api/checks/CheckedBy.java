package io.tracker.core.api.checks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes an annotation a rule of requests: the annotation on a request record, one of its components, a list's
 * element type or a resource method's parameter runs {@code value} on the annotated value.
 */
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CheckedBy {
    @SuppressWarnings("rawtypes")
    Class<? extends RequestCheck> value();
}
