package io.tracker.core.api.checks;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The standard constraints the requests use, as checks with Bean Validation's meaning and its English messages
 * (a constraint's own {@code message} when it gives one), and the {@link CheckedBy} rules of our own. Any other
 * constraint is refused when its class or method is first checked, never ignored.
 */
final class Constraints {
    private Constraints() {}

    /** The check an annotation states, or null when it states none ({@code @Schema}, {@code @PathParam}). */
    static RequestCheck<Object> of(Annotation a, String where) {
        RequestCheck<Object> check = standard(a);
        if (check != null) {
            return check;
        }
        CheckedBy rule = a.annotationType().getAnnotation(CheckedBy.class);
        if (rule != null) {
            return nonNull(rule(rule, where));
        }
        if (a.annotationType().getPackageName().equals("jakarta.validation.constraints")
                || a.annotationType().isAnnotationPresent(Constraint.class)) {
            throw new IllegalStateException("@" + a.annotationType().getSimpleName() + " on " + where
                    + " is not a constraint RequestChecks knows: use a supported one or a @CheckedBy rule");
        }
        return null;
    }

    private static RequestCheck<Object> standard(Annotation a) {
        if (a instanceof NotNull c) {
            return (v, at) -> {
                if (v == null) {
                    at.add(message(c.message(), "must not be null"));
                }
            };
        }
        if (a instanceof NotBlank c) {
            return (v, at) -> {
                if (v == null || v.toString().trim().isEmpty()) {
                    at.add(message(c.message(), "must not be blank"));
                }
            };
        }
        if (a instanceof NotEmpty c) {
            return (v, at) -> {
                if (v == null || size(v) == 0) {
                    at.add(message(c.message(), "must not be empty"));
                }
            };
        }
        if (a instanceof Size c) {
            // the annotation's values read once: each read of an annotation's member is a reflective proxy call
            int min = c.min();
            int max = c.max();
            String text = message(c.message(), "size must be between " + min + " and " + max);
            return nonNull((v, at) -> {
                int size = size(v);
                if (size < min || size > max) {
                    at.add(text);
                }
            });
        }
        if (a instanceof Pattern c) {
            int flags = 0;
            for (Pattern.Flag flag : c.flags()) {
                flags |= flag.getValue();
            }
            java.util.regex.Pattern regex = java.util.regex.Pattern.compile(c.regexp(), flags);
            String text = message(c.message(), "must match \"" + c.regexp() + "\"");
            return nonNull((v, at) -> {
                if (!regex.matcher((CharSequence) v).matches()) {
                    at.add(text);
                }
            });
        }
        if (a instanceof Min c) {
            return bound(
                    decimal(c.value()),
                    true,
                    true,
                    message(c.message(), "must be greater than or equal to " + c.value()));
        }
        if (a instanceof Max c) {
            return bound(
                    decimal(c.value()),
                    true,
                    false,
                    message(c.message(), "must be less than or equal to " + c.value()));
        }
        if (a instanceof DecimalMin c) {
            String text = "must be greater than " + (c.inclusive() ? "or equal to " : "") + c.value();
            return bound(new BigDecimal(c.value()), c.inclusive(), true, message(c.message(), text));
        }
        if (a instanceof PositiveOrZero c) {
            return bound(BigDecimal.ZERO, true, true, message(c.message(), "must be greater than or equal to 0"));
        }
        if (a instanceof Digits c) {
            int maxInteger = c.integer();
            int maxFraction = c.fraction();
            String text = message(
                    c.message(),
                    "numeric value out of bounds (<" + maxInteger + " digits>.<" + maxFraction + " digits> expected)");
            return nonNull((v, at) -> {
                BigDecimal d = decimal((Number) v).stripTrailingZeros();
                int integer = d.precision() - d.scale();
                int fraction = Math.max(d.scale(), 0);
                if (integer > maxInteger || fraction > maxFraction) {
                    at.add(text);
                }
            });
        }
        return null;
    }

    /** A bound on a number: {@code lower} = the value must be above it (or at it when inclusive). */
    private static RequestCheck<Object> bound(BigDecimal limit, boolean inclusive, boolean lower, String text) {
        return nonNull((v, at) -> {
            int c = decimal((Number) v).compareTo(limit);
            boolean ok = lower ? (c > 0 || (inclusive && c == 0)) : (c < 0 || (inclusive && c == 0));
            if (!ok) {
                at.add(text);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static RequestCheck<Object> rule(CheckedBy rule, String where) {
        try {
            var constructor = rule.value().getDeclaredConstructor();
            constructor.setAccessible(true);
            return (RequestCheck<Object>) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot create the rule " + rule.value().getName() + " of " + where, e);
        }
    }

    static RequestCheck<Object> nonNull(RequestCheck<Object> check) {
        return (v, at) -> {
            if (v != null) {
                check.check(v, at);
            }
        };
    }

    private static String message(String given, String standard) {
        return given.startsWith("{") ? standard : given;
    }

    private static int size(Object v) {
        if (v instanceof CharSequence s) {
            return s.length();
        }
        if (v instanceof Collection<?> c) {
            return c.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (v.getClass().isArray()) {
            return java.lang.reflect.Array.getLength(v);
        }
        throw new IllegalStateException("no size for a " + v.getClass().getName());
    }

    private static BigDecimal decimal(long value) {
        return BigDecimal.valueOf(value);
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
