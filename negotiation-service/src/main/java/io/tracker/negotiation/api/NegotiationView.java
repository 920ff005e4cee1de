package io.tracker.negotiation.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.core.application.Loaded;
import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;
import io.tracker.core.store.StoredEvent;
import io.tracker.negotiation.domain.FocusArea;
import io.tracker.negotiation.domain.NegotiationEvent;
import io.tracker.negotiation.domain.NegotiationFacts;
import io.tracker.negotiation.domain.NegotiationState;
import io.tracker.negotiation.domain.Participant;
import io.tracker.negotiation.domain.Place;
import io.tracker.negotiation.domain.Stage;

/** The current state of one negotiation, as the command side knows it. */
@Schema(description = "A negotiation's current state on the command side")
public record NegotiationView(
        String id,
        String title,
        List<String> parties,
        Stage stage,
        Stage progress,
        long version,
        String stalledSince,
        boolean terminated,
        List<FactView> facts) {

    @Schema(description = "A recorded fact as it stands after corrections")
    public record FactView(
            long version,
            String type,
            String date,
            BusinessDate.Precision precision,
            FactStatus status,
            boolean retracted,
            List<Participant> participants,
            Place place,
            List<FocusArea> focusAreas,
            List<Source> sources) {}

    /** @param events the stream's events decoded, in order (the facts are shown in full, from them) */
    static NegotiationView of(Loaded<NegotiationState> loaded, List<NegotiationEvent> events) {
        NegotiationState s = loaded.state();
        Map<Long, String> types =
                loaded.events().stream().collect(Collectors.toMap(StoredEvent::version, StoredEvent::type));
        String title = events.isEmpty() || !(events.get(0) instanceof NegotiationEvent.NegotiationOpened opened)
                ? null
                : opened.title();
        List<FactView> facts = NegotiationFacts.of(events).stream()
                .map(f -> new FactView(
                        f.version(),
                        types.get(f.version()),
                        f.current().date().text(),
                        f.current().date().precision(),
                        f.current().status(),
                        f.retracted(),
                        f.current().participants(),
                        f.current().place(),
                        f.current().focusAreas(),
                        f.current().sources()))
                .toList();
        return new NegotiationView(
                s.negotiationId(),
                title,
                s.parties(),
                s.stage(),
                s.progress(),
                s.version(),
                s.stalledSince() == null ? null : s.stalledSince().text(),
                s.terminated(),
                facts);
    }
}
