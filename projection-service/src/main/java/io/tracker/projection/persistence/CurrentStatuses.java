package io.tracker.projection.persistence;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
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
 * status whose basis ({@link AgreementStatus.Basis#eventsKnown}, {@link AgreementStatus.Basis#lastVersion}) and
 * generation equal these rests on exactly the facts stored now; otherwise the facts are read and the status
 * computed and kept again. Bounded in bytes ({@code tracker.projection.status-cache-bytes}, an estimate per status;
 * least recently asked first out); gauges {@code tracker_status_cache_bytes} / {@code _entries}, counter
 * {@code tracker_status_cache_requests_total{result=hit|miss}}.
 */
@ApplicationScoped
public class CurrentStatuses {
    static final String FACTS_NOW = "with a as (select generation from projection_generation where state = 'ACTIVE')"
            + " select a.generation, count(f.stream_version), coalesce(max(f.stream_version), 0) from a"
            + " left join fact f on f.generation = a.generation and f.stream_type = 'negotiation'"
            + " and f.stream_id = $1 group by a.generation";

    private final Pool pool;
    private final FactQueries queries;
    private final Kept kept;
    private final Counter hits;
    private final Counter misses;

    CurrentStatuses(Pool pool, FactQueries queries, ProjectionConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.queries = queries;
        this.kept = new Kept(config.statusCacheBytes());
        Gauge.builder("tracker.status.cache.bytes", kept, Kept::bytes)
                .description("estimated bytes of the current statuses kept (bounded by "
                        + "tracker.projection.status-cache-bytes)")
                .register(registry);
        Gauge.builder("tracker.status.cache.entries", kept, Kept::entries)
                .description("current statuses kept")
                .register(registry);
        hits = requests(registry, "hit");
        misses = requests(registry, "miss");
    }

    private static Counter requests(MeterRegistry registry, String result) {
        return Counter.builder("tracker.status.cache.requests")
                .tag("result", result)
                .description("current-status questions answered from a kept status (hit) or from the facts (miss)")
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
            AgreementStatus current = kept.get(agreementId, generation, count, lastVersion);
            if (current != null) {
                hits.increment();
                return Uni.createFrom().item(Optional.of(current));
            }
            misses.increment();
            return queries.negotiation(agreementId, null).map(events -> {
                Optional<AgreementStatus> status = AgreementStatusCalculator.status(agreementId, events, AsOf.NOW);
                status.ifPresent(s -> kept.put(agreementId, generation, s));
                return status;
            });
        });
    }

    /** The kept statuses, least recently asked first, within a budget of bytes. */
    static final class Kept {
        private record Entry(int generation, AgreementStatus status, long bytes) {}

        private final long maxBytes;
        private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
        private long bytes;

        Kept(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        /** The kept status of {@code id} if it rests on exactly these facts of this generation, else null. */
        synchronized AgreementStatus get(String id, int generation, long count, long lastVersion) {
            Entry e = entries.get(id);
            return e != null
                            && e.generation() == generation
                            && e.status().basis().eventsKnown() == count
                            && e.status().basis().lastVersion() == lastVersion
                    ? e.status()
                    : null;
        }

        synchronized void put(String id, int generation, AgreementStatus status) {
            long size = estimate(status);
            Entry old = entries.remove(id);
            if (old != null) {
                bytes -= old.bytes();
            }
            if (size > maxBytes) {
                return;
            }
            entries.put(id, new Entry(generation, status, size));
            bytes += size;
            var eldest = entries.entrySet().iterator();
            while (bytes > maxBytes && eldest.hasNext()) {
                Map.Entry<String, Entry> e = eldest.next();
                bytes -= e.getValue().bytes();
                eldest.remove();
            }
        }

        synchronized long bytes() {
            return bytes;
        }

        synchronized int entries() {
            return entries.size();
        }
    }

    /**
     * The bytes a kept status holds, estimated: its text form (every field, nested records included) as two bytes
     * per character, plus the map entry and the objects' headers.
     */
    static long estimate(AgreementStatus status) {
        return 256 + 2L * status.toString().length();
    }
}
