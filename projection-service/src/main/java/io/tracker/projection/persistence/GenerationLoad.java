package io.tracker.projection.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;

/**
 * One load of a LOADING generation: its batches' facts and investment links {@code COPY}ed (text format) into the
 * generation's standalone tables ({@link GenerationPartitions#prepareLoad}) on a JDBC connection of its own, one
 * batch at a time on a thread of its own (the replay reads the next batch meanwhile), duplicates dropped before the
 * COPY ({@link LoadedStreams}). Each batch is a transaction of its own; a load that does not finish is started again
 * from offset 0 on empty tables, so nothing is resumed from them. While it runs, the load holds an advisory lock on
 * its generation: a second replica resuming the same rebuild waits for it instead of loading the same tables.
 */
public final class GenerationLoad implements AutoCloseable {
    /** The advisory lock's first key (the second is the generation): "PL" for projection load. */
    private static final int LOCK_CLASS = 0x504C;

    private static final String COPY_FACTS = "copy %s (generation, stream_type, stream_id, stream_version, event_id,"
            + " event_type, schema_version, date_text, date_precision, date_earliest, date_latest, fact_status,"
            + " target_version, recorded_at, source_topic, source_partition, source_offset, payload) from stdin";
    private static final String COPY_LINKS = "copy %s (generation, negotiation_id, investment_id) from stdin";

    private final int generation;
    private final Connection connection;
    private final CopyManager copies;
    private final LoadedStreams loaded;
    private final String copyFacts;
    private final String copyLinks;
    private final ExecutorService thread;
    private final CopyText facts = new CopyText(1 << 20);
    private final CopyText links = new CopyText(1 << 12);
    private final AgreementStatesLoaded states;
    private volatile long duplicates;
    private volatile String statesWritten = "";

