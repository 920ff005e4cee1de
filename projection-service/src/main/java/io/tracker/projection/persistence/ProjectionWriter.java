package io.tracker.projection.persistence;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.persistence.AgreementStates.Key;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies a whole batch of events in one transaction: the fact rows (inserting nothing for an event already
 * applied: the primary key and event id are the record of what was applied) and the investment links
 * ({@link BatchFacts}), the
 * consumer's positions, the folded states and list rows of the agreements that changed, and a NOTIFY per changed
 * agreement (delivered on commit, to every replica's live-update streams).
 * <p>
 * Three round trips (statements sent together are pipelined on the connection): BEGIN with the generations' read;
 * the facts, links and positions with the stream locks and the reads of the states ({@link AgreementStates#read});
 * the rows, states, NOTIFY and COMMIT (a fold that needs a next best or has no usable state adds one). A rebuild's
 * replay folds the states of the generation it builds the same way, batch by batch, so a rebuilt generation needs
 * no second pass over its facts ({@link #summarizeBuilding} only folds streams without a usable state, e.g.
 * replayed by an older version).
 */
@ApplicationScoped
public class ProjectionWriter {
    public static final String NOTIFY_CHANNEL = "projection_agreement_changed";
    /** The payload of a notification that every agreement may have changed (a generation switch). */
    public static final String ALL = "*";

    /**
     * Set for the batch's transaction by its first statement: the batch's statements (kept prepared on the pool's
     * connections) run with their generic plans. Several name the generation, the tables' partition key, by a
     * parameter; PostgreSQL would otherwise plan them again for their values at every execution (a generic plan's
     * estimate covers every partition, so it never looks cheaper), which cost more than running them. The generic
     * plans prune the other generations' partitions when they start ({@code ApplyPlansTest}).
     */
    static final String GENERIC_PLANS = "set_config('plan_cache_mode', 'force_generic_plan', true)";

    static final String GENERATIONS_LIVE = "select generation, state, " + GENERIC_PLANS
            + " from projection_generation where state in ('ACTIVE', 'BUILDING') order by generation";
    /**
     * The same for a live batch whose transaction does not wait for its WAL flush (unless
     * {@code live-synchronous-commit}): {@code synchronous_commit} set for the transaction by the same statement.
     */
    static final String GENERATIONS_LIVE_ASYNC = "select generation, state, " + GENERIC_PLANS + ","
            + " set_config('synchronous_commit', 'off', true) from projection_generation"
            + " where state in ('ACTIVE', 'BUILDING') order by generation";

    static final String GENERATION_BUILDING = "select generation, state, " + GENERIC_PLANS
            + " from projection_generation where generation = $1 and state = 'BUILDING'";

    /**
     * The last pass of a rebuild: the next page of the building generation's negotiation streams without a usable
     * folded state (replayed by an older version), by stream id, after $3 (the empty string before the first page:
     * every stream id sorts after it). Normally none: the replay folds every state.
     */
    private static final String PAGE_STREAMS = "select f.stream_id, count(*) from fact f"
            + " where f.generation = $1 and f.stream_type = 'negotiation' and f.stream_id > $3"
            + " and exists (select 1 from projection_generation where generation = $1 and state = 'BUILDING')"
            + " and not exists (select 1 from agreement_summary a where a.generation = $1"
            + " and a.negotiation_id = f.stream_id and a.state_encoding = " + AgreementStateCodec.ENCODING + ")"
            + " group by f.stream_id order by f.stream_id limit $2";

    private static final String NOTIFY =
            "select count(pg_notify('" + NOTIFY_CHANNEL + "', id)) from unnest($1::text[]) as x(id)";

    private final Pool pool;
    private final AppliedPositions appliedPositions;
    private final boolean liveSynchronousCommit;
    private final AgreementStates states = new AgreementStates();
    private final ApplyStages stages = new ApplyStages();

    ProjectionWriter(Pool pool, ProjectionConfig config, MeterRegistry registry, AppliedPositions appliedPositions) {
        this.pool = pool;
        this.appliedPositions = appliedPositions;
        this.liveSynchronousCommit = config.liveSynchronousCommit();
        String description = "agreement states a batch folded, by where the state came from (its stored state, or"
                + " its facts in the store when it had no usable state)";
        FunctionCounter.builder("projection.summaries.refreshed", states, AgreementStates::fromState)
                .description(description)
                .tags("facts", "state")
                .register(registry);
        FunctionCounter.builder("projection.summaries.refreshed", states, AgreementStates::fromStore)
                .description(description)
                .tags("facts", "store")
                .register(registry);
        FunctionCounter.builder("projection.summaries.next.best", states, AgreementStates::nextBest)
                .description("agreement states a batch folded from their stored state that then looked up a next"
                        + " best in their entries (agreement_fact): an amendment took away what decided something")
                .register(registry);
    }

    /** The agreement states' writer (tests read its counts). */
    AgreementStates states() {
        return states;
    }

    public Uni<ApplyResult> apply(
            ApplyTarget target, String groupId, List<Incoming.Event> events, List<PartitionPosition> positions) {
        return apply(target, groupId, events, positions, List.of());
    }

    /**
     * The same, checking first (in the transaction) that the database holds at least {@code held} (a live loop's
     * last written positions): fails with {@link PositionsBehindException} when it does not (commits were lost). A
     * live batch's transaction does not wait for its WAL flush unless {@code live-synchronous-commit}: a crash of
     * PostgreSQL loses its last applies and their positions together, and the live loop, which takes its positions
     * from the database, reads them again.
     */
    public Uni<ApplyResult> apply(
            ApplyTarget target,
            String groupId,
            List<Incoming.Event> events,
            List<PartitionPosition> positions,
            List<PartitionPosition> held) {
        List<Incoming.Event> distinct = BatchFacts.distinct(events);
        long[] at = {System.nanoTime(), 0, 0, 0};
        return pool.withConnection(conn -> {
                    boolean[] ended = {false};
                    return inTransaction(conn, target, groupId, events.size(), distinct, positions, held, at, ended)
                            .onFailure()
                            .call(() -> ended[0] ? Uni.createFrom().voidItem() : rollback(conn));
                })
                .invoke(() -> stages.add(at, System.nanoTime()));
    }

    /**
     * The batch's transaction on {@code conn}, in three round trips: BEGIN with the generations' read; the facts, links
     * and positions with the locks and reads of the states ({@link AgreementStates#read}); the rows, states, NOTIFY
     * and COMMIT. {@code ended} turns true once COMMIT is sent (the transaction ends whatever its answer).
     */
    private Uni<ApplyResult> inTransaction(
            SqlConnection conn,
            ApplyTarget target,
            String groupId,
            int received,
            List<Incoming.Event> distinct,
            List<PartitionPosition> positions,
            List<PartitionPosition> held,
            long[] at,
            boolean[] ended) {
        // BEGIN and the generations' read sent together: one round trip
        return Uni.combine()
                .all()
                .unis(conn.query("begin").execute(), begin(conn, target))
                .asTuple()
                .chain(started -> {
                    Generations gens = started.getItem2();
                    if (gens.generations.isEmpty()) {
                        return commit(conn, ended).replaceWith(new ApplyResult(0, received, List.of(), true));
                    }
                    Integer[] g = gens.generations.toArray(Integer[]::new);
                    // sent together: PostgreSQL runs them one after the other, in one round trip
                    Uni<List<BatchFacts.Inserted>> facts = BatchFacts.insertFacts(conn, g, distinct);
                    Uni<Integer> links = BatchFacts.insertLinks(conn, g, distinct);
                    // the positions written, and (live) the held ones checked, in one statement
                    Uni<Void> written = appliedPositions.write(conn, g, groupId, positions, gens.active, held);
                    // the locks and states of every negotiation stream of the batch, after the facts' insert
                    Uni<AgreementStates.Reads> reads = states.read(conn, BatchFacts.candidates(g, distinct));
                    return Uni.combine()
                            .all()
                            .unis(facts, links, written, reads)
                            .asTuple()
                            .chain(sent -> {
                                at[1] = System.nanoTime();
                                List<BatchFacts.Inserted> inserted = sent.getItem1();
                                return states.fold(conn, sent.getItem4(), BatchFacts.added(inserted, distinct))
                                        .invoke(() -> at[2] = System.nanoTime())
                                        .chain(folded -> {
                                            // the rows, states, NOTIFY and COMMIT sent together: one round trip.
                                            // When one of them fails the transaction is aborted, COMMIT ends it
                                            // without committing, and the batch fails (its answer awaited first:
                                            // the connection goes back to the pool with nothing in flight)
                                            Uni<Integer> rows =
                                                    states.write(conn, folded).replaceWith(0);
                                            Uni<Integer> notified = notifyChanged(conn, inserted, gens.active);
                                            Uni<Void> committed = commit(conn, ended);
                                            return Uni.combine()
                                                    .all()
                                                    .unis(rows, notified, committed)
                                                    .collectFailures()
                                                    .asTuple();
                                        })
                                        .replaceWith(inserted);
                            })
                            .invoke(() -> at[3] = System.nanoTime())
                            .map(inserted -> {
                                int main = target.isLive() ? gens.active : target.rebuildGeneration();
                                int applied = (int) inserted.stream()
                                        .filter(k -> k.generation() == main)
                                        .count();
                                // a copy inside the batch was received again as much as one applied by an earlier batch
                                return new ApplyResult(applied, received - applied, gens.generations, false);
                            });
                });
    }

    private static Uni<Void> commit(SqlConnection conn, boolean[] ended) {
        ended[0] = true;
        return conn.query("commit").execute().replaceWithVoid();
    }

    /** Ends a failed batch's transaction; the batch's failure is what the caller sees, whatever this answers. */
    private static Uni<Void> rollback(SqlConnection conn) {
        return conn.query("rollback").execute().replaceWithVoid().onFailure().recoverWithNull();
    }

    /** Where the applies' time went so far (the speed measurement prints it). */
    public String applyBreakdown() {
        return stages.toString();
    }

    private record Generations(List<Integer> generations, int active) {}

    /** The generations a batch writes (a live batch's transaction set not to wait for its WAL flush). */
    private Uni<Generations> begin(SqlConnection conn, ApplyTarget target) {
        Uni<RowSet<Row>> query = target.isLive()
                ? conn.preparedQuery(liveSynchronousCommit ? GENERATIONS_LIVE : GENERATIONS_LIVE_ASYNC)
                        .execute()
                : conn.preparedQuery(GENERATION_BUILDING).execute(Tuple.of(target.rebuildGeneration()));
        return query.map(result -> {
            List<Integer> gens = new ArrayList<>();
            int active = -1;
            for (Row row : result) {
                gens.add(row.getInteger(0));
                if ("ACTIVE".equals(row.getString(1))) {
                    active = row.getInteger(0);
                }
            }
            return new Generations(gens, active);
        });
    }

    /**
     * One page of the last pass of a rebuild: no page ({@link SummaryPage#streams()} 0) when
     * {@code generation} is no longer BUILDING or has no negotiation stream after {@code after}.
     */
    public record SummaryPage(int streams, long facts, String lastStreamId) {}

    /**
     * Folds, from their facts, the states and rows of the building generation's negotiation streams that have no
     * usable state, after {@code after} (null: from the first), in stream id order: at most {@code maxStreams}
     * streams and at most {@code maxFacts} facts (at least one stream, however long), in one transaction, each
     * stream under the same per-(generation, stream) lock as a batch's. Call it with the last stream id of the
     * previous page until it returns an empty page. The replay folds every state as it goes, so normally the
     * first page is empty.
     */
    public Uni<SummaryPage> summarizeBuilding(int generation, String after, int maxStreams, long maxFacts) {
        return pool.withTransaction(conn -> conn.preparedQuery(PAGE_STREAMS)
                .execute(Tuple.of(generation, maxStreams, after == null ? "" : after))
                .chain(page -> {
                    List<String> ids = new ArrayList<>();
                    long facts = 0;
                    for (Row row : page) {
                        long count = row.getLong(1);
                        if (!ids.isEmpty() && facts + count > maxFacts) {
                            break;
                        }
                        ids.add(row.getString(0));
                        facts += count;
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(new SummaryPage(0, 0, after));
                    }
                    SummaryPage done = new SummaryPage(ids.size(), facts, ids.get(ids.size() - 1));
                    return states.foldFromStore(
                                    conn,
                                    ids.stream()
                                            .map(id -> new Key(generation, id))
                                            .toList())
                            .chain(folded -> states.write(conn, folded))
                            .replaceWith(done);
                }));
    }

    private static Uni<Integer> notifyChanged(
            SqlConnection conn, List<BatchFacts.Inserted> inserted, int activeGeneration) {
        String[] ids = inserted.stream()
                .filter(k ->
                        k.generation() == activeGeneration && k.streamType().equals(StreamKind.NEGOTIATION.wireName()))
                .map(BatchFacts.Inserted::streamId)
                .distinct()
                .toArray(String[]::new);
        if (ids.length == 0) {
            return Uni.createFrom().item(0);
        }
        return conn.preparedQuery(NOTIFY).execute(Tuple.of((Object) ids)).map(RowSet::rowCount);
    }
}
