package io.tracker.projection.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * One negotiation stream's events folded, in version order, into what {@link AgreementStatusCalculator#status(String,
 * List, AsOf)} gives {@link AsOf#NOW} (no business date: every fact in force is certain), without keeping the events:
 * per milestone (a kind; a trade mission; a meeting of talks) where its first title, first completion and latest fact
 * stand, the instruments, each participant's and focus area's first place, the opening, the stall and the types that
 * occurred. What it keeps grows with the status (its milestones, instruments, participants, focus areas), not with
 * the events: another leaders' meeting, or another fact of a mission already known, changes a summary in place.
 * <p>
 * {@link #add} refuses (returns false, and changes nothing) an amendment (a correction or retraction: it would need
 * the fact it changes), an event whose version is not above every version folded (out of order, or again), and a fact
 * whose body is not the {@link NegotiationFact} its type needs; the caller then computes the status from the whole
 * history and starts again from {@link #of} that history. {@link #of} folds the history's effective events
 * ({@link StreamHistory}: amendments applied); a history it cannot fold that way gives a fold that keeps just the
 * calculator's status and refuses every event.
 */
public final class CurrentStatusFold {
    private final String agreementId;
    private final AgreementStatus fixed; // a history not folded: its status, and nothing can be added
    private int events;
    private long lastVersion;
    private Instant lastRecordedAt;
    private boolean opened;
    private String title; // the first opening's
    private List<String> parties = List.of();
    private BusinessDate stalledSince;
    private boolean terminated;
    private final EnumSet<EventType> occurred = EnumSet.noneOf(EventType.class);
    private final CurrentStatusParts parts;

    private CurrentStatusFold(String agreementId, AgreementStatus fixed, CurrentStatusParts parts) {
        this.agreementId = agreementId;
        this.fixed = fixed;
        this.parts = parts;
    }

    /** No event yet. */
    public static CurrentStatusFold empty(String agreementId) {
        return new CurrentStatusFold(agreementId, null, new CurrentStatusParts());
    }

    /** The whole history (any order, amendments included) folded: its status is the calculator's. */
    public static CurrentStatusFold of(String agreementId, List<RecordedEvent> history) {
        CurrentStatusFold fold = empty(agreementId);
        history.forEach(fold::count);
        for (EffectiveEvent e : StreamHistory.of(history, AsOf.NOW).all()) {
            if (!e.inForce()) {
                continue;
            }
            if (!foldable(e.type(), e.current())) {
                CurrentStatusFold kept = new CurrentStatusFold(
                        agreementId,
                        AgreementStatusCalculator.status(agreementId, history, AsOf.NOW)
                                .orElseThrow(),
                        new CurrentStatusParts());
                history.forEach(kept::count);
                return kept;
            }
            fold.fold(e.type(), e.version(), e.current());
        }
        return fold;
    }

    /** A copy to extend: a kept fold is never changed. */
    public CurrentStatusFold copy() {
        CurrentStatusFold copy = new CurrentStatusFold(agreementId, fixed, parts.copy());
        copy.events = events;
        copy.lastVersion = lastVersion;
        copy.lastRecordedAt = lastRecordedAt;
        copy.opened = opened;
        copy.title = title;
        copy.parties = parties;
        copy.stalledSince = stalledSince;
        copy.terminated = terminated;
        copy.occurred.addAll(occurred);
        return copy;
    }

    /**
     * Folds the next event of the stream; false (nothing changed) when it cannot: an amendment, a version not above
     * {@link #lastVersion()}, a fact without the body its type needs, or a fold that keeps just a status.
     */
    public boolean add(RecordedEvent e) {
        if (fixed != null || e.version() <= lastVersion || e.type().isAmendment()) {
            return false;
        }
        if (e.type().category() != EventType.Category.FIGURE && !foldable(e.type(), e.body())) {
            return false;
        }
        count(e);
        if (e.type().category() != EventType.Category.FIGURE) {
            fold(e.type(), e.version(), e.body()); // indicators and claims only count in the basis
        }
        return true;
    }

    /** How many events it took (indicators, claims and, in {@link #of}, amendments included). */
    public int events() {
        return events;
    }

    /** The highest version folded (0: none). */
    public long lastVersion() {
        return lastVersion;
    }

    /** Whether {@link #add} can fold anything (false: built from a history it keeps just the status of). */
    public boolean extendable() {
        return fixed == null;
    }

    /** What {@code AgreementStatusCalculator.status(agreementId, every event folded, AsOf.NOW)} gives. */
    public Optional<AgreementStatus> status() {
        if (events == 0) {
            return Optional.empty();
        }
        if (fixed != null) {
            return Optional.of(fixed);
        }
        boolean underMou = occurred.contains(EventType.MOU_SIGNED) || occurred.contains(EventType.AGREEMENT_CONCLUDED);
        Stage progress = opened ? Stage.OPENED : null;
        for (EventType type : occurred) {
            Stage reached = Stage.reachedBy(type, underMou);
            if (reached != null && (progress == null || reached.compareTo(progress) > 0)) {
                progress = reached;
            }
        }
        Stage stage = terminated ? Stage.TERMINATED : stalledSince != null ? Stage.STALLED : progress;
        List<Milestone> reached = parts.milestones(true);
        return Optional.of(new AgreementStatus(
                agreementId,
                title,
                parties,
                stage,
                progress,
                null,
                stalledSince,
                reached.isEmpty() ? null : reached.get(reached.size() - 1),
                reached,
                List.of(),
                parts.milestones(false),
                occurred.contains(EventType.AGREEMENT_CONCLUDED),
                parts.instruments(),
                parts.participants(),
                parts.focusAreas(),
                AsOf.NOW,
                new AgreementStatus.Basis(events, lastVersion, lastRecordedAt)));
    }

    /**
     * The bytes it holds, estimated: a fixed part, and per milestone, instrument, participant and focus area its
     * objects (headers, references, map entry) and its strings as two bytes per character. Objects it shares with
     * the events' bodies (dates, participants, signatories) are counted as its own.
     */
    public long estimatedBytes() {
        long bytes = 240 + CurrentStatusParts.chars(agreementId);
        if (opened) {
            bytes += CurrentStatusParts.chars(title);
            for (String party : parties) {
                bytes += 48 + CurrentStatusParts.chars(party);
            }
        }
        return bytes + parts.estimatedBytes();
    }

    /**
     * The bytes a status holds, estimated as {@link #estimatedBytes()} counts a fold: a fixed part, and per milestone,
     * instrument, participant, party and focus area its objects and its strings as two bytes per character; walked
     * field by field (no text is built: it runs for every status kept, on the event loop).
     */
    public static long estimatedBytes(AgreementStatus status) {
        long bytes = 256 + CurrentStatusParts.chars(status.agreementId()) + CurrentStatusParts.chars(status.title());
        bytes += dateBytes(status.stalledSince()) + milestoneBytes(status.lastMilestone());
        bytes += stringsBytes(status.parties()) + stringsBytes(status.focusAreas());
        bytes += milestonesBytes(status.milestonesReached())
                + milestonesBytes(status.milestonesPossiblyReached())
                + milestonesBytes(status.milestonesPending());
        for (Instrument i : status.instruments()) {
            bytes += 72 + CurrentStatusParts.chars(i.title()) + dateBytes(i.date());
            for (Participant p : i.signatories()) {
                bytes += 8 + CurrentStatusParts.participantBytes(p);
            }
        }
        for (Participant p : status.participants()) {
            bytes += 8 + CurrentStatusParts.participantBytes(p);
        }
        return bytes;
    }

    private static long milestonesBytes(List<Milestone> milestones) {
        long bytes = 0;
        for (Milestone m : milestones) {
            bytes += 8 + milestoneBytes(m);
        }
        return bytes;
    }

    private static long milestoneBytes(Milestone m) {
        return m == null
                ? 0
                : 56
                        + CurrentStatusParts.chars(m.summary())
                        + CurrentStatusParts.chars(m.title())
                        + dateBytes(m.date());
    }

    private static long dateBytes(BusinessDate d) {
        return d == null ? 0 : 80 + CurrentStatusParts.chars(d.text()) + CurrentStatusParts.chars(d.precision());
    }

    private static long stringsBytes(List<String> strings) {
        long bytes = 0;
        for (String s : strings) {
            bytes += 8 + CurrentStatusParts.chars(s);
        }
        return bytes;
    }

    /** Whether the calculator can read this body for this type (it casts to NegotiationFact). */
    private static boolean foldable(EventType type, EventBody body) {
        boolean needsFact = type == EventType.NEGOTIATION_OPENED
                || type == EventType.MOU_SIGNED
                || type == EventType.AGREEMENT_CONCLUDED
                || MilestoneKind.about(type) != null;
        return !needsFact || body instanceof NegotiationFact;
    }

    private void count(RecordedEvent e) {
        events++;
        lastVersion = Math.max(lastVersion, e.version());
        if (lastRecordedAt == null || e.recordedAt().isAfter(lastRecordedAt)) {
            lastRecordedAt = e.recordedAt();
        }
    }

    /** An effective event in force, in version order. */
    private void fold(EventType type, long version, EventBody body) {
        if (type.category() == EventType.Category.FACT && body.status() == FactStatus.OCCURRED) {
            occurred.add(type);
        }
        if (type == EventType.NEGOTIATION_STALLED) {
            stalledSince = body.date();
        } else if (type == EventType.NEGOTIATION_RESUMED) {
            stalledSince = null;
        } else if (type == EventType.NEGOTIATION_TERMINATED) {
            terminated = true;
        }
        if (body instanceof NegotiationFact fact) {
            if (type == EventType.NEGOTIATION_OPENED && !opened) {
                opened = true;
                title = fact.title();
                parties = fact.parties();
            }
            parts.fold(type, version, fact);
        }
    }
}
