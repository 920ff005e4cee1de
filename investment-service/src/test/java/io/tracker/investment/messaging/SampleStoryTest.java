package io.tracker.investment.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.FactStatus;
import io.tracker.investment.domain.Company;
import io.tracker.investment.domain.InvestmentCommand.RecordMilestone;
import io.tracker.investment.domain.InvestmentDecider;
import io.tracker.investment.domain.InvestmentEvent;
import io.tracker.investment.domain.InvestmentState;
import io.tracker.investment.domain.Milestone;
import io.tracker.investment.domain.Money;

/** The lges-canada-battery samples are one stream (versions 1-5 and 7); replayed they make sense. */
class SampleStoryTest {
    private final InvestmentEventCodec codec = new InvestmentEventCodec();
    private final InvestmentDecider decider = new InvestmentDecider();

    private InvestmentEvent sample(String type, int expectedVersion) {
        JsonNode sample = Contract.sample(type);
        assertEquals("lges-canada-battery", sample.path("subject").asText());
        assertEquals(
                String.valueOf(expectedVersion), sample.path("streamversion").asText());
        return codec.decode(type, 1, sample.path("data").toString());
    }

    @Test
    void theLgesSamplesReplayIntoTheExpectedState() {
        List<InvestmentEvent> stream = new ArrayList<>(List.of(
                sample("InvestmentAnnounced", 1),
                sample("InvestmentRevised", 2),
                sample("InvestmentCommitted", 3),
                sample("InvestmentMilestoneReached", 4),
                sample("InvestmentFactCorrected", 5)));
        // version 6 (not a sample): production recorded as started, which the retraction (version 7) takes back
        RecordMilestone productionStarted = new RecordMilestone(
                Milestone.PRODUCTION_STARTED,
                BusinessDate.parse("2024-Q1"),
                FactStatus.OCCURRED,
                ((InvestmentEvent.InvestmentRevised) stream.get(1)).sources());
        Decision<InvestmentEvent> v6 = decider.decide(productionStarted, decider.fold(stream));
        stream.addAll(assertInstanceOf(Decision.Accepted.class, v6).events());
        stream.add(sample("InvestmentFactRetracted", 7));

        InvestmentState state = decider.fold(stream);
        assertEquals(7, state.version());
        assertEquals(
                List.of(new Company("Stellantis N.V.", "NL")),
                state.announcement().partners());
        assertTrue(state.amount().sameAmountAs(Money.of("5000000000", "CAD")));
        assertEquals(2500, state.expectedJobs());
        assertTrue(state.committed());
        assertEquals(Set.of(Milestone.GOVERNMENT_SUPPORT_SECURED), state.milestones());
        assertEquals(Set.of(6), state.retracted());
    }
}
