package io.tracker.negotiation.domain;

import io.tracker.negotiation.domain.NegotiationEvent.Kind;

/**
 * What {@code decide} needs of a recorded fact, and no more: its kind, whether it (as corrected) OCCURRED,
 * whether it was retracted, the trade mission it names ({@code missionId}, else null) and the digest of its
 * current details (to refuse a correction that changes nothing).
 */
public record FactSummary(
        long version, Kind kind, boolean occurred, boolean retracted, String missionId, FactDigest digest) {

    public boolean inForce() {
        return !retracted;
    }

    /** A rough heap size: the record, its digest and mission id (used to bound the kept states). */
    long estimatedBytes() {
        return 40 + 32 + (missionId == null ? 0 : 48 + missionId.length());
    }
}
