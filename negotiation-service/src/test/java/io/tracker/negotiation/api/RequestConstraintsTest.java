package io.tracker.negotiation.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tracker.core.api.SourceRequest;
import io.tracker.core.api.checks.CheckedRequests;
import io.tracker.core.api.checks.RequestChecks;
import io.tracker.core.domain.FactStatus;
import io.tracker.http.Problem;
import io.tracker.negotiation.api.request.FactRequest;
import io.tracker.negotiation.api.request.FigureRequests;
import io.tracker.negotiation.api.request.ParticipantRequest;
import io.tracker.negotiation.api.request.PlaceRequest;
import io.tracker.negotiation.api.request.Requests;

/**
 * Every constraint on the resource's parameters and request records is one the request checks apply (an unknown one
 * would fail here, not at the first request), and the resource is checked.
 */
class RequestConstraintsTest {

    @Test
    void everyRequestRecordOfTheResourceIsCompiled() {
        Set<Class<?>> records = RequestChecks.compileAll(NegotiationResource.class);
        for (Class<?> type : List.of(
                Requests.OpenNegotiation.class,
                Requests.Mou.class,
                Requests.Retraction.class,
                FactRequest.class,
                ParticipantRequest.class,
                PlaceRequest.class,
                SourceRequest.class,
                FigureRequests.RecordIndicator.class,
                FigureRequests.IndicatorRequest.class)) {
            assertTrue(records.contains(type), type + " in " + records);
        }
        assertTrue(NegotiationResource.class.isAnnotationPresent(CheckedRequests.class));
    }

    @Test
    void aFactWithoutSourcesIsNamedAtItsPath() {
        Requests.Talks talks = new Requests.Talks(
                null, "x", new FactRequest("2026-01-29", FactStatus.OCCURRED, null, null, null, List.of()));
        assertEquals(
                List.of(
                        new Problem.FieldError("fact.sources", "must not be empty"),
                        new Problem.FieldError("level", "must not be null")),
                RequestChecks.of(talks));
    }
}
