package io.tracker.investment;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Request bodies from the case: LG Energy Solution's battery plant in Windsor, Ontario (NextStar Energy, the
 * joint venture with Stellantis), as the ISED release of 2026-01-29 and earlier reports describe it.
 */
public final class Bodies {
    private Bodies() {}

    public static final String ISED = """
            {"title": "Canada and Republic of Korea strengthen ties in key industrial sectors",
             "publisher": "Innovation, Science and Economic Development Canada", "published": "2026-01-29",
             "url": null, "kind": "OFFICIAL"}""";

    public static final String LGES_RELEASE = """
            {"title": "Deal is Reached: Construction on Stellantis and LG Energy Solution Canadian Gigafactory Resumes",
             "publisher": "LG Energy Solution", "published": "2023-07-05",
             "url": "https://news.lgensol.com/company-news/press-releases/1981/", "kind": "OFFICIAL"}""";

    public static final String CANADIAN_PRESS = """
            {"title": "Stellantis-LG say joint venture in Windsor to be called NextStar Energy, appoint CEO",
             "publisher": "The Canadian Press", "published": "2022-06-02", "kind": "NEWS"}""";

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String announce(String id, String... negotiationIds) {
        return announceOn(id, "2026-01-29", negotiationIds);
    }

    public static String announceOn(String id, String businessDate, String... negotiationIds) {
        String links =
                List.of(negotiationIds).stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
        return """
                {"investmentId": "%s",
                 "project": "NextStar Energy EV battery cell and module plant",
                 "investor": {"name": "LG Energy Solution", "country": "KR"},
                 "partners": [{"name": "Stellantis N.V.", "country": "NL"}],
                 "sector": "BATTERY_CELLS",
                 "site": {"city": "Windsor", "province": "CA-ON", "country": "CA"},
                 "amount": {"undisclosed": true},
                 "negotiationIds": [%s],
                 "businessDate": "%s", "status": "ANNOUNCED",
                 "sources": [%s]}""".formatted(id, links, businessDate, ISED);
    }

    public static String commit() {
        return """
                {"amount": {"undisclosed": true}, "expectedJobs": 2500,
                 "businessDate": "2023-07-05", "status": "OCCURRED", "sources": [%s]}""".formatted(LGES_RELEASE);
    }

    public static String revise() {
        return """
                {"amount": {"amount": "5000000000.00", "currency": "CAD"}, "expectedJobs": 2500,
                 "businessDate": "2022-06-02", "status": "ANNOUNCED", "sources": [%s]}""".formatted(CANADIAN_PRESS);
    }

    public static String milestone() {
        return """
                {"milestone": "CONSTRUCTION_STARTED", "businessDate": "2023-07", "status": "OCCURRED",
                 "sources": [%s]}""".formatted(LGES_RELEASE);
    }
}
