package io.tracker.projection.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jboss.logging.Logger;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import io.tracker.projection.domain.AgreementState;
import io.tracker.projection.domain.AgreementStateEntry;
import io.tracker.projection.domain.Milestone;
import io.tracker.projection.domain.RecordedEvent;

/**
 * The agreement states a rebuild's load folds in memory, batch by batch, from the events it COPYs (those the topics
 * repeated dropped before: {@link LoadedStreams}), written at the load's end into the generation's
 * {@code agreement_summary} (list row and head) and {@code agreement_fact} (one entry per fact) with {@code COPY}, so
 * that the last pass of the rebuild has nothing to fold. A stream's state keeps all its entries beside it, so a fold
 * finds every entry its events concern, and its next bests ({@link AgreementState#answers}) without the store.
 * <p>
 * Bounded in bytes (an estimate per state and per entry): a stream whose state would take the total over the budget
 * (or whose fold failed) is dropped, and its later events are not folded; the rebuild's replay and last pass fold it from its facts (a
 * stream without a usable state), as they do any such stream.
 */
final class AgreementStatesLoaded {
    private static final Logger LOG = Logger.getLogger(AgreementStatesLoaded.class);

    /** Estimated bytes of a state (its head, counts, maps) and of a stream id's map entry, besides its entries. */
    static final long STATE_BYTES = 1_200;
    /** Estimated bytes of an entry (the record, its date, boxed version, tree node), besides its strings' chars. */
    static final long ENTRY_BYTES = 360;

    private static final class Folded {
        final AgreementState state;
        final TreeMap<Long, AgreementStateEntry> entries = new TreeMap<>();
        long bytes;

        Folded(AgreementState state, long bytes) {
            this.state = state;
            this.bytes = bytes;
        }
    }

    private final long budget;
    private final Map<String, Folded> states = new HashMap<>();
    private final Set<String> dropped = new HashSet<>();
    private long bytes;
    private long foldNanos;

