package io.tracker.negotiation.messaging;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;
import io.tracker.core.messaging.wire.BusinessDateJson;
import io.tracker.core.messaging.wire.SourceJson;
import io.tracker.negotiation.domain.Fact;
import io.tracker.negotiation.domain.FocusArea;
import io.tracker.negotiation.domain.Participant;
import io.tracker.negotiation.domain.Place;
import io.tracker.negotiation.messaging.wire.FactValues.FactJson;
import io.tracker.negotiation.messaging.wire.FactValues.ParticipantJson;
import io.tracker.negotiation.messaging.wire.FactValues.PlaceJson;

/**
 * Maps the shared values between domain and wire. Reading is strict about what the domain needs (a missing
 * fact, an unknown enum name or an unreadable date throws, and the codec reports it as an unknown event);
 * a business date is rebuilt from its {@code text}, the other three fields being derived from it.
 */
final class WireValues {
    private WireValues() {}

    static FactJson wire(Fact fact) {
        return new FactJson(
                wire(fact.date()),
                fact.status().name(),
                map(fact.participants(), WireValues::wire),
                fact.place() == null
                        ? null
                        : new PlaceJson(fact.place().city(), fact.place().country()),
                map(fact.focusAreas(), FocusArea::name),
                sources(fact.sources()));
    }

    static Fact domain(FactJson fact) {
        Objects.requireNonNull(fact, "fact");
        PlaceJson place = fact.place();
        return new Fact(
                domain(fact.date()),
                FactStatus.valueOf(fact.status()),
                map(fact.participants(), WireValues::domain),
                place == null ? null : new Place(place.city(), place.country()),
                map(fact.focusAreas(), FocusArea::valueOf),
                sourcesToDomain(fact.sources()));
    }

    static BusinessDateJson wire(BusinessDate date) {
        return BusinessDateJson.of(date);
    }

    static BusinessDate domain(BusinessDateJson date) {
        return BusinessDateJson.toDomain(date, "date");
    }

    static ParticipantJson wire(Participant participant) {
        return new ParticipantJson(participant.name(), participant.role(), participant.country());
    }

    static Participant domain(ParticipantJson participant) {
        return new Participant(participant.name(), participant.role(), participant.country());
    }

    static List<SourceJson> sources(List<Source> sources) {
        return map(sources, SourceJson::of);
    }

    static List<Source> sourcesToDomain(List<SourceJson> sources) {
        return map(sources, SourceJson::toDomain);
    }

    /** Maps a list; a missing list reads as empty. */
    static <A, B> List<B> map(List<A> list, Function<A, B> mapping) {
        return list == null ? List.of() : list.stream().map(mapping).toList();
    }
}
