package io.tracker.projection.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.messaging.RecordReader;
import io.tracker.projection.persistence.KeptFacts.Entry;
import io.tracker.projection.persistence.KeptFacts.Key;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;

/**
 * The kept facts are bounded by events, least recently used out, and never replaced by an older view; their compact
 * form gives the same agreement list row as the whole events.
 */
class KeptFactsTest {

    private static Entry entry(int events) {
        // the cache only counts the events: a list of that size stands for them
        return new Entry(events, events, Collections.nCopies(events, (RecordedEvent) null));
    }

    @Test
    void theLeastRecentlyUsedStreamsGoFirstWhenTheEventsExceedTheBound() {
        KeptFacts kept = new KeptFacts(10);
        kept.put(new Key(1, "a"), entry(4));
        kept.put(new Key(1, "b"), entry(4));
        kept.get(new Key(1, "a"));
        kept.put(new Key(1, "c"), entry(4));

        assertNotNull(kept.get(new Key(1, "a")));
        assertNull(kept.get(new Key(1, "b")), "b was used least recently");
        assertNotNull(kept.get(new Key(1, "c")));
        assertEquals(8, kept.events());
        assertEquals(2, kept.size());
    }

    @Test
    void aStreamLongerThanTheBoundIsNotKeptAndForgetsWhatWasKept() {
        KeptFacts kept = new KeptFacts(10);
        kept.put(new Key(1, "a"), entry(6));
        kept.put(new Key(1, "a"), entry(11));
        assertNull(kept.get(new Key(1, "a")));
        assertEquals(0, kept.events());
    }

    @Test
    void anOlderViewOfAStreamDoesNotReplaceANewerOne() {
        KeptFacts kept = new KeptFacts(100);
        kept.put(new Key(1, "a"), entry(5));
        kept.put(new Key(1, "a"), entry(3));
        assertEquals(5, kept.get(new Key(1, "a")).rows());
        kept.put(new Key(1, "a"), entry(7));
        assertEquals(7, kept.get(new Key(1, "a")).rows());
        assertEquals(7, kept.events());
    }

    @Test
    void generationsAreKeptApart() {
        KeptFacts kept = new KeptFacts(100);
        kept.put(new Key(1, "a"), entry(5));
        assertNull(kept.get(new Key(2, "a")));
        assertEquals(5, kept.get(new Key(1, "a")).rows());
    }

    @Test
    void theCompactFormGivesTheSameListRowAsTheWholeEvents() {
        // the February and June stories: every milestone kind, a correction, a retraction, stalled and resumed
        RecordReader reader = new RecordReader();
        List<RecordedEvent> whole = new ArrayList<>();
        List<Sample> story = new ArrayList<>(Stories.february("compact"));
        story.addAll(Stories.june("compact"));
        for (int i = 0; i < story.size(); i++) {
            whole.add(((Incoming.Event) reader.read(story.get(i).version(i + 1).toConsumerRecord(i), StreamKind.NEGOTIATION)).event());
        }
        for (int n = 1; n <= whole.size(); n++) {
            List<RecordedEvent> prefix = whole.subList(0, n);
            AgreementStatus expected = AgreementStatusCalculator.status("compact", prefix, AsOf.NOW).orElseThrow();
            AgreementStatus actual = AgreementStatusCalculator.status("compact",
                    prefix.stream().map(e -> KeptFacts.compact(e, "compact")).toList(), AsOf.NOW).orElseThrow();
            String after = "after " + n + " events";
            assertEquals(expected.title(), actual.title(), after);
            assertEquals(expected.parties(), actual.parties(), after);
            assertEquals(expected.stage(), actual.stage(), after);
            assertEquals(expected.lastMilestone(), actual.lastMilestone(), after);
            assertEquals(expected.milestonesPending(), actual.milestonesPending(), after);
            assertEquals(expected.binding(), actual.binding(), after);
            assertEquals(expected.basis(), actual.basis(), after);
        }
    }

    @Test
    void keepingNoneKeepsNone() {
        KeptFacts kept = new KeptFacts(0);
        kept.put(new Key(1, "a"), entry(1));
        assertEquals(0, kept.size());
    }
}
