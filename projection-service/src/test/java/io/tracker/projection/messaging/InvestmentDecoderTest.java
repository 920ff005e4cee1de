package io.tracker.projection.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.InvestmentFact;

/**
 * An investment fact's fields are read in the order of its wire record's meaning: business date, status, sources,
 * then the terms, so a record with several invalid fields is refused naming the first of them.
 */
class InvestmentDecoderTest {
    private final EventDecoder decoder = new EventDecoder();

    @Test
    void theBusinessDateIsNamedBeforeTheTermsWhenBothAreMissing() {
        PoisonException e = assertThrows(
                PoisonException.class,
                () -> decoder.decode(
                        EventType.INVESTMENT_MILESTONE_REACHED,
                        1,
                        "{\"investmentId\":\"i-1\",\"status\":\"OCCURRED\"}"));
        assertEquals(PoisonReason.INVALID_EVENT, e.reason());
        assertTrue(e.getMessage().endsWith(": businessDate is required"), e.getMessage());
    }

    @Test
    void theTermsAreNamedOnceTheHeaderIsValid() {
        PoisonException e = assertThrows(
                PoisonException.class,
                () -> decoder.decode(
                        EventType.INVESTMENT_MILESTONE_REACHED,
                        1,
                        "{\"investmentId\":\"i-1\",\"status\":\"OCCURRED\",\"businessDate\":{\"text\":\"2026-01-29\"}}"));
        assertTrue(e.getMessage().endsWith(": milestone is required"), e.getMessage());
    }

    @Test
    void aValidMilestoneCarriesItsDateStatusAndMilestone() throws Exception {
        InvestmentFact f = (InvestmentFact) decoder.decode(
                EventType.INVESTMENT_MILESTONE_REACHED,
                1,
                "{\"investmentId\":\"i-1\",\"status\":\"OCCURRED\",\"businessDate\":{\"text\":\"2026-01-29\"},"
                        + "\"milestone\":\"PRODUCTION_STARTED\",\"sources\":[]}");
        assertEquals("2026-01-29", f.date().text());
        assertEquals("OCCURRED", f.status().name());
        assertEquals("PRODUCTION_STARTED", f.terms().milestone());
    }
}
