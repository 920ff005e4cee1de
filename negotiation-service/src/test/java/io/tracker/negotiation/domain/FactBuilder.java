package io.tracker.negotiation.domain;

import java.util.Arrays;
import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;

/** A copy of a {@link Fact} with some details changed, for tests of single rules. */
final class FactBuilder {
    private BusinessDate date;
    private FactStatus status;
    private List<Participant> participants;
    private Place place;
    private List<FocusArea> focusAreas;
    private List<Source> sources;

    private FactBuilder(Fact fact) {
        date = fact.date();
        status = fact.status();
        participants = fact.participants();
        place = fact.place();
        focusAreas = fact.focusAreas();
        sources = fact.sources();
    }

    static FactBuilder from(Fact fact) {
        return new FactBuilder(fact);
    }

    FactBuilder date(String text) {
        date = text == null ? null : BusinessDate.parse(text);
        return this;
    }

    FactBuilder status(FactStatus newStatus) {
        status = newStatus;
        return this;
    }

    /** Null elements are kept. */
    FactBuilder participants(Participant... people) {
        participants = Arrays.asList(people);
        return this;
    }

    FactBuilder place(Place newPlace) {
        place = newPlace;
        return this;
    }

    FactBuilder focusAreas(FocusArea... areas) {
        focusAreas = Arrays.asList(areas);
        return this;
    }

    FactBuilder sources(Source... newSources) {
        sources = Arrays.asList(newSources);
        return this;
    }

    Fact build() {
        return new Fact(date, status, participants, place, focusAreas, sources);
    }
}
