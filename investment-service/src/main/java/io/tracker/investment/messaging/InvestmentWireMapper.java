package io.tracker.investment.messaging;

import static io.tracker.investment.messaging.WireValues.companies;
import static io.tracker.investment.messaging.WireValues.companiesFrom;
import static io.tracker.investment.messaging.WireValues.company;
import static io.tracker.investment.messaging.WireValues.date;
import static io.tracker.investment.messaging.WireValues.money;
import static io.tracker.investment.messaging.WireValues.site;
import static io.tracker.investment.messaging.WireValues.sources;
import static io.tracker.investment.messaging.WireValues.sourcesFrom;
import static io.tracker.investment.messaging.WireValues.status;

import java.util.Objects;

import io.tracker.investment.domain.InvestmentEvent;
import io.tracker.investment.domain.InvestmentEvent.InvestmentAnnounced;
import io.tracker.investment.domain.InvestmentEvent.InvestmentCommitted;
import io.tracker.investment.domain.InvestmentEvent.InvestmentFactCorrected;
import io.tracker.investment.domain.InvestmentEvent.InvestmentFactRetracted;
import io.tracker.investment.domain.InvestmentEvent.InvestmentMilestoneReached;
import io.tracker.investment.domain.InvestmentEvent.InvestmentRevised;
import io.tracker.investment.domain.InvestmentEvent.InvestmentWithdrawn;
import io.tracker.investment.domain.InvestmentEvent.Kind;
import io.tracker.investment.domain.Milestone;
import io.tracker.investment.domain.Sector;
import io.tracker.investment.messaging.wire.InvestmentAnnouncedV1;
import io.tracker.investment.messaging.wire.InvestmentCommittedV1;
import io.tracker.investment.messaging.wire.InvestmentFactCorrectedV1;
import io.tracker.investment.messaging.wire.InvestmentFactRetractedV1;
import io.tracker.investment.messaging.wire.InvestmentMilestoneReachedV1;
import io.tracker.investment.messaging.wire.InvestmentRevisedV1;
import io.tracker.investment.messaging.wire.InvestmentWithdrawnV1;

/**
 * Maps each investment event to its v1 wire record and back, by the event's kind (as negotiation-service's
 * NegotiationWireMapper does); one pair of methods per event type.
 */
final class InvestmentWireMapper {

    private InvestmentWireMapper() {}

    /** The wire record class of a kind at its current schema version. */
    static Class<?> wireClass(Kind kind) {
        return switch (kind) {
            case ANNOUNCED -> InvestmentAnnouncedV1.class;
            case COMMITTED -> InvestmentCommittedV1.class;
            case REVISED -> InvestmentRevisedV1.class;
            case MILESTONE_REACHED -> InvestmentMilestoneReachedV1.class;
            case WITHDRAWN -> InvestmentWithdrawnV1.class;
            case FACT_CORRECTED -> InvestmentFactCorrectedV1.class;
            case FACT_RETRACTED -> InvestmentFactRetractedV1.class;
        };
    }

    static Object toWire(InvestmentEvent event) {
        return switch (event.kind()) {
            case ANNOUNCED -> toWire((InvestmentAnnounced) event);
            case COMMITTED -> toWire((InvestmentCommitted) event);
            case REVISED -> toWire((InvestmentRevised) event);
            case MILESTONE_REACHED -> toWire((InvestmentMilestoneReached) event);
            case WITHDRAWN -> toWire((InvestmentWithdrawn) event);
            case FACT_CORRECTED -> toWire((InvestmentFactCorrected) event);
            case FACT_RETRACTED -> toWire((InvestmentFactRetracted) event);
        };
    }

    /** The domain event of a wire record of {@link #wireClass(Kind)}. */
    static InvestmentEvent toDomain(Kind kind, Object wire) {
        return switch (kind) {
            case ANNOUNCED -> fromWire((InvestmentAnnouncedV1) wire);
            case COMMITTED -> fromWire((InvestmentCommittedV1) wire);
            case REVISED -> fromWire((InvestmentRevisedV1) wire);
            case MILESTONE_REACHED -> fromWire((InvestmentMilestoneReachedV1) wire);
            case WITHDRAWN -> fromWire((InvestmentWithdrawnV1) wire);
            case FACT_CORRECTED -> fromWire((InvestmentFactCorrectedV1) wire);
            case FACT_RETRACTED -> fromWire((InvestmentFactRetractedV1) wire);
        };
    }

