package io.tracker.system;

/**
 * Request bodies of the fault scenarios, in the shape of {@code deploy/local/stories/canada-korea.json}: a
 * negotiation is opened, then leaders' meetings and talks are recorded on it; investments are announced and
 * linked to a negotiation. Every business date lies in the past, so no rule refuses them.
 */
final class Commands {
    private Commands() {}

    static final String NEWS = """
            {"title": "Canada Engages in High-Level Talks with South Korea on Auto Manufacturing Expansion",
             "publisher": "publisher not stated", "published": null, "url": null, "kind": "NEWS"}""";

    static final String ISED = """
            {"title": "Canada and Republic of Korea strengthen ties in key industrial sectors",
             "publisher": "Innovation, Science and Economic Development Canada", "published": "2026-01-29",
             "url": null, "kind": "OFFICIAL"}""";

    /** A command: where it goes and what it says. */
    record Command(String service, String path, String body, String streamId, String label) {}

    static Command open(String id) {
        return new Command("negotiation-service", "/negotiations", """
                {"id": "%s", "title": "Fault scenario %s", "parties": ["CA", "KR"],
                 "description": "High-level talks on Korean automotive manufacturing investment in Canada (system test).",
                 "fact": {"date": "2025-10-late", "status": "OCCURRED", "participants": [], "place": null,
                          "focusAreas": ["AUTOMOTIVE_MANUFACTURING", "INVESTMENT"], "sources": [%s]}}""".formatted(id, id, NEWS), id, "open");
    }

    static Command leadersMeeting(String id, int n) {
        return new Command(
                "negotiation-service",
                "/negotiations/" + id + "/leaders-meetings",
                """
                {"summary": "Leaders' meeting %d: Prime Minister Carney met President Lee.",
                 "fact": {"date": "2025-10-late", "status": "OCCURRED",
                          "participants": [{"name": "Mark Carney", "role": "Prime Minister", "country": "CA"},
                                           {"name": "Lee Jae Myung", "role": "President", "country": "KR"}],
                          "place": {"city": "Gyeongju", "country": "KR"},
                          "focusAreas": ["AUTOMOTIVE_MANUFACTURING", "TRADE"], "sources": [%s]}}""".formatted(n, NEWS),
                id,
                "leaders-meeting");
    }

    static Command talks(String id, int n) {
        return new Command(
                "negotiation-service", "/negotiations/" + id + "/talks", """
                {"level": "DELEGATION", "summary": "Talks %d: Minister Joly met the Korean delegation.",
                 "fact": {"date": "2026-01-late", "status": "OCCURRED",
                          "participants": [{"name": "Mélanie Joly", "role": "Minister of Industry", "country": "CA"},
                                           {"name": "Hoon-Sik Kang", "role": "Presidential Special Envoy", "country": "KR"}],
                          "place": {"city": "Ottawa", "country": "CA"},
                          "focusAreas": ["ELECTRIC_VEHICLES", "SUPPLY_CHAIN"], "sources": [%s]}}""".formatted(n, ISED), id, "talks");
    }

    /** The n-th command on a negotiation: opened first, then meetings and talks in turn. */
    static Command nth(String id, int n) {
        if (n == 0) {
            return open(id);
        }
        return n % 2 == 1 ? leadersMeeting(id, n) : talks(id, n);
    }

    static Command announceInvestment(String investmentId, String negotiationId) {
        return new Command(
                "investment-service",
                "/investments",
                """
                {"investmentId": "%s",
                 "project": "NextStar Energy EV battery cell and module plant",
                 "investor": {"name": "LG Energy Solution", "country": "KR"},
                 "partners": [{"name": "Stellantis N.V.", "country": "NL"}],
                 "sector": "BATTERY_CELLS",
                 "site": {"city": "Windsor", "province": "CA-ON", "country": "CA"},
                 "amount": {"undisclosed": true},
                 "negotiationIds": ["%s"],
                 "businessDate": "2026-01-29", "status": "ANNOUNCED",
                 "sources": [%s]}""".formatted(investmentId, negotiationId, ISED),
                investmentId,
                "announce-investment");
    }

    static Command commitInvestment(String investmentId) {
        return new Command(
                "investment-service",
                "/investments/" + investmentId + "/commitment",
                """
                {"amount": {"undisclosed": true}, "expectedJobs": 2500,
                 "businessDate": "2023-07-05", "status": "OCCURRED", "sources": [%s]}""".formatted(ISED),
                investmentId,
                "commit-investment");
    }
}
