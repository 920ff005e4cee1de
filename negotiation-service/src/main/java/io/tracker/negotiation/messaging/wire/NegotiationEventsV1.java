package io.tracker.negotiation.messaging.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tracker.negotiation.messaging.wire.WireValues.BusinessDateData;
import io.tracker.negotiation.messaging.wire.WireValues.FactData;
import io.tracker.negotiation.messaging.wire.WireValues.ParticipantData;
import io.tracker.negotiation.messaging.wire.WireValues.SourceData;
import java.util.List;

/**
 * The {@code data} of each negotiation event at schema version 1, one record per stable type name. The
 * JSON Schemas in {@code META-INF/resources/contract/schemas/<Type>.v1.json} describe these shapes.
 * FactCorrected is at version 2 ({@link NegotiationEventsV2}); its v1 data is read through the upcaster.
 */
public final class NegotiationEventsV1 {
    private NegotiationEventsV1() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NegotiationOpened(String negotiationId, FactData fact, String title, List<String> parties,
            String description) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LeadersMet(String negotiationId, FactData fact, String summary) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TalksHeld(String negotiationId, FactData fact, String level, String summary) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MouSigned(String negotiationId, FactData fact, String title, List<ParticipantData> signatories) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CommitteeFormed(String negotiationId, FactData fact, String name, String mandate) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ForumEstablished(String negotiationId, FactData fact, String name, String purpose) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TradeMissionAnnounced(String negotiationId, FactData fact, String missionId, String title) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TradeMissionCompleted(String negotiationId, FactData fact, String missionId, String outcome) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AgreementConcluded(String negotiationId, FactData fact, String title, String summary) {
    }

    /** Also the shape of NegotiationResumed and NegotiationTerminated. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StatusChange(String negotiationId, BusinessDateData date, String reason, List<SourceData> sources) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FactRetracted(String negotiationId, long targetVersion, String reason, List<SourceData> sources) {
    }
}
