package io.tracker.projection.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The producers' golden samples put together as the story of one negotiation and its investments, in
 * streams of the caller's choosing (so tests sharing one broker and database do not see each other).
 */
public final class Stories {
    public static final String SAMPLE_NEGOTIATION = "ca-kr-industrial-cooperation";
    public static final String SAMPLE_INVESTMENT = "lges-canada-battery";
    public static final String SAMPLE_WITHDRAWN = "ford-ecopro-cam-canada-stake";

    private Stories() {}

    /**
     * February 2026, as recorded on 2026-02-02: opened (v1), leaders met (v2), talks (v3), MOU (v4), committee
     * (v5), forum announced (v6), trade mission announced (v7), v3 corrected to "2026-01-late" (v8, 15:00), a
     * duplicate leaders' meeting (v9, 15:30) retracted (v10, 15:40).
     */
    public static List<Sample> february(String negotiationId) {
        List<Sample> s = new ArrayList<>();
        for (String type : List.of(
                "NegotiationOpened",
                "LeadersMet",
                "TalksHeld",
                "MouSigned",
                "CommitteeFormed",
                "ForumEstablished",
                "TradeMissionAnnounced",
                "FactCorrected")) {
            s.add(Sample.of(type).inStream(negotiationId));
        }
        s.add(Sample.of("LeadersMet").inStream(negotiationId).version(9).time("2026-02-02T15:30:00Z"));
        s.add(Sample.of("FactRetracted").inStream(negotiationId));
        return s;
    }

    /** June 2026 (recorded 2026-06-15): stalled in March (v11), resumed in April (v12), mission completed in May (v13), agreement concluded in June (v14). */
    public static List<Sample> june(String negotiationId) {
        List<Sample> s = new ArrayList<>();
        for (String type :
                List.of("NegotiationStalled", "NegotiationResumed", "TradeMissionCompleted", "AgreementConcluded")) {
            s.add(Sample.of(type).inStream(negotiationId));
        }
        return s;
    }

    /**
     * Four investments naming {@code negotiationId}: the LGES plant (v1–v7 of the samples, with a synthetic
     * v6 that v7 retracts: 5,000,000,000.00 CAD), a withdrawn one (Ford), one with an undisclosed amount
     * (POSCO, Québec) and one in USD (LGES, 500,000,000.00).
     */
    public static List<Sample> investments(String negotiationId, String suffix) {
        List<Sample> s = new ArrayList<>();
        String lges = "lges-" + suffix;
        for (String type : List.of(
                "InvestmentAnnounced",
                "InvestmentRevised",
                "InvestmentCommitted",
                "InvestmentMilestoneReached",
                "InvestmentFactCorrected")) {
            s.add(linked(Sample.of(type), SAMPLE_INVESTMENT, lges, negotiationId));
        }
        s.add(linked(Sample.of("InvestmentMilestoneReached"), SAMPLE_INVESTMENT, lges, negotiationId)
                .version(6)
                .set("/milestone", "\"PRODUCTION_STARTED\"")
                .set(
                        "/businessDate",
                        "{\"text\":\"2024-Q1\",\"precision\":\"QUARTER\",\"earliest\":\"2024-01-01\",\"latest\":\"2024-03-31\"}")
                .time("2026-02-03T14:00:00Z"));
        s.add(linked(Sample.of("InvestmentFactRetracted"), SAMPLE_INVESTMENT, lges, negotiationId));

        String ford = "ford-" + suffix;
        s.add(
                linked(Sample.of("InvestmentAnnounced"), SAMPLE_INVESTMENT, ford, negotiationId)
                        .set("/project", "\"EcoPro CAM Canada stake\"")
                        .set("/investor", "{\"name\":\"Ford Motor Company\",\"country\":\"US\"}")
                        .set("/sector", "\"CATHODE_MATERIALS\"")
                        .set("/site", "{\"city\":\"Bécancour\",\"province\":\"CA-QC\",\"country\":\"CA\"}")
                        .set("/amount", "{\"amount\":\"644000000.00\",\"currency\":\"CAD\"}")
                        .set(
                                "/businessDate",
                                "{\"text\":\"2023-08\",\"precision\":\"MONTH\",\"earliest\":\"2023-08-01\",\"latest\":\"2023-08-31\"}"));
        s.add(linked(Sample.of("InvestmentWithdrawn"), SAMPLE_WITHDRAWN, ford, negotiationId));

        s.add(linked(Sample.of("InvestmentAnnounced"), SAMPLE_INVESTMENT, "posco-" + suffix, negotiationId)
                .set("/project", "\"Cathode materials plant\"")
                .set("/investor", "{\"name\":\"POSCO Future M\",\"country\":\"KR\"}")
                .set("/sector", "\"CATHODE_MATERIALS\"")
                .set("/site", "{\"city\":\"Bécancour\",\"province\":\"CA-QC\",\"country\":\"CA\"}")
                .set("/amount", "{\"undisclosed\":true}"));
        s.add(linked(Sample.of("InvestmentAnnounced"), SAMPLE_INVESTMENT, "lges-usd-" + suffix, negotiationId)
                .set("/project", "\"Module line\"")
                .set("/amount", "{\"amount\":\"500000000.00\",\"currency\":\"USD\"}"));
        return s;
    }

    private static Sample linked(Sample sample, String sampleStream, String stream, String negotiationId) {
        return sample.inStream(stream)
                .replacing(SAMPLE_NEGOTIATION, negotiationId)
                .replacing(sampleStream, stream);
    }
}
