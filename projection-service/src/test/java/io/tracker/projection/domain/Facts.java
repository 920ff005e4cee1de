package io.tracker.projection.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds domain events for the plain domain tests: one stream, versions in call order, recorded a minute apart. */
final class Facts {
    static final Source OFFICIAL = new Source("Release", "ISED", null, null, Source.Kind.OFFICIAL);
    static final Instant T0 = Instant.parse("2026-02-02T14:00:00Z");

    private final StreamKind kind;
    private final String stream;
    private long version;

    private Facts(StreamKind kind, String stream) {
        this.kind = kind;
        this.stream = stream;
    }

    static Facts negotiation(String id) {
        return new Facts(StreamKind.NEGOTIATION, id);
    }

    static Facts investment(String id) {
        return new Facts(StreamKind.INVESTMENT, id);
    }

    static Instant minute(long n) {
        return T0.plusSeconds(60 * n);
    }

    RecordedEvent fact(EventType type, String date, FactStatus status, String title, String... focusAreas) {
        return event(
                type,
                new NegotiationFact(
                        details(date, status, List.of(focusAreas)),
                        title,
                        null,
                        null,
                        type == EventType.NEGOTIATION_OPENED ? List.of("CA", "KR") : List.of(),
                        List.of()));
    }

    RecordedEvent mission(EventType type, String date, FactStatus status, String missionId, String title) {
        return event(
                type,
                new NegotiationFact(details(date, status, List.of()), title, null, missionId, List.of(), List.of()));
    }

    RecordedEvent statusChange(EventType type, String date) {
        return event(type, new StatusChange(BusinessDate.parse(date), "why", List.of(OFFICIAL)));
    }

    RecordedEvent correct(long target, String date, FactStatus status) {
        return event(
                EventType.FACT_CORRECTED, new NegotiationCorrection(target, details(date, status, List.of()), "fix"));
    }

    RecordedEvent retract(long target) {
        return event(stream(EventType.FACT_RETRACTED), new Retraction(target, "wrong", List.of()));
    }

    RecordedEvent announced(
            String date, String investor, String sector, String province, Money amount, String... negotiations) {
        return event(
                EventType.INVESTMENT_ANNOUNCED,
                new InvestmentFact(
                        BusinessDate.parse(date),
                        FactStatus.ANNOUNCED,
                        List.of(OFFICIAL),
                        new InvestmentTerms(
                                "plant",
                                new Company(investor, "KR"),
                                List.of(),
                                sector,
                                new Site("City", province, province == null ? "US" : "CA"),
                                amount,
                                null,
                                List.of(negotiations),
                                null,
                                null)));
    }

    RecordedEvent investmentFact(EventType type, String date, Money amount) {
        return event(
                type,
                new InvestmentFact(
                        BusinessDate.parse(date),
                        FactStatus.OCCURRED,
                        List.of(OFFICIAL),
                        new InvestmentTerms(null, null, null, null, null, amount, null, null, null, null)));
    }

    RecordedEvent correctInvestment(long target, InvestmentTerms patch) {
        return event(
                EventType.INVESTMENT_FACT_CORRECTED,
                new InvestmentCorrection(target, patch, null, null, "fix", List.of()));
    }

    static Money cad(String amount) {
        return Money.of(new BigDecimal(amount), "CAD");
    }

    /** The next event, recorded {@code version} minutes after T0. */
    RecordedEvent event(EventType type, EventBody body) {
        version++;
        return new RecordedEvent(kind, stream, version, UUID.randomUUID(), type, minute(version), body);
    }

    private EventType stream(EventType negotiationType) {
        return kind == StreamKind.INVESTMENT ? EventType.INVESTMENT_FACT_RETRACTED : negotiationType;
    }

    private static FactDetails details(String date, FactStatus status, List<String> focusAreas) {
        return new FactDetails(
                BusinessDate.parse(date),
                status,
                List.of(new Participant("A. Person", "Minister", "CA")),
                null,
                focusAreas,
                List.of(OFFICIAL));
    }
}
