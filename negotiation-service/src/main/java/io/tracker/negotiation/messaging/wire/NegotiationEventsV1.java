package io.tracker.negotiation.messaging.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tracker.core.messaging.wire.BusinessDateJson;
import io.tracker.core.messaging.wire.SourceJson;
import io.tracker.negotiation.messaging.wire.FactValues.FactJson;
import io.tracker.negotiation.messaging.wire.FactValues.ParticipantJson;

/**
 * The {@code data} of each negotiation event at schema version 1, one record per stable type name. The
 * JSON Schemas in {@code META-INF/resources/contract/schemas/<Type>.v1.json} describe these shapes.
 * FactCorrected is at version 2 ({@link NegotiationEventsV2}); its v1 data is read through the upcaster.
 */
public final class NegotiationEventsV1 {
    private NegotiationEventsV1() {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NegotiationOpened(
            String negotiationId, FactJson fact, String title, List<String> parties, String description) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LeadersMet(String negotiationId, FactJson fact, String summary) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TalksHeld(String negotiationId, FactJson fact, String level, String summary) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MouSigned(String negotiationId, FactJson fact, String title, List<ParticipantJson> signatories) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CommitteeFormed(String negotiationId, FactJson fact, String name, String mandate) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ForumEstablished(String negotiationId, FactJson fact, String name, String purpose) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TradeMissionAnnounced(String negotiationId, FactJson fact, String missionId, String title) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TradeMissionCompleted(String negotiationId, FactJson fact, String missionId, String outcome) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AgreementConcluded(String negotiationId, FactJson fact, String title, String summary) {}

    /** Also the shape of NegotiationResumed and NegotiationTerminated. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StatusChange(String negotiationId, BusinessDateJson date, String reason, List<SourceJson> sources) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FactRetracted(String negotiationId, long targetVersion, String reason, List<SourceJson> sources) {}
}
