package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeldBackPollTest {
    @Test
    void startsShortDoublesAndStopsAtTheLongestThenStartsShortAgain() {
        HeldBackPoll poll = new HeldBackPoll();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            waits.add(poll.next().toMillis());
        }
        assertEquals(List.of(5L, 10L, 20L, 40L, 50L, 50L, 50L), waits);
        poll.reset();
        assertEquals(Duration.ofMillis(5), poll.next());
    }
}
