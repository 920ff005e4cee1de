package io.tracker.investment.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.FactStatus;
import io.tracker.investment.domain.InvestmentCommand.RecordMilestone;
import io.tracker.investment.domain.InvestmentDecider;
import io.tracker.investment.domain.InvestmentEvent;
import io.tracker.investment.domain.InvestmentState;
import io.tracker.investment.domain.Milestone;

/**
 * A decision state written to a snapshot and read back is the same state, at every step of the sample story
 * (announcement, revision, commitment, milestone, correction, a milestone and its retraction), and decides the
 * same.
 */
class InvestmentSnapshotsTest {
    private final InvestmentEventCodec codec = new InvestmentEventCodec();
    private final InvestmentDecider decider = new InvestmentDecider();
    private final InvestmentSnapshots snapshots = new InvestmentSnapshots(codec);

    private InvestmentEvent sample(String type) {
        JsonNode sample = Contract.sample(type);
        return codec.decode(type, 1, sample.path("data").toString());
    }

    @Test
    void everyStateOfTheStoryReadsBackEqual() {
        List<InvestmentEvent> story = new ArrayList<>(List.of(
                sample("InvestmentAnnounced"),
                sample("InvestmentRevised"),
                sample("InvestmentCommitted"),
                sample("InvestmentMilestoneReached"),
                sample("InvestmentFactCorrected")));
        RecordMilestone productionStarted = new RecordMilestone(
                Milestone.PRODUCTION_STARTED,
                BusinessDate.parse("2024-Q1"),
                FactStatus.OCCURRED,
                ((InvestmentEvent.InvestmentRevised) story.get(1)).sources());
        story.addAll(assertInstanceOf(Decision.Accepted.class, decider.decide(productionStarted, decider.fold(story)))
                .events());
        story.add(sample("InvestmentFactRetracted"));

        InvestmentState state = decider.initialState();
        for (InvestmentEvent e : story) {
            state = decider.evolve(state, e);
            InvestmentState read = snapshots.decode(snapshots.encode(state));
            assertEquals(state, read, "at version " + state.version());
            assertEquals(state.amount(), read.amount());
            assertEquals(state.expectedJobs(), read.expectedJobs());
            assertEquals(state.milestones(), read.milestones());
            assertEquals(state.committed(), read.committed());
            for (int v = 1; v <= state.version() + 1; v++) {
                assertEquals(state.at(v), read.at(v), "what version " + v + " holds");
            }
            // the same command is decided the same way on both
            assertEquals(decider.decide(productionStarted, state), decider.decide(productionStarted, read));
        }
        assertEquals(7, state.version());
    }

    @Test
    void aSnapshotOfAnotherShapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> snapshots.decode("{\"id\":\"x\",\"extra\":1}"));
        assertThrows(
                IllegalArgumentException.class,
                () -> snapshots.decode("{\"id\":\"x\",\"version\":1,"
                        + "\"facts\":[{\"version\":2,\"type\":\"InvestmentCommitted\",\"schemaVersion\":1,\"data\":\"{}\"}],"
                        + "\"retracted\":[]}"));
    }
}
