package io.tracker.core.api.checks;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;

import io.tracker.http.Problem;

/**
 * Checks requests as their constraint annotations say: the same annotations that document the API (OpenAPI reads
 * them) are its checks. A resource method's parameters (path, query and header parameters by their names, the body at
 * the root) and request records, cascading through {@code @Valid} components and list elements. A class or method is
 * compiled into checks on its first request, not when the service starts (Bean Validation built the metadata of
 * every request class at start: 0.4-0.9 s of each command service's start).
 */
public final class RequestChecks {
    private static final RequestCheck<Object> NONE = (v, at) -> {};
    private static final ClassValue<RequestCheck<Object>> RECORDS = new ClassValue<>() {
        @Override
        protected RequestCheck<Object> computeValue(Class<?> type) {
            return record(type);
        }
    };
    private static final Map<Method, Parameters> METHODS = new ConcurrentHashMap<>();

    private RequestChecks() {}

    /** What is wrong with a request body, by field; empty when nothing. */
    public static List<Problem.FieldError> of(Object body) {
        Violations violations = Violations.root();
        cascade(body, violations);
        return violations.sorted();
    }

    /** The checks of a resource method's parameters. */
    public static Parameters parameters(Method method) {
        return METHODS.computeIfAbsent(method, RequestChecks::compile);
    }

    /**
     * Compiles the checks of every method of a resource class and of every record its parameters reach, now: a test
     * calls it so that a constraint these checks do not know fails the build rather than the first request.
     *
     * @return the record types compiled
     */
    public static Set<Class<?>> compileAll(Class<?> resource) {
        Set<Class<?>> records = new LinkedHashSet<>();
        for (Method method : resource.getDeclaredMethods()) {
            parameters(method);
            for (Parameter p : method.getParameters()) {
                reach(p.getParameterizedType(), records);
            }
        }
        records.forEach(RECORDS::get);
        return records;
    }

    private static void reach(Type type, Set<Class<?>> records) {
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                reach(argument, records);
            }
        } else if (type instanceof Class<?> c && c.isRecord() && records.add(c)) {
            for (RecordComponent component : c.getRecordComponents()) {
                reach(component.getGenericType(), records);
            }
        }
    }

    /** A resource method's parameter checks, in parameter order. */
    public static final class Parameters {
        private final List<String> names;
        private final List<RequestCheck<Object>> checks;

        Parameters(List<String> names, List<RequestCheck<Object>> checks) {
            this.names = names;
            this.checks = checks;
        }

        /** Throws {@link InvalidRequestException} naming every field at fault, if any. */
        public void check(Object[] arguments) {
            Violations violations = Violations.root();
            for (int i = 0; i < checks.size(); i++) {
                checks.get(i).check(arguments[i], names.get(i).isEmpty() ? violations : violations.at(names.get(i)));
            }
            if (!violations.isEmpty()) {
                throw new InvalidRequestException(violations.sorted());
            }
        }
    }

    private static Parameters compile(Method method) {
        List<String> names = new ArrayList<>();
        List<RequestCheck<Object>> checks = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            String name = name(p);
            names.add(name == null ? "" : name);
            checks.add(
                    name == null
                            ? NONE
                            : value(
                                    p.getAnnotations(),
                                    p.getAnnotatedType(),
                                    method.getName() + "(" + p.getName() + ")"));
        }
        return new Parameters(names, checks);
    }

    /** The parameter's name in the request: "" for the body, null when it is not the client's (a context). */
    private static String name(Parameter p) {
        if (p.isAnnotationPresent(Context.class) || p.isAnnotationPresent(BeanParam.class)) {
            return null;
        }
        for (Annotation a : p.getAnnotations()) {
            if (a instanceof PathParam n) {
                return n.value();
            } else if (a instanceof QueryParam n) {
                return n.value();
            } else if (a instanceof HeaderParam n) {
                return n.value();
            } else if (a instanceof FormParam n) {
                return n.value();
            } else if (a instanceof CookieParam n) {
                return n.value();
            }
        }
        return "";
    }

    private static RequestCheck<Object> record(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalStateException("@Valid on a " + type.getName() + ": requests are records");
        }
        List<RequestCheck<Object>> checks = new ArrayList<>();
        for (Annotation a : type.getAnnotations()) {
            RequestCheck<Object> check = Constraints.of(a, type.getName());
            if (check != null) {
                checks.add(check);
            }
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Field field;
            try {
                field = type.getDeclaredField(component.getName());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
            String name = component.getName();
            RequestCheck<Object> check =
                    value(field.getDeclaredAnnotations(), field.getAnnotatedType(), type.getName() + "." + name);
            if (check != NONE) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                checks.add((v, at) -> check.check(read(accessor, v), at.at(name)));
            }
        }
        return all(checks);
    }

    /**
     * The checks of one value: its declared annotations, {@code @Valid} (into a record, or each element of a list),
     * and the annotations of a list's element type ({@code List<@Valid @NotNull SourceRequest>}) at each index.
     */
    private static RequestCheck<Object> value(Annotation[] declared, AnnotatedType type, String where) {
        List<RequestCheck<Object>> checks = new ArrayList<>();
        for (Annotation a : declared) {
            if (a instanceof Valid) {
                checks.add(RequestChecks::cascade);
            } else {
                RequestCheck<Object> check = Constraints.of(a, where);
                if (check != null) {
                    checks.add(check);
                }
            }
        }
        if (type instanceof AnnotatedParameterizedType parameterized
                && parameterized.getAnnotatedActualTypeArguments().length == 1
                && Iterable.class.isAssignableFrom(raw(parameterized))) {
            AnnotatedType elementType = parameterized.getAnnotatedActualTypeArguments()[0];
            RequestCheck<Object> element = value(elementType.getAnnotations(), elementType, where + "[]");
            if (element != NONE) {
                checks.add(Constraints.nonNull((v, at) -> {
                    int i = 0;
                    for (Object e : (Iterable<?>) v) {
                        element.check(e, at.atIndex(i++));
                    }
                }));
            }
        }
        return all(checks);
    }

    /** {@code @Valid}: a record's own checks, or each element's of a list; nothing for null. */
    private static void cascade(Object value, Violations at) {
        if (value instanceof Iterable<?> elements) {
            int i = 0;
            for (Object e : elements) {
                cascade(e, at.atIndex(i++));
            }
        } else if (value != null) {
            RECORDS.get(value.getClass()).check(value, at);
        }
    }

    private static RequestCheck<Object> all(List<RequestCheck<Object>> checks) {
        if (checks.isEmpty()) {
            return NONE;
        }
        if (checks.size() == 1) {
            return checks.get(0);
        }
        List<RequestCheck<Object>> copy = List.copyOf(checks);
        return (v, at) -> {
            for (RequestCheck<Object> c : copy) {
                c.check(v, at);
            }
        };
    }

    private static Class<?> raw(AnnotatedParameterizedType type) {
        return (Class<?>) ((ParameterizedType) type.getType()).getRawType();
    }

    private static Object read(Method accessor, Object record) {
        try {
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        }
    }
}
