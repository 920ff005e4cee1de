package io.tracker.negotiation.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tracker.negotiation.domain.CanadaKorea;
import io.tracker.negotiation.domain.NegotiationDecider;
import io.tracker.negotiation.domain.NegotiationEvent;
import io.tracker.negotiation.domain.NegotiationState;

/** A decision state written to a snapshot and read back is the same state, at every step of the story. */
class NegotiationSnapshotsTest {
    private final NegotiationDecider decider = new NegotiationDecider();
    private final NegotiationSnapshots snapshots = new NegotiationSnapshots();

    @Test
    void everyStateOfTheStoryReadsBackEqual() {
        List<NegotiationEvent> story = new ArrayList<>(CanadaKorea.reported());
        story.addAll(List.of(
                CanadaKorea.stalled(),
                CanadaKorea.resumed(),
                CanadaKorea.missionCompleted(),
                CanadaKorea.stalled(),
                CanadaKorea.terminated()));
        NegotiationState state = decider.initialState();
        for (NegotiationEvent e : story) {
            state = decider.evolve(state, e);
            NegotiationState read = snapshots.decode(snapshots.encode(state));
            assertEquals(state, read, "at version " + state.version());
            assertEquals(state.stage(), read.stage());
        }
    }

    @Test
    void aSnapshotOfAnotherShapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> snapshots.decode("{\"id\":\"x\",\"extra\":1}"));
    }
}
