package io.tracker.core.domain;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/** ISO code checks from the JDK's own tables: 3166-1 alpha-2 countries, 3166-2:CA provinces, 4217 currencies. */
public final class Codes {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> CANADIAN_SUBDIVISIONS = Set.of(
            "CA-AB", "CA-BC", "CA-MB", "CA-NB", "CA-NL", "CA-NS", "CA-NT", "CA-NU", "CA-ON", "CA-PE", "CA-QC", "CA-SK",
            "CA-YT");

    /**
     * ISO 4217 codes that are not money anyone invests in: "no currency" (XXX), the testing code (XTS),
     * precious metals (XAU, XAG, XPT, XPD), units of account (XDR, XSU, XUA, XBA–XBD, XFU, XFO) and the fund
     * codes (BOV, CHE, CHW, CLF, COU, MXV, USN, USS, UYI, UYW).
     */
    public static final Set<String> NON_MONETARY = Set.of(
            "XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XSU", "XUA", "XBA", "XBB", "XBC", "XBD", "XFU", "XFO",
            "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "USS", "UYI", "UYW");

    private Codes() {}

    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    public static boolean isCanadianSubdivision(String code) {
        return code != null && CANADIAN_SUBDIVISIONS.contains(code);
    }

    /** An ISO 4217 code of a currency money is counted in (not one of {@link #NON_MONETARY}). */
    public static boolean isCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}") || NON_MONETARY.contains(code)) {
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
