package io.tracker.projection.domain;

import java.util.List;
import java.util.Objects;

/**
 * One fact or status change of a negotiation stream as it stands after the amendments folded into it, in the
 * compact form an {@link AgreementState} needs: type, current date and status, title, mission id (trade missions
 * only), the opening's parties, the latest correction applied (by stream version) and whether it was retracted.
 * Kept one per fact beside the state (not in it): a fold reads only the entries a batch's events concern (the target
 * of an amendment, the other facts of a trade mission).
 */
public record AgreementStateEntry(
        long version,
        EventType type,
        BusinessDate date,
        FactStatus status,
        String title,
        String missionId,
        List<String> parties,
        long correctedBy,
        boolean retracted) {

    public AgreementStateEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(status, "status");
        parties = Lists.copy(parties);
    }

    /** The entry of a negotiation's fact or status change; null for anything else (amendments, figures). */
    public static AgreementStateEntry of(RecordedEvent e) {
        EventBody body = e.body();
        if (body instanceof NegotiationFact f) {
            List<String> parties = e.type() == EventType.NEGOTIATION_OPENED ? f.parties() : List.of();
            String mission = MilestoneKind.about(e.type()) == MilestoneKind.TRADE_MISSION ? f.missionId() : null;
            return new AgreementStateEntry(
                    e.version(), e.type(), f.date(), f.status(), f.title(), mission, parties, 0, false);
        }
        if (body instanceof StatusChange s) {
            return new AgreementStateEntry(
                    e.version(), e.type(), s.date(), s.status(), null, null, List.of(), 0, false);
        }
        return null;
    }

    /**
     * This entry with an amendment folded in: a retraction withdraws it; a correction replaces a fact's date and
     * status when it is the latest one (by version) so far; a status change takes no correction.
     */
    public AgreementStateEntry amended(AgreementState.Pending p) {
        if (p.retraction()) {
            return retracted
                    ? this
                    : new AgreementStateEntry(
                            version, type, date, status, title, missionId, parties, correctedBy, true);
        }
        if (type.category() == EventType.Category.FACT && p.version() > correctedBy) {
            return new AgreementStateEntry(
                    version, type, p.date(), p.status(), title, missionId, parties, p.version(), retracted);
        }
        return this;
    }

    public boolean occurred() {
        return status == FactStatus.OCCURRED;
    }

    /** The trade mission whose milestone this fact is about, when it names one (null otherwise). */
    public String missionKey() {
        return missionId;
    }

    /** The title for a milestone's name: null when blank. */
    String milestoneTitle() {
        return title == null || title.isBlank() ? null : title;
    }
}
