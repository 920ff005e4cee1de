package io.tracker.negotiation.api;

/** Request bodies from the Canada–Korea story (facts from the seed articles). */
final class Bodies {
    private Bodies() {}

    static final String PRESS_RELEASE = """
            {"title": "Canada and Republic of Korea strengthen ties in key industrial sectors",
             "publisher": "Innovation, Science and Economic Development Canada", "published": "2026-01-29",
             "url": null, "kind": "OFFICIAL"}""";

    static final String NEWS = """
            {"title": "Canada Engages in High-Level Talks with South Korea on Auto Manufacturing Expansion",
             "publisher": "Industry news", "published": "2025-11-05", "kind": "NEWS"}""";

    static String open(String id) {
        return """
                {"id": "%s",
                 "title": "Canada–Korea industrial cooperation: autos, batteries and critical minerals",
                 "parties": ["CA", "KR"],
                 "description": "Talks to attract Korean automotive and battery investment to Canada",
                 "fact": {"date": "2025-10-late", "status": "OCCURRED",
                          "participants": [{"name": "Mark Carney", "role": "Prime Minister", "country": "CA"},
                                           {"name": "Lee Jae Myung", "role": "President", "country": "KR"}],
                          "place": {"city": "Gyeongju", "country": "KR"},
                          "focusAreas": ["AUTOMOTIVE_MANUFACTURING", "ELECTRIC_VEHICLES"],
                          "sources": [%s]}}""".formatted(id, NEWS);
    }

    static String leaders() {
        return """
                {"summary": "Prime Minister Carney and President Lee met on the margins of APEC",
                 "fact": {"date": "2025-10-late", "status": "OCCURRED",
                          "participants": [{"name": "Mark Carney", "role": "Prime Minister", "country": "CA"},
                                           {"name": "Lee Jae Myung", "role": "President", "country": "KR"}],
                          "place": {"city": "Gyeongju", "country": "KR"},
                          "focusAreas": ["AUTOMOTIVE_MANUFACTURING"], "sources": [%s]}}""".formatted(NEWS);
    }

    static String mou() {
        return """
                {"title": "MOU on strengthening bilateral industrial cooperation",
                 "signatories": [{"name": "Mélanie Joly", "role": "Minister of Industry", "country": "CA"},
                                 {"name": "Jung-Kwan Kim", "role": "Minister of Trade, Industry and Resources", "country": "KR"}],
                 "fact": {"date": "2026-01-29", "status": "OCCURRED",
                          "participants": [{"name": "Mélanie Joly", "role": "Minister of Industry", "country": "CA"},
                                           {"name": "Hoon-Sik Kang", "role": "Presidential Special Envoy", "country": "KR"}],
                          "place": {"city": "Ottawa", "country": "CA"},
                          "focusAreas": ["FUTURE_MOBILITY", "BATTERIES", "CRITICAL_MINERALS"],
                          "sources": [%s]}}""".formatted(PRESS_RELEASE);
    }

    static String committee() {
        return """
                {"name": "Canada–Korea Industrial Cooperation Committee",
                 "mandate": "Deepen cooperation on future mobility, batteries and critical minerals",
                 "fact": {"date": "2026-01-29", "status": "OCCURRED", "focusAreas": ["FUTURE_MOBILITY"],
                          "sources": [%s]}}""".formatted(PRESS_RELEASE);
    }

    static final String OPINION = """
            {"title": "Canada-South Korea Automotive MOU: Strengthening Ties, Raising US Manufacturing Questions",
             "kind": "OPINION"}""";

    /** Canada–Korea merchandise trade in 2024, as the ISED release states it. */
    static String tradeIndicator() {
        return """
                {"indicator": {"name": "Canada–Korea bilateral merchandise trade", "value": 24500000000,
                 "qualifier": "EXACT", "unit": "money", "currency": "CAD", "period": "2024",
                 "scope": "Canada–Republic of Korea", "sources": [%s]}}""".formatted(PRESS_RELEASE);
    }

    /** Korean automakers' share of the cars sold in Canada in 2024. */
    static String shareIndicator() {
        return """
                {"indicator": {"name": "Share of cars sold in Canada made by Korean automakers", "value": 12,
                 "qualifier": "EXACT", "unit": "percent", "period": "2024", "scope": "Canada",
                 "sources": [%s]}}""".formatted(PRESS_RELEASE);
    }

    /** The opinion piece's claim, its publisher not stated. */
    static String claim() {
        return """
                {"statement": "Korea could move automotive production from the USA to Canada",
                 "source": %s}""".formatted(OPINION);
    }
}
