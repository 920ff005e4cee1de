package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.tracker.core.store.Checkpoint;

/** When the relay saves its checkpoint (the clock passed in, in nanoseconds). */
class RelayCheckpointTest {
    private static final long MS = 1_000_000;
    private static final Duration POLL = Duration.ofSeconds(10);

    @Test
    void nothingIsUnsavedOrDueRightAfterTheRead() {
        RelayCheckpoint c = new RelayCheckpoint(Duration.ofSeconds(1));
        assertTrue(c.unknown());
        c.read(new Checkpoint(7, 3), 0);
        assertFalse(c.unknown());
        assertEquals(new Checkpoint(7, 3), c.published());
        assertFalse(c.unsaved());
        assertFalse(c.due(5_000 * MS), "nothing to save, however long ago");
        assertEquals(POLL, c.waitAtMost(POLL, 0));
    }

    @Test
    void anAcknowledgementWithinTheIntervalWaitsForItsEndAndOneAfterItIsDueAtOnce() {
        RelayCheckpoint c = new RelayCheckpoint(Duration.ofSeconds(1));
        c.read(new Checkpoint(7, 3), 0);
        c.acknowledged(new Checkpoint(8, 4), 1);
        assertTrue(c.unsaved());
        assertEquals(new Checkpoint(8, 4), c.published(), "the log is read after what was acknowledged");
        assertFalse(c.due(400 * MS));
        assertEquals(Duration.ofMillis(600), c.waitAtMost(POLL, 400 * MS), "the relay wakes when it comes due");
        assertEquals(Duration.ofMillis(50), c.waitAtMost(Duration.ofMillis(50), 400 * MS), "a shorter poll stays");
        assertTrue(c.due(1_000 * MS));
        assertEquals(Duration.ofMillis(1), c.waitAtMost(POLL, 1_500 * MS), "overdue: at once, never a negative wait");

        c.saved(new Checkpoint(8, 4), 1_000 * MS);
        assertFalse(c.unsaved());
        c.acknowledged(new Checkpoint(9, 5), 1);
        assertFalse(c.due(1_999 * MS), "one save per interval");
        assertTrue(c.due(2_000 * MS));
    }

    @Test
    void aHundredUnsavedEventsAreDueWhateverTheInterval() {
        RelayCheckpoint c = new RelayCheckpoint(Duration.ofHours(1));
        c.read(Checkpoint.START, 0);
        c.acknowledged(new Checkpoint(10, 60), 60);
        assertFalse(c.due(MS));
        c.acknowledged(new Checkpoint(11, 99), RelayCheckpoint.MAX_UNSAVED_EVENTS - 61);
        assertFalse(c.due(MS));
        c.acknowledged(new Checkpoint(12, 100), 1);
        assertTrue(c.due(MS));
        c.saved(new Checkpoint(12, 100), MS);
        c.acknowledged(new Checkpoint(13, 101), 1);
        assertFalse(c.due(2 * MS), "the count starts again at the save");
    }

    @Test
    void aZeroIntervalSavesAfterEveryBatch() {
        RelayCheckpoint c = new RelayCheckpoint(Duration.ZERO);
        c.read(Checkpoint.START, 100 * MS);
        c.acknowledged(new Checkpoint(1, 1), 1);
        assertTrue(c.due(100 * MS));
    }

    @Test
    void aSaveOfAnOlderCheckpointLeavesTheNewerOneUnsaved() {
        RelayCheckpoint c = new RelayCheckpoint(Duration.ofSeconds(1));
        c.read(Checkpoint.START, 0);
        c.acknowledged(new Checkpoint(1, 1), 1);
        Checkpoint sent = c.published();
        c.acknowledged(new Checkpoint(2, 2), 1);
        c.saved(sent, 1_000 * MS);
        assertTrue(c.unsaved());
    }

    @Test
    void aForgottenCheckpointIsReadAgainAndKeepsNothingUnsaved() {
        RelayCheckpoint c = new RelayCheckpoint(Duration.ofSeconds(1));
        c.read(Checkpoint.START, 0);
        c.acknowledged(new Checkpoint(1, 1), RelayCheckpoint.MAX_UNSAVED_EVENTS);
        c.forget();
        assertTrue(c.unknown());
        assertFalse(c.unsaved());
        assertFalse(c.due(5_000 * MS));
        c.read(Checkpoint.START, 6_000 * MS);
        c.acknowledged(new Checkpoint(2, 2), 1);
        assertFalse(c.due(6_001 * MS), "the count of the forgotten term is gone");
    }
}
