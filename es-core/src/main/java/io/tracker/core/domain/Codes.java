package io.tracker.core.domain;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/** ISO code checks from the JDK's own tables: 3166-1 alpha-2 countries, 3166-2:CA provinces, 4217 currencies. */
public final class Codes {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> CANADIAN_SUBDIVISIONS = Set.of("CA-AB", "CA-BC", "CA-MB", "CA-NB", "CA-NL", "CA-NS",
            "CA-NT", "CA-NU", "CA-ON", "CA-PE", "CA-QC", "CA-SK", "CA-YT");

    private Codes() {
    }

    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    public static boolean isCanadianSubdivision(String code) {
        return code != null && CANADIAN_SUBDIVISIONS.contains(code);
    }

    public static boolean isCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
