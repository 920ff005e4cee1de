package io.tracker.projection.persistence;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.CurrentStatusFold;
import io.tracker.projection.domain.RecordedEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The current status of an agreement (no business date, nothing recorded later left out), kept for the agreements
 * asked about recently so that a repeated question (a reader polling, every SSE watcher of an agreement after a
 * change) does not read and fold all its facts again.
 * <p>
 * Never stale, and checked at a cost that does not grow with the agreement's facts: each question first looks up,
 * by primary key, the active generation and the version of the agreement's list row ({@code agreement_summary}'s
 * {@code xmin}, the transaction that last wrote it). Every transaction that inserts facts of a negotiation writes
 * its list row too (the fold, in the same transaction), so a kept status read when the generation and that version
 * were the same rests on exactly the facts stored now (a hit). Otherwise, when a status of the same generation is
 * kept, only the facts above its highest version are read, in one statement that also reads, from the same
 * snapshot, the list row's version and the count of events its stored head says were folded: if the kept fold's
 * events ({@link CurrentStatusFold}: what the status was computed from, not the events themselves) plus those read
 * equal that count, they are every fact stored, and they are folded into a copy of the kept fold in memory (an
 * extension); if not (a lower version arrived after a higher one, none above it at all, a head this version does not
 * read, or the generation changed), or when the fold refuses one of them (a correction or a retraction: it does not
 * keep the facts they change), all the facts are read and folded again (a miss). A fact row that cannot be decoded
 * is in neither count, so it only ever makes a miss. Bounded in bytes
 * ({@code tracker.projection.status-cache-bytes}, an estimate per status and its fold, {@link KeptStatuses};
 * least recently asked first out); gauges {@code tracker_status_cache_bytes} / {@code _entries}, counters
 * {@code tracker_status_cache_requests_total{result=hit|extend|miss}} and
 * {@code tracker_status_cache_facts_read_total} (the fact rows extensions and misses read).
 */
@ApplicationScoped
public class CurrentStatuses {
    /** The active generation and the version of the agreement's list row in it (null without one). */
    static final String ROW_VERSION_NOW =
            "with a as (select generation from projection_generation where state = 'ACTIVE')"
                    + " select a.generation, s.xmin::text::bigint from a left join agreement_summary s"
                    + " on s.generation = a.generation and s.negotiation_id = $1";

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
                .description("estimated bytes of the current statuses kept and of the folds they were computed"
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
                .description("current-status questions answered from a kept status (hit), from a kept fold and"
                        + " the facts after it (extend) or from all the facts (miss)")
                .register(registry);
    }

    /** The agreement's status now; empty when nothing is recorded about it. */
    public Uni<Optional<AgreementStatus>> now(String agreementId) {
        return pool.preparedQuery(ROW_VERSION_NOW)
                .execute(Tuple.of(agreementId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.empty()); // no active generation: nothing to answer from
                    }
                    Row row = rows.iterator().next();
                    int generation = row.getInteger(0);
                    Long rowVersion = row.getLong(1);
                    if (rowVersion == null) {
                        // no list row: no fact recorded (a transaction that inserts facts writes the row) or none that
                        // folds
                        return Uni.createFrom().item(Optional.empty());
                    }
                    KeptStatuses.Kept before = kept.get(agreementId);
                    if (before != null && before.restsOn(generation, rowVersion)) {
                        hits.increment();
                        return Uni.createFrom().item(Optional.of(before.status()));
                    }
                    if (before != null
                            && before.generation() == generation
                            && before.fold().extendable()) {
                        return queries.negotiationAfter(agreementId, before.lastVersion())
                                .chain(tail -> {
                                    tail.ifPresent(t -> factsRead.increment(t.rows()));
                                    Optional<AgreementStatus> extended =
                                            tail.isPresent() && coversAll(before, tail.get())
                                                    ? extend(agreementId, before, tail.get())
                                                    : null;
                                    return extended != null ? Uni.createFrom().item(extended) : full(agreementId);
                                });
                    }
                    return full(agreementId);
                });
    }

    /** Whether the kept fold's events and the facts read after it are all the facts of the kept generation. */
    private static boolean coversAll(KeptStatuses.Kept before, FactQueries.Tail tail) {
        return tail.generation() == before.generation()
                && tail.rowVersion() != null
                && before.fold().events() + tail.events().size() == tail.headEvents();
    }

    /**
     * A copy of the kept fold extended by the facts read after it; null when the fold refuses one of them (then all
     * the facts are read).
     */
    private Optional<AgreementStatus> extend(String agreementId, KeptStatuses.Kept before, FactQueries.Tail tail) {
        CurrentStatusFold fold = before.fold().copy();
        for (RecordedEvent e : tail.events()) {
            if (!fold.add(e)) {
                return null;
            }
        }
        extensions.increment();
        return keep(
                agreementId,
                tail.generation(),
                tail.rowVersion(),
                Math.max(before.lastVersion(), tail.lastVersion()),
                fold);
    }

    private Uni<Optional<AgreementStatus>> full(String agreementId) {
        misses.increment();
        return queries.negotiationAfter(agreementId, 0).map(read -> {
            if (read.isEmpty()) {
                return Optional.empty(); // none in the generation active now (a rebuild switched over meanwhile)
            }
            FactQueries.Tail all = read.get();
            factsRead.increment(all.rows());
            return keep(
                    agreementId,
                    all.generation(),
                    all.rowVersion(),
                    all.lastVersion(),
                    CurrentStatusFold.of(agreementId, all.events()));
        });
    }

    private Optional<AgreementStatus> keep(
            String agreementId, int generation, Long rowVersion, long lastVersion, CurrentStatusFold fold) {
        Optional<AgreementStatus> status = fold.status();
        if (rowVersion != null) { // without a list row there is nothing to check a kept status against
            status.ifPresent(
                    s -> kept.put(agreementId, new KeptStatuses.Kept(generation, rowVersion, lastVersion, fold, s)));
        }
        return status;
    }

    /** What is kept (for tests). */
    KeptStatuses kept() {
        return kept;
    }
}
