package io.tracker.projection.domain;

import java.util.List;
import java.util.Objects;

/** A negotiation stalled, resumed or was terminated (the event type says which) on {@code date}. */
public record StatusChange(BusinessDate date, String reason, List<Source> sources) implements EventBody {

    public StatusChange {
        Objects.requireNonNull(date, "date");
        sources = Lists.copy(sources);
    }

    @Override
    public FactStatus status() {
        return FactStatus.OCCURRED;
    }
}
