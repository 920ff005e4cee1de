package io.tracker.projection.apply;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * What a loop does with poison records: a live loop sends them to the dead-letter topic (acknowledged before the
 * batch's offsets are committed), counts and logs each; a rebuild ({@code publisher} null) only counts them as
 * skipped (they were dead-lettered live).
 */
final class DeadLettering {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final DeadLetterPublisher publisher;
    private final ProjectionMetrics metrics;
    private final AtomicLong count = new AtomicLong();

    DeadLettering(DeadLetterPublisher publisher, ProjectionMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Dead-letters (or skips) the letters; throws when the broker did not acknowledge them (the caller retries). */
    void handle(List<DeadLetterPublisher.DeadLetter> letters) {
        if (publisher == null) {
            letters.forEach(l -> metrics.poisonSkipped(l.reason()));
        } else {
            publisher.send(letters);
            letters.forEach(l -> {
                metrics.deadLetter(l.reason());
                LOG.warnf(
                        "dead-lettered %s-%d@%d: %s (%s)",
                        l.record().topic(), l.record().partition(), l.record().offset(), l.reason(), l.detail());
            });
        }
        count.addAndGet(letters.size());
    }

    /** Poison records dead-lettered or skipped so far. */
    long count() {
        return count.get();
    }
}
