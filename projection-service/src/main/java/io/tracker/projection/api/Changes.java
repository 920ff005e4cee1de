package io.tracker.projection.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.Change;
import io.tracker.projection.persistence.AcrossQueries;

/**
 * What was learned between two recorded times, or since a position: the facts added, corrected and retracted,
 * in the order they were recorded (recorded time, then stream, then version), read from the bitemporal fact
 * table. {@code next} is the position after the last change returned: asking again with {@code since=next}
 * continues there.
 */
@ApplicationScoped
class Changes {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;

    /** The answer: the window asked about, the changes, how many of each kind, and where to continue. */
    record Answer(
            String agreementId,
            Instant from,
            Instant to,
            List<Change> changes,
            Map<Change.Kind, Integer> counts,
            String next,
            boolean more) {}

    private final AcrossQueries queries;

    Changes(AcrossQueries queries) {
        this.queries = queries;
    }

    Uni<Answer> answer(String agreementId, String from, String to, String since, String limit) {
        Instant fromTime = Questions.time("from", from);
        Instant toTime = Questions.time("to", to);
        if (fromTime != null && toTime != null && toTime.isBefore(fromTime)) {
            throw new BadParameterException("to", "'" + to + "' is before from (" + from + ")");
        }
        AcrossQueries.Position position =
                since == null || since.isBlank() ? AcrossQueries.Position.START : decode(since);
        int max = limit(limit);
        return queries.recorded(fromTime, toTime, position, agreementId, max + 1)
                .map(recorded -> {
                    boolean more = recorded.size() > max;
                    List<AcrossQueries.Recorded> page = more ? recorded.subList(0, max) : recorded;
                    List<Change> changes = page.stream()
                            .map(r -> Change.of(
                                    r.event(),
                                    r.target(),
                                    r.event().stream() == io.tracker.projection.domain.StreamKind.NEGOTIATION
                                            ? List.of(r.event().streamId())
                                            : r.links()))
                            .toList();
                    Map<Change.Kind, Integer> counts = new EnumMap<>(Change.Kind.class);
                    for (Change.Kind k : Change.Kind.values()) {
                        counts.put(k, 0);
                    }
                    changes.forEach(c -> counts.merge(c.kind(), 1, Integer::sum));
                    String next = page.isEmpty()
                            ? (since == null || since.isBlank() ? null : since.trim())
                            : encode(page.get(page.size() - 1));
                    return new Answer(agreementId, fromTime, toTime, changes, counts, next, more);
                });
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadParameterException("limit", "'" + value + "' is not a number of changes from 1 to " + MAX_LIMIT);
    }

    private static String encode(AcrossQueries.Recorded last) {
        Instant t = last.event().recordedAt();
        String plain = "1\n" + t.getEpochSecond() + "\n" + t.getNano() + "\n"
                + (last.event().stream() == io.tracker.projection.domain.StreamKind.NEGOTIATION
                        ? "negotiation"
                        : "investment")
                + "\n" + last.event().streamId() + "\n" + last.event().version();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static AcrossQueries.Position decode(String since) {
        try {
            String[] p =
                    new String(Base64.getUrlDecoder().decode(since.trim()), StandardCharsets.UTF_8).split("\n", -1);
            if (p.length == 6 && p[0].equals("1")) {
                return new AcrossQueries.Position(
                        Instant.ofEpochSecond(Long.parseLong(p[1]), Long.parseLong(p[2])),
                        p[3],
                        p[4],
                        Long.parseLong(p[5]));
            }
        } catch (IllegalArgumentException e) {
            // answered below (NumberFormatException is one)
        }
        throw new BadParameterException(
                "since", "not a position given by this service (take 'next' from a previous answer)");
    }
}
