package io.tracker.projection.messaging.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.tracker.projection.messaging.wire.WireValues.BusinessDateJson;
import io.tracker.projection.messaging.wire.WireValues.FactJson;
import io.tracker.projection.messaging.wire.WireValues.ParticipantJson;
import io.tracker.projection.messaging.wire.WireValues.SourceJson;

/**
 * The {@code data} of every negotiation event at schema version 1, read into one record (unknown fields
 * ignored). Which fields a type has (negotiation-service's contract/schemas):
 * <ul>
 * <li>NegotiationOpened: fact, title, parties, description</li>
 * <li>LeadersMet: fact, summary; TalksHeld: fact, level, summary</li>
 * <li>MouSigned: fact, title, signatories</li>
 * <li>CommitteeFormed: fact, name, mandate; ForumEstablished: fact, name, purpose</li>
 * <li>TradeMissionAnnounced: fact, missionId, title; TradeMissionCompleted: fact, missionId, outcome</li>
 * <li>AgreementConcluded: fact, title, summary</li>
 * <li>NegotiationStalled / NegotiationResumed / NegotiationTerminated: date, reason, sources</li>
 * <li>FactCorrected (v2; v1 is upcast): correctsVersion, corrected, reason; FactRetracted: targetVersion, reason,
 * sources</li>
 * </ul>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NegotiationEventData(
        String negotiationId,
        FactJson fact,
        String title,
        List<String> parties,
        String description,
        String summary,
        String level,
        List<ParticipantJson> signatories,
        String name,
        String mandate,
        String purpose,
        String missionId,
        String outcome,
        BusinessDateJson date,
        String reason,
        List<SourceJson> sources,
        Long targetVersion,
        Long correctsVersion,
        FactJson corrected) {}
