package io.tracker.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The end of every fault scenario: what its commands' clients saw accepted, against what the event stores hold, the
 * topics carry and the projection shows, each counted on its own; nothing lost, duplicated, half-written or
 * unpublished.
 */
final class Accounting {
    private static final Duration SETTLE = Duration.ofSeconds(120);

    private final SystemUnderTest sut;

    Accounting(SystemUnderTest sut) {
        this.sut = sut;
    }

    Ledger.Projected account(
            ReliabilityReport.Scenario s, String prefix, List<CommandLoad> loads, List<String> failures)
            throws Exception {
        return account(s, prefix, loads, failures, rec -> false);
    }

    /**
     * Waits (bounded) until the relays published everything and the projection holds every accepted event, then counts
     * stored / published / projected independently, fills the scenario's counts, and fails with all of them if
     * anything was lost, duplicated, half-written or not published.
     */
    Ledger.Projected account(
            ReliabilityReport.Scenario s,
            String prefix,
            List<CommandLoad> loads,
            List<String> failures,
            java.util.function.Predicate<Ledger.TopicRecord> notAnEvent)
            throws Exception {
        Map<UUID, CommandLoad.AcceptedEvent> accepted = new HashMap<>();
        for (CommandLoad l : loads) {
            accepted.putAll(l.accepted());
            s.sent += l.sent();
            s.attempts += l.attempts();
            s.accepted += l.acceptedCommands();
        }
        try {
            Eventually.until(
                    SETTLE,
                    () -> Ledger.unpublished(sut, "negotiation") == 0 && Ledger.unpublished(sut, "investment") == 0,
                    "the relays published everything");
        } catch (AssertionError e) {
            failures.add(e.getMessage());
        }
        try {
            Eventually.until(
                    SETTLE,
                    () -> Ledger.factRows(sut, prefix).keySet().containsAll(accepted.keySet()),
                    "the projection holds every accepted event");
        } catch (AssertionError e) {
            failures.add(e.getMessage());
        }
        List<Ledger.StoredEvent> stored = new ArrayList<>(Ledger.stored(sut, "negotiation", prefix));
        stored.addAll(Ledger.stored(sut, "investment", prefix));
        Set<UUID> storedIds = stored.stream().map(Ledger.StoredEvent::eventId).collect(Collectors.toSet());
        Ledger.Published negotiationTopic = Ledger.published(sut, Ledger.NEGOTIATION_TOPIC, prefix, notAnEvent);
        Ledger.Published investmentTopic = Ledger.published(sut, Ledger.INVESTMENT_TOPIC, prefix, notAnEvent);
        Set<UUID> published = new HashSet<>(negotiationTopic.distinct());
        published.addAll(investmentTopic.distinct());
        Set<String> negotiations = accepted.values().stream()
                .filter(CommandLoad.AcceptedEvent::negotiation)
                .map(CommandLoad.AcceptedEvent::streamId)
                .collect(Collectors.toSet());
        Set<UUID> investmentEvents = accepted.values().stream()
                .filter(e -> !e.negotiation())
                .map(CommandLoad.AcceptedEvent::eventId)
                .collect(Collectors.toSet());
        Ledger.Projected projected = Ledger.projected(sut, negotiations, prefix, investmentEvents);

        s.stored = stored.size();
        s.publishedDistinct = published.size();
        s.publishedRecords = negotiationTopic.records() + investmentTopic.records();
        s.projected = projected.ids().size();
        Set<UUID> lost = new HashSet<>(accepted.keySet());
        lost.removeAll(projected.ids());
        s.lost = lost.size();
        s.duplicated = projected.duplicated();
        if (s.publishedRecords > s.publishedDistinct) {
            s.note((s.publishedRecords - s.publishedDistinct) + " records on the topics are re-sends of an event "
                    + "(at least once; the projection skips them)");
        }

        Set<UUID> storedNotAccepted = new HashSet<>(storedIds);
        storedNotAccepted.removeAll(accepted.keySet());
        Set<UUID> acceptedNotStored = new HashSet<>(accepted.keySet());
        acceptedNotStored.removeAll(storedIds);
        Set<UUID> storedNotPublished = new HashSet<>(storedIds);
        storedNotPublished.removeAll(published);
        Set<UUID> projectedNotAccepted = new HashSet<>(projected.ids());
        projectedNotAccepted.removeAll(accepted.keySet());
        if (!acceptedNotStored.isEmpty()) {
            failures.add(acceptedNotStored.size() + " accepted events are not stored");
        }
        if (!storedNotAccepted.isEmpty()) {
            failures.add(
                    storedNotAccepted.size() + " stored events belong to no accepted command (refused but written?)");
        }
        if (!storedNotPublished.isEmpty()) {
            failures.add(storedNotPublished.size() + " stored events were never published");
        }
        if (!projectedNotAccepted.isEmpty()) {
            failures.add(projectedNotAccepted.size() + " projected events belong to no accepted command");
        }
        if (s.lost > 0) {
            failures.add(s.lost + " accepted events are not projected, e.g. "
                    + lost.stream().limit(3).map(accepted::get).toList());
        }
        if (s.duplicated > 0) {
            failures.add(s.duplicated + " events are projected more than once");
        }
        for (String database : List.of("negotiation", "investment")) {
            failures.addAll(Ledger.halfWritten(sut, database));
        }
        if (!failures.isEmpty()) {
            fail("scenario " + s.number + " (" + s.name + "): " + s.counts() + "\n  - "
                    + String.join("\n  - ", failures));
        }
        return projected;
    }
}
