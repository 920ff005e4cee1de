package io.tracker.projection.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tracker.projection.domain.AgreementState;
import io.tracker.projection.domain.AgreementStateEntry;
import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.FactStatus;
import io.tracker.projection.domain.Milestone;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The columns of {@code agreement_summary} and {@code agreement_fact}, one array each, for unnest upserts. */
final class AgreementStateColumns {
    /** Between the opening's parties in {@code agreement_fact.parties}. */
    static final String PARTY_SEPARATOR = "\u001f";

    /** The columns {@link #entry} reads, in this order. */
    static final String ENTRY_COLUMNS =
            "generation, negotiation_id, stream_version, event_type, date_text, date_precision,"
                    + " date_earliest, date_latest, fact_status, title, mission_id, parties, corrected_by, retracted";

    private AgreementStateColumns() {}

    /** An entry's parties as {@code agreement_fact.parties} keeps them. */
    static String parties(List<String> parties) {
        return String.join(PARTY_SEPARATOR, parties);
    }

    /** An {@link #ENTRY_COLUMNS} row (its generation and stream id are columns 0 and 1). */
    static AgreementStateEntry entry(Row row) {
        return entry(row, 0);
    }

    /** The {@link #ENTRY_COLUMNS} from column {@code first} on. */
    static AgreementStateEntry entry(Row row, int first) {
        int c = first;
        String typeName = row.getString(c + 3);
        EventType type = EventType.ofTypeName(typeName)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + typeName));
        String parties = row.getString(c + 11);
        BusinessDate date = new BusinessDate(
                row.getString(c + 4), row.getString(c + 5), row.getLocalDate(c + 6), row.getLocalDate(c + 7));
        return new AgreementStateEntry(
                row.getLong(c + 2),
                type,
                date,
                FactStatus.valueOf(row.getString(c + 8)),
                row.getString(c + 9),
                row.getString(c + 10),
                parties.isEmpty() ? List.of() : Arrays.asList(parties.split(PARTY_SEPARATOR, -1)),
                row.getLong(c + 12),
                row.getBoolean(c + 13));
    }

    /** agreement_summary's row and state columns. */
    static final class Summaries {
        private final List<Integer> generations = new ArrayList<>();
        private final List<String> ids = new ArrayList<>();
        private final List<String> titles = new ArrayList<>();
        private final List<String> parties = new ArrayList<>();
        private final List<String> stages = new ArrayList<>();
        private final List<String> milestones = new ArrayList<>();
        private final List<String> milestoneKinds = new ArrayList<>();
        private final List<String> milestoneDates = new ArrayList<>();
        private final List<Integer> pending = new ArrayList<>();
        private final List<Boolean> binding = new ArrayList<>();
        private final List<Long> versions = new ArrayList<>();
        private final List<OffsetDateTime> recordedAt = new ArrayList<>();
        private final List<Short> encodings = new ArrayList<>();
        private final List<Buffer> states = new ArrayList<>();

        void add(int generation, AgreementState.Row s, byte[] state) {
            Milestone last = s.lastMilestone();
            Instant lastRecorded = s.lastRecordedAt();
            generations.add(generation);
            ids.add(s.agreementId());
            titles.add(s.title());
            parties.add(String.join(",", s.parties()));
            stages.add(s.stage() == null ? null : s.stage().name());
            milestones.add(last == null ? null : last.summary());
            milestoneKinds.add(last == null ? null : last.milestone().name());
            milestoneDates.add(
                    last == null || last.date() == null ? null : last.date().text());
            pending.add(s.pendingMilestones());
            binding.add(s.binding());
            versions.add(s.lastVersion());
            recordedAt.add(lastRecorded == null ? null : lastRecorded.atOffset(ZoneOffset.UTC));
            encodings.add(AgreementStateCodec.ENCODING);
            states.add(Buffer.buffer(state));
        }

        boolean isEmpty() {
            return ids.isEmpty();
        }

        Tuple tuple() {
            return Tuple.tuple(Arrays.asList(
                    generations.toArray(Integer[]::new),
                    ids.toArray(String[]::new),
                    titles.toArray(String[]::new),
                    parties.toArray(String[]::new),
                    stages.toArray(String[]::new),
                    milestones.toArray(String[]::new),
                    milestoneKinds.toArray(String[]::new),
                    milestoneDates.toArray(String[]::new),
                    pending.toArray(Integer[]::new),
                    binding.toArray(Boolean[]::new),
                    versions.toArray(Long[]::new),
                    recordedAt.toArray(OffsetDateTime[]::new),
                    encodings.toArray(Short[]::new),
                    states.toArray(Buffer[]::new)));
        }
    }

    /** agreement_fact's columns. */
    static final class Entries {
        private final List<Integer> generations = new ArrayList<>();
        private final List<String> ids = new ArrayList<>();
        private final List<Long> versions = new ArrayList<>();
        private final List<String> types = new ArrayList<>();
        private final List<String> dateTexts = new ArrayList<>();
        private final List<String> precisions = new ArrayList<>();
        private final List<LocalDate> earliest = new ArrayList<>();
        private final List<LocalDate> latest = new ArrayList<>();
        private final List<String> statuses = new ArrayList<>();
        private final List<String> titles = new ArrayList<>();
        private final List<String> missions = new ArrayList<>();
        private final List<String> parties = new ArrayList<>();
        private final List<Long> correctedBy = new ArrayList<>();
        private final List<Boolean> retracted = new ArrayList<>();

        void add(int generation, String negotiationId, AgreementStateEntry e) {
            generations.add(generation);
            ids.add(negotiationId);
            versions.add(e.version());
            types.add(e.type().typeName());
            dateTexts.add(e.date().text());
            precisions.add(e.date().precision());
            earliest.add(e.date().earliest());
            latest.add(e.date().latest());
            statuses.add(e.status().name());
            titles.add(e.title());
            missions.add(e.missionId());
            parties.add(parties(e.parties()));
            correctedBy.add(e.correctedBy());
            retracted.add(e.retracted());
        }

        boolean isEmpty() {
            return ids.isEmpty();
        }

        int size() {
            return ids.size();
        }

        Tuple tuple() {
            return Tuple.tuple(Arrays.asList(
                    generations.toArray(Integer[]::new),
                    ids.toArray(String[]::new),
                    versions.toArray(Long[]::new),
                    types.toArray(String[]::new),
                    dateTexts.toArray(String[]::new),
                    precisions.toArray(String[]::new),
                    earliest.toArray(LocalDate[]::new),
                    latest.toArray(LocalDate[]::new),
                    statuses.toArray(String[]::new),
                    titles.toArray(String[]::new),
                    missions.toArray(String[]::new),
                    parties.toArray(String[]::new),
                    correctedBy.toArray(Long[]::new),
                    retracted.toArray(Boolean[]::new)));
        }
    }
}