    /** At most about {@code budgetBytes} of states held (0: none, every stream is left to the replay). */
    AgreementStatesLoaded(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /**
     * Folds a loaded batch's new negotiation events, per stream (each version once, as loaded): a stream is folded
     * from its state so far, or dropped when it does not fit the budget any more.
     */
    void fold(Map<String, List<RecordedEvent>> added) {
        long started = System.nanoTime();
        added.forEach((id, batch) -> {
            if (dropped.contains(id)) {
                return;
            }
            Folded f = states.get(id);
            if (f == null) {
                long initial = STATE_BYTES + 2L * id.length();
                if (bytes + initial > budget) {
                    dropped.add(id);
                    return;
                }
                f = new Folded(AgreementState.empty(id), initial);
                states.put(id, f);
                bytes += initial;
            }
            long grown = 0;
            try {
                f.state.fold(batch, f.entries);
                for (AgreementStateEntry e : f.state.touched()) {
                    if (f.entries.put(e.version(), e) == null) {
                        grown += size(e);
                    }
                }
                if (!f.state.needs().isEmpty()) {
                    f.state.resolve(f.state.answers(f.entries.values()));
                }
            } catch (RuntimeException e) {
                // its facts are loaded: the last pass folds it from them, as the indexed path would
                LOG.warnf("folding %s in the load failed (%s); left to the last pass", id, e.toString());
                states.remove(id);
                bytes -= f.bytes;
                dropped.add(id);
                return;
            }
            f.bytes += grown;
            bytes += grown;
            if (bytes > budget) {
                states.remove(id);
                bytes -= f.bytes;
                dropped.add(id);
            }
        });
        foldNanos += System.nanoTime() - started;
    }

    /** The time its folds took. */
    long foldMillis() {
        return foldNanos / 1_000_000;
    }

    /** The states held, in no order. */
    int held() {
        return states.size();
    }

    /** The streams dropped (left to the replay's and last pass's folds from their facts). */
    int dropped() {
        return dropped.size();
    }

    /**
     * COPYs the states held into {@code summaries} (list rows and heads) and then {@code entries} (one COPY at a time
     * on a connection), the rows sent by the megabyte; answers the number of entries.
     */
    long copy(CopyManager copies, String summaries, String entries, int generation) throws SQLException {
        CopyText rows = new CopyText(1 << 20);
        CopyIn in = copies.copyIn("copy " + summaries + " (" + SUMMARY_COLUMNS + ") from stdin");
        try {
            summaries(generation, rows, () -> send(in, rows));
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        CopyIn entryIn = copies.copyIn("copy " + entries + " (" + AgreementStateColumns.ENTRY_COLUMNS + ") from stdin");
        try {
            long n = entries(generation, rows, () -> send(entryIn, rows));
            entryIn.endCopy();
            return n;
        } finally {
            if (entryIn.isActive()) {
                entryIn.cancelCopy();
            }
        }
    }

    private static void send(CopyIn in, CopyText rows) {
        try {
            if (rows.length() > 0) {
                in.writeToCopy(rows.buffer(), 0, rows.length());
            }
            rows.clear();
        } catch (SQLException e) {
            throw new GenerationLoad.LoadFailedException("a COPY failed: " + e, e);
        }
    }

    /**
     * The list rows and heads of the states held, as {@code COPY} text rows of {@link #SUMMARY_COLUMNS} in
     * {@code out}; {@code flush} is called when it passed about a megabyte and at the end (to send it and clear it).
     */
    private void summaries(int generation, CopyText out, Runnable flush) {
        for (String id : sortedIds()) {
            AgreementState state = states.get(id).state;
            state.row().ifPresent(row -> summaryRow(out, generation, row, AgreementStateCodec.encode(state)));
            if (out.length() > FLUSH) {
                flush.run();
            }
        }
        flush.run();
    }

    /** The entries of the states held, as {@code COPY} text rows of {@link AgreementStateColumns#ENTRY_COLUMNS}. */
    private long entries(int generation, CopyText out, Runnable flush) {
        long n = 0;
        for (String id : sortedIds()) {
            for (AgreementStateEntry e : states.get(id).entries.values()) {
                entryRow(out, generation, id, e);
                n++;
            }
            if (out.length() > FLUSH) {
                flush.run();
            }
        }
        flush.run();
        return n;
    }

    private List<String> sortedIds() {
        List<String> ids = new ArrayList<>(states.keySet());
        ids.sort(null);
        return ids;
    }

    long budget() {
        return budget;
    }

    /** Frees the states (once written). */
    void clear() {
        states.clear();
        bytes = 0;
    }

    /** The columns of {@code agreement_summary} {@link #write} gives, in this order. */
    static final String SUMMARY_COLUMNS = "generation, negotiation_id, title, parties, stage, last_milestone,"
            + " last_milestone_kind, last_milestone_date, pending_milestones, binding, last_version,"
            + " last_recorded_at, state_encoding, state";

    private static final int FLUSH = 1 << 20;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void summaryRow(CopyText out, int generation, AgreementState.Row s, byte[] state) {
        Milestone last = s.lastMilestone();
        Instant lastRecorded = s.lastRecordedAt();
        out.plain(generation)
                .text(s.agreementId())
                .text(s.title())
                .text(String.join(",", s.parties()))
                .text(s.stage() == null ? null : s.stage().name())
                .text(last == null ? null : last.summary())
                .text(last == null ? null : last.milestone().name())
                .text(last == null || last.date() == null ? null : last.date().text())
                .plain(s.pendingMilestones())
                .plain(s.binding())
                .plain(s.lastVersion())
                .plain(lastRecorded)
                .plain(AgreementStateCodec.ENCODING)
                .text(hex(state))
                .endRow();
    }

    private static void entryRow(CopyText out, int generation, String negotiationId, AgreementStateEntry e) {
        out.plain(generation)
                .text(negotiationId)
                .plain(e.version())
                .text(e.type().typeName())
                .text(e.date().text())
                .text(e.date().precision())
                .plain(e.date().earliest())
                .plain(e.date().latest())
                .text(e.status().name())
                .text(e.title())
                .text(e.missionId())
                .text(AgreementStateColumns.parties(e.parties()))
                .plain(e.correctedBy())
                .plain(e.retracted())
                .endRow();
    }

    /** A bytea's text input: {@code \x} and its hex digits (the backslash escaped by {@link CopyText#text}). */
    private static String hex(byte[] bytes) {
        char[] c = new char[2 + bytes.length * 2];
        c[0] = '\\';
        c[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            c[2 + 2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            c[3 + 2 * i] = HEX[bytes[i] & 0xf];
        }
        return new String(c);
    }

    private static long size(AgreementStateEntry e) {
        long chars = length(e.date().text()) + length(e.date().precision()) + length(e.title()) + length(e.missionId());
        for (String p : e.parties()) {
            chars += length(p) + 40;
        }
        return ENTRY_BYTES + 2 * chars;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length() + 40;
    }
}
