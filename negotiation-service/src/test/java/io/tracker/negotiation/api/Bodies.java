package io.tracker.negotiation.api;

/** Request bodies from the Canada–Korea story (facts from the seed articles). */
final class Bodies {
    private Bodies() {
    }

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
}
