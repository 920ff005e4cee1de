package io.tracker.investment.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tracker.core.api.SourceRequest;
import io.tracker.core.api.checks.CheckedRequests;
import io.tracker.core.api.checks.RequestChecks;
import io.tracker.http.Problem;
import io.tracker.investment.api.request.CompanyRequest;
import io.tracker.investment.api.request.CorrectionRequest;
import io.tracker.investment.api.request.MoneyRequest;
import io.tracker.investment.api.request.Requests;
import io.tracker.investment.api.request.SiteRequest;

/**
 * Every constraint on the resources' parameters and request records is one the request checks apply (an unknown one
 * would fail here, not at the first request); the rules of our own report at the paths the client wrote.
 */
class RequestConstraintsTest {

    @Test
    void everyRequestRecordOfTheResourcesIsCompiled() {
        Set<Class<?>> records = RequestChecks.compileAll(InvestmentResource.class);
        for (Class<?> type : List.of(
                Requests.AnnounceInvestment.class,
                Requests.Correction.class,
                CorrectionRequest.class,
                CompanyRequest.class,
                SiteRequest.class,
                MoneyRequest.class,
                SourceRequest.class)) {
            assertTrue(records.contains(type), type + " in " + records);
        }
        RequestChecks.compileAll(KnownNegotiationResource.class);
        assertTrue(InvestmentResource.class.isAnnotationPresent(CheckedRequests.class));
        assertTrue(KnownNegotiationResource.class.isAnnotationPresent(CheckedRequests.class));
    }

    @Test
    void theRulesOfOurOwnNameTheFieldsTheyRefuse() {
        CorrectionRequest correction = new CorrectionRequest(
                null,
                new CompanyRequest("LGES", "XX"),
                null,
                null,
                new SiteRequest("Windsor", "ON", "CA"),
                new MoneyRequest(new BigDecimal("5"), null, null),
                null,
                Arrays.asList("ok-id", "Bad Id", null),
                null,
                null);
        assertEquals(
                List.of(
                        new Problem.FieldError("amount.currency", "is required with an amount"),
                        new Problem.FieldError(
                                "investor.country", "must be an ISO 3166-1 alpha-2 country code such as CA or KR"),
                        new Problem.FieldError("negotiationIds[1]", Requests.ID_MESSAGE),
                        new Problem.FieldError("negotiationIds[2]", "must not be null"),
                        new Problem.FieldError(
                                "site.province",
                                "must be an ISO 3166-2:CA province or territory code such as CA-ON or CA-QC (or left out when the sources do not say)")),
                RequestChecks.of(correction));
        assertEquals(
                List.of(new Problem.FieldError(
                        "body", "give either amount and currency, or undisclosed: true, not both")),
                RequestChecks.of(new MoneyRequest(BigDecimal.ONE, "CAD", true)));
    }
}