    static InvestmentAnnouncedV1 toWire(InvestmentAnnounced e) {
        return new InvestmentAnnouncedV1(
                e.investmentId(),
                e.project(),
                company(e.investor()),
                companies(e.partners()),
                e.sector().name(),
                site(e.site()),
                money(e.amount()),
                e.expectedJobs(),
                e.negotiationIds(),
                date(e.businessDate()),
                e.status().name(),
                sources(e.sources()));
    }

    static InvestmentAnnounced fromWire(InvestmentAnnouncedV1 w) {
        return new InvestmentAnnounced(
                id(w.investmentId()),
                w.project(),
                company(w.investor()),
                companiesFrom(w.partners()),
                Sector.valueOf(w.sector()),
                site(w.site()),
                money(w.amount()),
                w.expectedJobs(),
                Objects.requireNonNull(w.negotiationIds(), "negotiationIds"),
                date(w.businessDate()),
                status(w.status()),
                sourcesFrom(w.sources()));
    }

    static InvestmentCommittedV1 toWire(InvestmentCommitted e) {
        return new InvestmentCommittedV1(
                e.investmentId(),
                money(e.amount()),
                e.expectedJobs(),
                date(e.businessDate()),
                e.status().name(),
                sources(e.sources()));
    }

    static InvestmentCommitted fromWire(InvestmentCommittedV1 w) {
        return new InvestmentCommitted(
                id(w.investmentId()),
                money(w.amount()),
                w.expectedJobs(),
                date(w.businessDate()),
                status(w.status()),
                sourcesFrom(w.sources()));
    }

    static InvestmentRevisedV1 toWire(InvestmentRevised e) {
        return new InvestmentRevisedV1(
                e.investmentId(),
                money(e.amount()),
                e.expectedJobs(),
                date(e.businessDate()),
                e.status().name(),
                sources(e.sources()));
    }

    static InvestmentRevised fromWire(InvestmentRevisedV1 w) {
        return new InvestmentRevised(
                id(w.investmentId()),
                money(w.amount()),
                w.expectedJobs(),
                date(w.businessDate()),
                status(w.status()),
                sourcesFrom(w.sources()));
    }

    static InvestmentMilestoneReachedV1 toWire(InvestmentMilestoneReached e) {
        return new InvestmentMilestoneReachedV1(
                e.investmentId(),
                e.milestone().name(),
                date(e.businessDate()),
                e.status().name(),
                sources(e.sources()));
    }

    static InvestmentMilestoneReached fromWire(InvestmentMilestoneReachedV1 w) {
        return new InvestmentMilestoneReached(
                id(w.investmentId()),
                Milestone.valueOf(w.milestone()),
                date(w.businessDate()),
                status(w.status()),
                sourcesFrom(w.sources()));
    }

    static InvestmentWithdrawnV1 toWire(InvestmentWithdrawn e) {
        return new InvestmentWithdrawnV1(
                e.investmentId(), e.reason(), date(e.businessDate()), e.status().name(), sources(e.sources()));
    }

    static InvestmentWithdrawn fromWire(InvestmentWithdrawnV1 w) {
        return new InvestmentWithdrawn(
                id(w.investmentId()),
                Objects.requireNonNull(w.reason(), "reason"),
                date(w.businessDate()),
                status(w.status()),
                sourcesFrom(w.sources()));
    }

    static InvestmentFactCorrectedV1 toWire(InvestmentFactCorrected e) {
        return new InvestmentFactCorrectedV1(
                e.investmentId(),
                e.correctsVersion(),
                WireValues.correction(e.correction()),
                e.reason(),
                sources(e.sources()));
    }

    static InvestmentFactCorrected fromWire(InvestmentFactCorrectedV1 w) {
        return new InvestmentFactCorrected(
                id(w.investmentId()),
                Objects.requireNonNull(w.correctsVersion(), "correctsVersion"),
                WireValues.correction(w.correction()),
                Objects.requireNonNull(w.reason(), "reason"),
                sourcesFrom(w.sources()));
    }

    static InvestmentFactRetractedV1 toWire(InvestmentFactRetracted e) {
        return new InvestmentFactRetractedV1(e.investmentId(), e.retractsVersion(), e.reason(), sources(e.sources()));
    }

    static InvestmentFactRetracted fromWire(InvestmentFactRetractedV1 w) {
        return new InvestmentFactRetracted(
                id(w.investmentId()),
                Objects.requireNonNull(w.retractsVersion(), "retractsVersion"),
                Objects.requireNonNull(w.reason(), "reason"),
                sourcesFrom(w.sources()));
    }

    private static String id(String investmentId) {
        return Objects.requireNonNull(investmentId, "investmentId");
    }
}
