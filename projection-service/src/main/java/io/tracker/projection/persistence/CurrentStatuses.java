package io.tracker.projection.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.RecordedEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The current status of an agreement (no business date, nothing recorded later left out), kept for the agreements
 * asked about recently so that a repeated question (a reader polling, every SSE watcher of an agreement after a
 * change) does not read and fold all its facts again.
 * <p>
 * Never stale: each question first asks the store, in one indexed statement, for the active generation and the
 * count and highest version of the agreement's facts. Facts are only ever inserted into a generation, so a kept
 * status whose facts read (count, highest version) and generation equal these rests on exactly the facts stored now
 * (a hit). Otherwise, when a status of the same generation is kept, only the facts above its highest version are
 * read, in one statement that also counts all the agreement's facts: if the kept count plus the rows read equals
 * that count, the kept history (the decoded events the status was computed from) extended by them is every fact
 * stored, and the status is computed from it in memory (an extension); if not (a lower version arrived after a
 * higher one, none above it at all, or the generation changed), all the facts are read (a miss). The count is read
 * with the rows rather than taken from the first statement, so a fact stored between the two cannot make up for one
 * the extension misses. Bounded in bytes
 * ({@code tracker.projection.status-cache-bytes}, an estimate per status and its history, {@link KeptStatuses};
 * least recently asked first out); gauges {@code tracker_status_cache_bytes} / {@code _entries}, counters
 * {@code tracker_status_cache_requests_total{result=hit|extend|miss}} and
 * {@code tracker_status_cache_facts_read_total} (the fact rows extensions and misses read).
 */
@ApplicationScoped
public class CurrentStatuses {
    static final String FACTS_NOW = "with a as (select generation from projection_generation where state = 'ACTIVE')"
            + " select a.generation, count(f.stream_version), coalesce(max(f.stream_version), 0) from a"
            + " left join fact f on f.generation = a.generation and f.stream_type = 'negotiation'"
            + " and f.stream_id = $1 group by a.generation";

    private final Pool pool;
    private final FactQueries queries;
    private final KeptStatuses kept;
    private final Counter hits;
    private final Counter extensions;
    private final Counter misses;
    private final Counter factsRead;

    @Inject
    CurrentStatuses(Pool pool, FactQueries queries, ProjectionConfig config, MeterRegistry registry) {
        this(pool, queries, config.statusCacheBytes(), registry);
    }

    CurrentStatuses(Pool pool, FactQueries queries, long maxBytes, MeterRegistry registry) {
        this.pool = pool;
        this.queries = queries;
        this.kept = new KeptStatuses(maxBytes);
        Gauge.builder("tracker.status.cache.bytes", kept, KeptStatuses::bytes)
                .description("estimated bytes of the current statuses kept and of the histories they were computed"
                        + " from (bounded by tracker.projection.status-cache-bytes)")
                .register(registry);
        Gauge.builder("tracker.status.cache.entries", kept, KeptStatuses::entries)
                .description("current statuses kept")
                .register(registry);
        hits = requests(registry, "hit");
        extensions = requests(registry, "extend");
        misses = requests(registry, "miss");
        factsRead = Counter.builder("tracker.status.cache.facts.read")
                .description("fact rows read to answer current-status questions (extensions and misses)")
                .register(registry);
    }

    private static Counter requests(MeterRegistry registry, String result) {
        return Counter.builder("tracker.status.cache.requests")
                .tag("result", result)
                .description("current-status questions answered from a kept status (hit), from a kept history and"
                        + " the facts after it (extend) or from all the facts (miss)")
                .register(registry);
    }

    /** The agreement's status now; empty when nothing is recorded about it. */
    public Uni<Optional<AgreementStatus>> now(String agreementId) {
        return pool.preparedQuery(FACTS_NOW).execute(Tuple.of(agreementId)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.empty()); // no active generation: nothing to answer from
            }
            Row row = rows.iterator().next();
            int generation = row.getInteger(0);
            long count = row.getLong(1);
            long lastVersion = row.getLong(2);
            if (count == 0) {
                return Uni.createFrom().item(Optional.empty());
            }
            KeptStatuses.Kept before = kept.get(agreementId);
            if (before != null && before.restsOn(generation, count, lastVersion)) {
                hits.increment();
                return Uni.createFrom().item(Optional.of(before.status()));
            }
            if (before != null && before.generation() == generation && count > before.rows()) {
                return queries.negotiationAfter(agreementId, before.lastVersion())
                        .chain(tail -> {
                            tail.ifPresent(t -> factsRead.increment(t.rows()));
                            return tail.isPresent() && coversAll(before, tail.get())
                                    ? Uni.createFrom().item(extend(agreementId, before, tail.get()))
                                    : full(agreementId);
                        });
            }
            return full(agreementId);
        });
    }

    /** Whether the kept history and the facts read after it are all the facts of the kept generation. */
    private static boolean coversAll(KeptStatuses.Kept before, FactQueries.Tail tail) {
        return tail.generation() == before.generation() && before.rows() + tail.rows() == tail.total();
    }

    private Optional<AgreementStatus> extend(String agreementId, KeptStatuses.Kept before, FactQueries.Tail tail) {
        extensions.increment();
        List<RecordedEvent> history =
                new ArrayList<>(before.history().size() + tail.events().size());
        history.addAll(before.history());
        history.addAll(tail.events());
        return keep(
                agreementId,
                tail.generation(),
                tail.total(),
                Math.max(before.lastVersion(), tail.lastVersion()),
                history,
                before.payloadChars() + tail.payloadChars());
    }

    private Uni<Optional<AgreementStatus>> full(String agreementId) {
        misses.increment();
        return queries.negotiationAfter(agreementId, 0).map(read -> {
            if (read.isEmpty()) {
                return Optional.empty(); // none in the generation active now (a rebuild switched over meanwhile)
            }
            FactQueries.Tail all = read.get();
            factsRead.increment(all.rows());
            return keep(agreementId, all.generation(), all.rows(), all.lastVersion(), all.events(), all.payloadChars());
        });
    }

    private Optional<AgreementStatus> keep(
            String agreementId,
            int generation,
            long rows,
            long lastVersion,
            List<RecordedEvent> history,
            long payloadChars) {
        Optional<AgreementStatus> status = AgreementStatusCalculator.status(agreementId, history, AsOf.NOW);
        status.ifPresent(s ->
                kept.put(agreementId, new KeptStatuses.Kept(generation, rows, lastVersion, history, payloadChars, s)));
        return status;
    }

    /** What is kept (for tests). */
    KeptStatuses kept() {
        return kept;
    }
}
