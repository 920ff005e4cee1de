package io.tracker.projection.domain;

import java.util.List;

/** The event at {@code targetVersion} of the same stream no longer stands. */
public record Retraction(long targetVersion, String reason, List<Source> sources) implements EventBody {

    public Retraction {
        sources = Lists.copy(sources);
    }

    @Override
    public BusinessDate date() {
        return null;
    }

    @Override
    public FactStatus status() {
        return null;
    }
}
