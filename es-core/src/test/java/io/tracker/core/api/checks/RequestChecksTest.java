package io.tracker.core.api.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

import io.tracker.http.Problem;

/** The request checks give Bean Validation's answers for the constraints the requests use, by field. */
class RequestChecksTest {

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER})
    @CheckedBy(Even.Check.class)
    @interface Even {
        class Check implements RequestCheck<Integer> {
            @Override
            public void check(Integer value, Violations at) {
                if (value % 2 != 0) {
                    at.add("must be even");
                }
            }
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @CheckedBy(Ordered.Check.class)
    @interface Ordered {
        class Check implements RequestCheck<Range> {
            @Override
            public void check(Range range, Violations at) {
                if (range.from() != null && range.to() != null && range.from() > range.to()) {
                    at.at("to").add("must not be before from");
                }
            }
        }
    }

    @Ordered
    record Range(@NotNull Integer from, Integer to) {}

    record Source(
            @NotBlank @Size(max = 5) String title,
            @Pattern(regexp = "https?://\\S+") String url) {}

    record Fact(
            @NotNull @Pattern(regexp = "\\d{4}", message = "must be a year")
            String year,

            @NotEmpty @Size(max = 2) List<@Valid @NotNull Source> sources,
            @Size(max = 3) List<@NotNull @Pattern(regexp = "[A-Z]{2}") String> parties,
            @Valid Range range,
            @Even Integer count) {}

    record Body(
            @Valid @NotNull Fact fact,
            @Min(1) Long version,
            @Max(9) Integer small) {}

    record Money(
            @DecimalMin(value = "0", inclusive = false) @Digits(integer = 3, fraction = 2)
            BigDecimal amount,

            @PositiveOrZero Integer jobs) {}

    record WithEmail(@Email String email) {}

    record Holder(@Valid WithEmail inner) {}

    private static final Source GOOD_SOURCE = new Source("Title", "https://example.org/a");
    private static final Fact GOOD_FACT =
            new Fact("2026", List.of(GOOD_SOURCE), List.of("CA", "KR"), new Range(1, 2), 4);

    @Test
    void aValidBodyHasNoViolations() {
        assertEquals(List.of(), RequestChecks.of(new Body(GOOD_FACT, 1L, 3)));
    }

    @Test
    void everyViolationIsNamedByItsPathWithBeanValidationsMessages() {
        Fact fact = new Fact(
                "26",
                Arrays.asList(new Source("  ", "ftp://x"), null, GOOD_SOURCE),
                Arrays.asList("CA", "kr", null, "US"),
                new Range(5, 2),
                3);
        Map<String, List<String>> errors = byField(RequestChecks.of(new Body(fact, 0L, 10)));

        Map<String, List<String>> expected = new TreeMap<>();
        expected.put("fact.year", List.of("must be a year"));
        expected.put("fact.sources", List.of("size must be between 0 and 2"));
        expected.put("fact.sources[0].title", List.of("must not be blank"));
        expected.put("fact.sources[0].url", List.of("must match \"https?://\\S+\""));
        expected.put("fact.sources[1]", List.of("must not be null"));
        expected.put("fact.parties", List.of("size must be between 0 and 3"));
        expected.put("fact.parties[1]", List.of("must match \"[A-Z]{2}\""));
        expected.put("fact.parties[2]", List.of("must not be null"));
        expected.put("fact.range.to", List.of("must not be before from"));
        expected.put("fact.count", List.of("must be even"));
        expected.put("version", List.of("must be greater than or equal to 1"));
        expected.put("small", List.of("must be less than or equal to 9"));
        assertEquals(expected, errors);
    }

    @Test
    void nullsAreLeftToNotNullAndEmptyListsToNotEmpty() {
        Map<String, List<String>> errors = byField(
                RequestChecks.of(new Body(new Fact(null, List.of(), null, new Range(null, null), null), null, null)));
        assertEquals(
                Map.of(
                        "fact.year", List.of("must not be null"),
                        "fact.sources", List.of("must not be empty"),
                        "fact.range.from", List.of("must not be null")),
                errors);
        assertEquals(
                List.of(new Problem.FieldError("fact", "must not be null")), RequestChecks.of(new Body(null, 1L, 1)));
    }

    @Test
    void numbersAreBoundedAsDecimals() {
        assertEquals(List.of(), RequestChecks.of(new Money(new BigDecimal("999.99"), 0)));
        assertEquals(List.of(), RequestChecks.of(new Money(new BigDecimal("120.500"), 0)), "trailing zeros");
        assertEquals(
                Map.of(
                        "amount", List.of("must be greater than 0"),
                        "jobs", List.of("must be greater than or equal to 0")),
                byField(RequestChecks.of(new Money(BigDecimal.ZERO, -1))));
        assertEquals(
                Map.of("amount", List.of("numeric value out of bounds (<3 digits>.<2 digits> expected)")),
                byField(RequestChecks.of(new Money(new BigDecimal("1000.001"), null))));
    }

    @SuppressWarnings("unused")
    static class Resource {
        public void create(@Valid @NotNull Body body, @BeanParam Object headers, @Context UriInfo uri) {}

        public void get(
                @PathParam("id") @Pattern(regexp = "[a-z]+") String id,
                @QueryParam("limit") @NotNull @Min(1) Integer limit) {}

        public void email(@Valid Holder body) {}
    }

    @Test
    void aMethodsParametersAreCheckedByTheirNamesAndTheBodyAtTheRoot() throws Exception {
        Method create = Resource.class.getMethod("create", Body.class, Object.class, UriInfo.class);
        InvalidRequestException missing =
                assertThrows(InvalidRequestException.class, () -> RequestChecks.parameters(create)
                        .check(new Object[] {null, null, null}));
        assertEquals(List.of(new Problem.FieldError("body", "must not be null")), missing.errors());

        InvalidRequestException inBody =
                assertThrows(InvalidRequestException.class, () -> RequestChecks.parameters(create)
                        .check(new Object[] {new Body(GOOD_FACT, 0L, 1), null, null}));
        assertEquals(List.of(new Problem.FieldError("version", "must be greater than or equal to 1")), inBody.errors());
        RequestChecks.parameters(create).check(new Object[] {new Body(GOOD_FACT, 1L, 1), null, null});

        Method get = Resource.class.getMethod("get", String.class, Integer.class);
        InvalidRequestException params = assertThrows(InvalidRequestException.class, () -> RequestChecks.parameters(get)
                .check(new Object[] {"A1", null}));
        assertEquals(
                List.of(
                        new Problem.FieldError("id", "must match \"[a-z]+\""),
                        new Problem.FieldError("limit", "must not be null")),
                params.errors());
        RequestChecks.parameters(get).check(new Object[] {"abc", 5});
    }

    @Test
    void aConstraintTheChecksDoNotKnowIsRefusedNotIgnored() throws Exception {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> RequestChecks.of(new Holder(new WithEmail("not an address"))));
        assertTrue(e.getMessage().contains("@Email"), e.getMessage());
    }

    @Test
    void compileAllReachesEveryRecordOfAResource() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> RequestChecks.compileAll(Resource.class));
        assertTrue(e.getMessage().contains("WithEmail.email"), e.getMessage());
    }

    private static Map<String, List<String>> byField(List<Problem.FieldError> errors) {
        Map<String, List<String>> map = new TreeMap<>();
        for (Problem.FieldError error : errors) {
            map.computeIfAbsent(error.field(), k -> new java.util.ArrayList<>()).add(error.message());
        }
        return map;
    }
}
