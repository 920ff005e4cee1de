package io.tracker.projection.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tracker.projection.domain.AgreementFilter;
import io.tracker.projection.domain.InvestmentFilter;
import io.tracker.projection.domain.MilestoneKind;
import io.tracker.projection.domain.Source;
import io.tracker.projection.domain.Stage;

/** Reads the filters of the questions across agreements; a value that cannot be read is a 400 naming it. */
final class ListQuestions {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern PROVINCE = Pattern.compile("[A-Za-z]{2}-[A-Za-z0-9]{1,3}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private ListQuestions() {}

    static AgreementFilter agreements(
            String party,
            String stage,
            String binding,
            String focusArea,
            String reached,
            String pending,
            String from,
            String to,
            String q) {
        LocalDate fromDay = day("from", from);
        LocalDate toDay = day("to", to);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            throw new BadParameterException("to", "'" + to + "' is before from (" + from + ")");
        }
        return new AgreementFilter(
                country("party", party),
                stages(stage),
                bool("binding", binding),
                code("focusArea", focusArea),
                milestone("reached", reached),
                milestone("pending", pending),
                fromDay,
                toDay,
                text("q", q));
    }

    static InvestmentFilter investments(
            String company, String sector, String province, String currency, String disclosed, String agreement) {
        String p = blank(province) ? null : province.trim();
        if (p != null && !PROVINCE.matcher(p).matches()) {
            throw new BadParameterException(
                    "province", "'" + province + "' is not a province code (ISO 3166-2, e.g. CA-ON)");
        }
        String c = blank(currency) ? null : currency.trim();
        if (c != null && !CURRENCY.matcher(c).matches()) {
            throw new BadParameterException(
                    "currency", "'" + currency + "' is not a currency code (ISO 4217, e.g. CAD)");
        }
        return new InvestmentFilter(
                text("company", company),
                code("sector", sector),
                p == null ? null : p.toUpperCase(Locale.ROOT),
                c == null ? null : c.toUpperCase(Locale.ROOT),
                bool("disclosed", disclosed),
                agreement(agreement));
    }

    static String agreement(String value) {
        return blank(value) ? null : Questions.id(value.trim(), "agreement");
    }

    static Set<Source.Kind> sourceKinds(String value) {
        if (blank(value)) {
            return Set.of();
        }
        Set<Source.Kind> kinds = EnumSet.noneOf(Source.Kind.class);
        for (String part : value.split(",")) {
            try {
                kinds.add(Source.Kind.valueOf(part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadParameterException(
                        "kind",
                        "'" + part.trim() + "' is not a source kind (one of " + Arrays.toString(Source.Kind.values())
                                + ")");
            }
        }
        return kinds;
    }

    static int limit(String value) {
        if (blank(value)) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadParameterException("limit", "'" + value + "' is not a page size from 1 to " + MAX_LIMIT);
    }

    static String country(String name, String value) {
        if (blank(value)) {
            return null;
        }
        if (!COUNTRY.matcher(value.trim()).matches()) {
            throw new BadParameterException(
                    name, "'" + value + "' is not a country code (ISO 3166-1 alpha-2, e.g. KR)");
        }
        return value.trim().toUpperCase(Locale.ROOT);
    }

    static String text(String name, String value) {
        if (blank(value)) {
            return null;
        }
        if (value.length() > 200) {
            throw new BadParameterException(name, "longer than 200 characters");
        }
        return value.trim();
    }

    private static String code(String name, String value) {
        if (blank(value)) {
            return null;
        }
        if (!CODE.matcher(value.trim()).matches()) {
            throw new BadParameterException(
                    name, "'" + value + "' is not a code (letters, digits and _, e.g. ELECTRIC_VEHICLES)");
        }
        return value.trim().toUpperCase(Locale.ROOT);
    }

    private static Set<Stage> stages(String value) {
        if (blank(value)) {
            return Set.of();
        }
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        for (String part : value.split(",")) {
            try {
                stages.add(Stage.valueOf(part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadParameterException(
                        "stage",
                        "'" + part.trim() + "' is not a stage (one of "
                                + Arrays.stream(Stage.values()).map(Enum::name).collect(Collectors.joining(", "))
                                + ")");
            }
        }
        return stages;
    }

    private static MilestoneKind milestone(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return MilestoneKind.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(
                    name,
                    "'" + value + "' is not a milestone (one of "
                            + Arrays.stream(MilestoneKind.values())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")) + ")");
        }
    }

    static Boolean bool(String name, String value) {
        if (blank(value)) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new BadParameterException(name, "'" + value + "' is not true or false");
        };
    }

    static LocalDate day(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, "'" + value + "' is not a day (YYYY-MM-DD, e.g. 2025-12-01)");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
