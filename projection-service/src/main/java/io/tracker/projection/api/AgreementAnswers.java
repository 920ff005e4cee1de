package io.tracker.projection.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.AgreementFilter;
import io.tracker.projection.domain.AgreementInvestments;
import io.tracker.projection.domain.AgreementList;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.Timeline;
import io.tracker.projection.persistence.AcrossQueries;
import io.tracker.projection.persistence.CurrentStatuses;
import io.tracker.projection.persistence.FactQueries;

/**
 * The answers of {@link AgreementsResource}, read from the stores and computed as of the question: a page of the
 * list, an agreement's status (now: from the kept current statuses), timeline and investments. Nothing recorded
 * about the agreement is a {@link NotFoundProblem}.
 */
@ApplicationScoped
class AgreementAnswers {
    private final FactQueries queries;
    private final CurrentStatuses current;
    private final AcrossQueries across;

    AgreementAnswers(FactQueries queries, CurrentStatuses current, AcrossQueries across) {
        this.queries = queries;
        this.current = current;
        this.across = across;
    }

    Uni<ListPage.Page> page(AsOf question, AgreementFilter filter, ListPage paging, String cursor, int size) {
        return across.negotiations(question.knownAt())
                .map(streams -> paging.page(AgreementList.rows(streams, question, filter), cursor, size));
    }

    Uni<AgreementStatus> status(String agreementId, AsOf question) {
        if (question.equals(AsOf.NOW)) {
            return current.now(agreementId).map(status -> status.orElseThrow(() -> notFound(agreementId, question)));
        }
        return queries.negotiation(agreementId, question.knownAt())
                .map(events -> AgreementStatusCalculator.status(agreementId, events, question)
                        .orElseThrow(() -> notFound(agreementId, question)));
    }

    Uni<Timeline> timeline(String agreementId, AsOf question) {
        return queries.negotiation(agreementId, question.knownAt())
                .map(events ->
                        Timeline.of(agreementId, events, question).orElseThrow(() -> notFound(agreementId, question)));
    }

    Uni<AgreementInvestments> investments(String agreementId, AsOf question) {
        return queries.investmentsNaming(agreementId, question.knownAt())
                .map(streams -> AgreementInvestments.of(agreementId, streams, question));
    }

    private static NotFoundProblem notFound(String id, AsOf question) {
        return new NotFoundProblem("nothing has been recorded about agreement '" + id + "'"
                + (question.knownAt() == null ? "" : " by " + question.knownAt()));
    }
}
