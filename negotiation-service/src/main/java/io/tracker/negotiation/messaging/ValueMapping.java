package io.tracker.negotiation.messaging;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;
import io.tracker.negotiation.domain.Fact;
import io.tracker.negotiation.domain.FocusArea;
import io.tracker.negotiation.domain.Participant;
import io.tracker.negotiation.domain.Place;
import io.tracker.negotiation.messaging.wire.WireValues.BusinessDateData;
import io.tracker.negotiation.messaging.wire.WireValues.FactData;
import io.tracker.negotiation.messaging.wire.WireValues.ParticipantData;
import io.tracker.negotiation.messaging.wire.WireValues.PlaceData;
import io.tracker.negotiation.messaging.wire.WireValues.SourceData;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Maps the shared values between domain and wire. Reading is strict about what the domain needs (a missing
 * fact, an unknown enum name or an unreadable date throws, and the codec reports it as an unknown event);
 * a business date is rebuilt from its {@code text}, the other three fields being derived from it.
 */
final class ValueMapping {
    private ValueMapping() {
    }

    static FactData wire(Fact fact) {
        return new FactData(wire(fact.date()), fact.status().name(), map(fact.participants(), ValueMapping::wire),
                fact.place() == null ? null : new PlaceData(fact.place().city(), fact.place().country()),
                map(fact.focusAreas(), FocusArea::name), sources(fact.sources()));
    }

    static Fact domain(FactData fact) {
        Objects.requireNonNull(fact, "fact");
        PlaceData place = fact.place();
        return new Fact(domain(fact.date()), FactStatus.valueOf(fact.status()),
                map(fact.participants(), ValueMapping::domain),
                place == null ? null : new Place(place.city(), place.country()),
                map(fact.focusAreas(), FocusArea::valueOf), sourcesToDomain(fact.sources()));
    }

    static BusinessDateData wire(BusinessDate date) {
        return new BusinessDateData(date.text(), date.precision().name(), date.earliest().toString(),
                date.latest().toString());
    }

    static BusinessDate domain(BusinessDateData date) {
        Objects.requireNonNull(date, "date");
        return BusinessDate.parse(date.text());
    }

    static ParticipantData wire(Participant participant) {
        return new ParticipantData(participant.name(), participant.role(), participant.country());
    }

    static Participant domain(ParticipantData participant) {
        return new Participant(participant.name(), participant.role(), participant.country());
    }

    static List<SourceData> sources(List<Source> sources) {
        return map(sources, s -> new SourceData(s.title(), s.publisher(),
                s.published() == null ? null : s.published().toString(), s.url(), s.kind().name()));
    }

    static List<Source> sourcesToDomain(List<SourceData> sources) {
        return map(sources, s -> new Source(s.title(), s.publisher(),
                s.published() == null ? null : LocalDate.parse(s.published()), s.url(), Source.Kind.valueOf(s.kind())));
    }

    /** Maps a list; a missing list reads as empty. */
    static <A, B> List<B> map(List<A> list, Function<A, B> mapping) {
        return list == null ? List.of() : list.stream().map(mapping).toList();
    }
}
