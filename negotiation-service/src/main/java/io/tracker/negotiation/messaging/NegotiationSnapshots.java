package io.tracker.negotiation.messaging;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.messaging.SnapshotCodec;
import io.tracker.negotiation.domain.FactDigest;
import io.tracker.negotiation.domain.FactSummary;
import io.tracker.negotiation.domain.NegotiationEvent;
import io.tracker.negotiation.domain.NegotiationState;

/**
 * A negotiation's decision state as a snapshot (JSON). The encoding name carries its version: change the
 * state's shape or this form, and name a new version, so that older snapshots are ignored rather than misread.
 */
public final class NegotiationSnapshots implements SnapshotCodec<NegotiationState> {
    public static final String ENCODING = "negotiation-decision-state.v1";

    record Data(
            String id,
            List<String> parties,
            long version,
            String stalledSince,
            boolean terminated,
            List<FactJson> facts) {}

    record FactJson(long version, String kind, boolean occurred, boolean retracted, String missionId, String digest) {}

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public String encoding() {
        return ENCODING;
    }

    @Override
    public String encode(NegotiationState s) {
        List<FactJson> facts = s.facts().stream()
                .map(f -> new FactJson(
                        f.version(),
                        f.kind().name(),
                        f.occurred(),
                        f.retracted(),
                        f.missionId(),
                        f.digest().hex()))
                .toList();
        try {
            return mapper.writeValueAsString(new Data(
                    s.negotiationId(),
                    s.parties(),
                    s.version(),
                    s.stalledSince() == null ? null : s.stalledSince().text(),
                    s.terminated(),
                    facts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public NegotiationState decode(String snapshot) {
        try {
            Data d = mapper.readValue(snapshot, Data.class);
            List<FactSummary> facts = d.facts().stream()
                    .map(f -> new FactSummary(
                            f.version(),
                            NegotiationEvent.Kind.valueOf(f.kind()),
                            f.occurred(),
                            f.retracted(),
                            f.missionId(),
                            FactDigest.ofHex(f.digest())))
                    .toList();
            return NegotiationState.restore(
                    d.id(),
                    d.parties(),
                    d.version(),
                    facts,
                    d.stalledSince() == null ? null : BusinessDate.parse(d.stalledSince()),
                    d.terminated());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + ENCODING + " snapshot", e);
        }
    }
}