    private GenerationLoad(int generation, Connection connection, int maxStreams, long stateBudgetBytes)
            throws SQLException {
        this.generation = generation;
        this.connection = connection;
        this.copies = connection.unwrap(PGConnection.class).getCopyAPI();
        this.loaded = new LoadedStreams(maxStreams);
        this.states = new AgreementStatesLoaded(stateBudgetBytes);
        this.copyFacts = COPY_FACTS.formatted(GenerationPartitions.partition("fact", generation));
        this.copyLinks = COPY_LINKS.formatted(GenerationPartitions.partition("investment_link", generation));
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "projection-load-" + generation);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the load of {@code generation} once it holds the generation's lock (waiting, a second at a time, while
     * {@code keepWaiting} says so); null when it gave up waiting.
     */
    static GenerationLoad open(
            DataSource dataSource, int generation, int maxStreams, long stateBudgetBytes, BooleanSupplier keepWaiting)
            throws SQLException, InterruptedException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            while (true) {
                try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                    s.setInt(1, LOCK_CLASS);
                    s.setInt(2, generation);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            return new GenerationLoad(generation, c, maxStreams, stateBudgetBytes);
                        }
                    }
                }
                if (!keepWaiting.getAsBoolean()) {
                    c.close();
                    return null;
                }
                Thread.sleep(1000);
            }
        } catch (SQLException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Loads a batch: the events not loaded before, their facts and links COPYed; applied = the events loaded,
     * duplicates = those dropped. Its generation gone (no longer LOADING): nothing loaded, {@code targetGone}.
     */
    public Uni<ApplyResult> load(List<Incoming.Event> events) {
        return Uni.createFrom().item(() -> copy(events)).runSubscriptionOn(thread);
    }

    private ApplyResult copy(List<Incoming.Event> events) {
        try {
            if (!loading()) {
                return new ApplyResult(0, events.size(), List.of(), true);
            }
            facts.clear();
            links.clear();
            int applied = 0;
            Map<String, List<RecordedEvent>> added = new LinkedHashMap<>();
            for (Incoming.Event e : events) {
                RecordedEvent r = e.event();
                boolean negotiation = r.stream() == StreamKind.NEGOTIATION;
                if (loaded.add(negotiation, r.streamId(), r.version())) {
                    applied++;
                    factRow(e);
                    if (negotiation) {
                        added.computeIfAbsent(r.streamId(), id -> new ArrayList<>())
                                .add(r);
                    }
                }
                // as the indexed path: the links of every event, a fact loaded before or not
                for (String negotiationId : e.negotiationLinks()) {
                    if (loaded.link(r.streamId(), negotiationId)) {
                        links.plain(generation)
                                .text(negotiationId)
                                .text(r.streamId())
                                .endRow();
                    }
                }
            }
            // one transaction per batch: the facts, then the links
            try {
                connection.setAutoCommit(false);
                copy(copyFacts, facts);
                copy(copyLinks, links);
                connection.commit();
                loaded.commit();
                // the events loaded (each once), folded once they are: a batch that failed is folded when it loads
                states.fold(added);
            } catch (SQLException | RuntimeException ex) {
                loaded.rollback();
                rollback();
                throw ex;
            } finally {
                connection.setAutoCommit(true);
            }
            duplicates += events.size() - applied;
            return new ApplyResult(applied, events.size() - applied, List.of(generation), false);
        } catch (SQLException e) {
            // nothing of the batch counts as loaded: the loop applies it again (retrying)
            throw new LoadFailedException("loading a batch into generation " + generation + " failed: " + e, e);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is gone: the next attempt fails as well, and says so
        }
    }

    private void factRow(Incoming.Event e) {
        RecordedEvent r = e.event();
        BusinessDate date = r.body().date();
        long target = r.targetVersion();
        facts.plain(generation)
                .text(r.stream().wireName())
                .text(r.streamId())
                .plain(r.version())
                .plain(r.eventId())
                .text(r.type().typeName())
                .plain(e.schemaVersion())
                .text(date == null ? null : date.text())
                .text(date == null ? null : date.precision())
                .plain(date == null ? null : date.earliest())
                .plain(date == null ? null : date.latest())
                .text(r.body().status() == null ? null : r.body().status().name())
                .plain(target == 0 ? null : target)
                // microseconds, as the reactive client sends a timestamptz (truncated)
                .plain(r.recordedAt().truncatedTo(ChronoUnit.MICROS))
                .text(e.position().topic())
                .plain(e.position().partition())
                .plain(e.position().offset())
                .utf8(e.payload())
                .endRow();
    }

    private void copy(String sql, CopyText rows) throws SQLException {
        if (rows.length() == 0) {
            return;
        }
        CopyIn in = copies.copyIn(sql);
        try {
            in.writeToCopy(rows.buffer(), 0, rows.length());
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /**
     * At the load's end, before the indexes are built: COPYs the states folded (list rows and heads, entries) into
     * the generation's {@code agreement_summary} and {@code agreement_fact} tables, in one transaction that first
     * empties them (a retried call writes them again). The states are then freed.
     */
    public Uni<Void> writeStates() {
        return Uni.createFrom()
                .item(() -> {
                    copyStates();
                    return (Void) null;
                })
                .runSubscriptionOn(thread);
    }

    private void copyStates() {
        String summaries = GenerationPartitions.partition("agreement_summary", generation);
        String entries = GenerationPartitions.partition("agreement_fact", generation);
        long started = System.nanoTime();
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement s = connection.prepareStatement("truncate " + summaries + ", " + entries)) {
                s.execute();
            }
            long entryRows = states.copy(copies, summaries, entries, generation);
            connection.commit();
            statesWritten = String.format(
                    "%d agreement states folded by the load written (%d entries) in %d ms, %d streams left to the"
                            + " last pass (over the state budget of %d KB); its folds took %d ms",
                    states.held(),
                    entryRows,
                    (System.nanoTime() - started) / 1_000_000,
                    states.dropped(),
                    states.budget() >> 10,
                    states.foldMillis());
            states.clear();
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw new LoadFailedException("writing the states of generation " + generation + " failed: " + e, e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // the connection is gone: the next attempt fails as well, and says so
            }
        }
    }

    /** What {@link #writeStates} wrote, as logged (empty before). */
    public String statesWritten() {
        return statesWritten;
    }

    private boolean loading() throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement("select state from projection_generation where generation = ?")) {
            s.setInt(1, generation);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && "LOADING".equals(rs.getString(1));
            }
        }
    }

    /** Whether the load holds as many streams as its memory bound allows (it should end where it is). */
    public boolean full() {
        return loaded.full();
    }

    public long duplicates() {
        return duplicates;
    }

    public int generation() {
        return generation;
    }

    /** Closes the connection (which releases the generation's lock) and the load's thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            connection.close();
        } catch (SQLException e) {
            // closing: nothing more to do with it
        }
    }

    /** A batch could not be loaded (nothing of it was: it can be loaded again). */
    public static final class LoadFailedException extends RuntimeException {
        LoadFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
