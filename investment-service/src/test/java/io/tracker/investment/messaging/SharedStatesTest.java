package io.tracker.investment.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.FactStatus;
import io.tracker.investment.application.BoundedSharedValues;
import io.tracker.investment.domain.InvestmentCommand.RecordMilestone;
import io.tracker.investment.domain.InvestmentDecider;
import io.tracker.investment.domain.InvestmentEvent;
import io.tracker.investment.domain.InvestmentEvent.InvestmentAnnounced;
import io.tracker.investment.domain.InvestmentEvent.InvestmentRevised;
import io.tracker.investment.domain.InvestmentState;
import io.tracker.investment.domain.Milestone;
import io.tracker.investment.domain.SharedValues;

/**
 * States that keep their facts' repeated values shared are the same states, decide the same, read back the same
 * from a snapshot; two streams' equal values are one instance; and the state's size, kept as it evolves, is the
 * size counted from scratch at every step, lower by what is shared.
 */
class SharedStatesTest {
    private final InvestmentEventCodec codec = new InvestmentEventCodec();
    private final BoundedSharedValues shared = new BoundedSharedValues(1 << 20);
    private final InvestmentDecider sharing = new InvestmentDecider(shared);
    private final InvestmentDecider plain = new InvestmentDecider();
    private final InvestmentSnapshots snapshots = new InvestmentSnapshots(codec, shared);

    /** The sample story (versions 1-7), each event decoded anew: its own strings, as a stream read gives them. */
    private List<InvestmentEvent> story() {
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
                ((InvestmentRevised) story.get(1)).sources());
        story.addAll(assertInstanceOf(Decision.Accepted.class, plain.decide(productionStarted, plain.fold(story)))
                .events());
        story.add(sample("InvestmentFactRetracted"));
        return story;
    }

    private InvestmentEvent sample(String type) {
        return codec.decode(type, 1, Contract.sample(type).path("data").toString());
    }

    @Test
    void aSharingStateIsTheSameStateAndCountsItsSizeAsItEvolves() {
        RecordMilestone next = new RecordMilestone(
                Milestone.CONSTRUCTION_STARTED, BusinessDate.parse("2024"), FactStatus.OCCURRED, List.of());
        InvestmentState a = sharing.initialState();
        InvestmentState b = plain.initialState();
        for (InvestmentEvent e : story()) {
            a = sharing.evolve(a, e);
            b = plain.evolve(b, e);
            assertEquals(b, a, "at version " + a.version());
            assertEquals(b.amount(), a.amount());
            assertEquals(b.expectedJobs(), a.expectedJobs());
            assertEquals(b.milestones(), a.milestones());
            assertEquals(sharing.decide(next, a), plain.decide(next, b));
            for (int v = 1; v <= a.version() + 1; v++) {
                assertEquals(b.at(v), a.at(v), "what version " + v + " holds");
            }
            // the size kept as the state evolved (corrections and retractions included) is the size from scratch
            assertEquals(
                    InvestmentState.restore(a.investmentId(), a.version(), a.facts(), a.retracted(), shared)
                            .estimatedBytes(),
                    a.estimatedBytes(),
                    "sharing, at version " + a.version());
            assertEquals(
                    InvestmentState.restore(b.investmentId(), b.version(), b.facts(), b.retracted())
                            .estimatedBytes(),
                    b.estimatedBytes(),
                    "plain, at version " + b.version());
            assertTrue(a.estimatedBytes() < b.estimatedBytes(), a.estimatedBytes() + " < " + b.estimatedBytes());
            // read back from its snapshot, it is the same state, the same size
            InvestmentState read = snapshots.decode(snapshots.encode(a));
            assertEquals(a, read);
            assertEquals(a.estimatedBytes(), read.estimatedBytes());
        }
        assertEquals(7, a.version());
    }

    @Test
    void twoStreamsKeepOneInstanceOfAnEqualValue() {
        InvestmentState first = sharing.fold(story());
        InvestmentState second = sharing.fold(story());
        InvestmentAnnounced a = first.announcement();
        InvestmentAnnounced b = second.announcement();
        assertEquals(a, b);
        assertNotSame(a, b);
        assertSame(a.sources(), b.sources());
        assertSame(a.sources().get(0), b.sources().get(0));
        assertSame(a.investor(), b.investor());
        assertSame(a.partners(), b.partners());
        assertSame(a.site(), b.site());
        assertSame(a.businessDate(), b.businessDate());
        assertSame(a.negotiationIds(), b.negotiationIds());
        // each fact keeps the state's one investment id
        for (InvestmentEvent fact : first.facts().values()) {
            assertSame(first.investmentId(), fact.investmentId());
        }
        // nothing shared: each stream keeps its own copies
        InvestmentAnnounced c = plain.fold(story()).announcement();
        assertNotSame(a.sources().get(0), c.sources().get(0));
        assertNotSame(a.site(), c.site());
        assertTrue(shared.holds(a.site()));
        assertTrue(!SharedValues.NONE.holds(a.site()));
    }
}
