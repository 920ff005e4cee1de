package io.tracker.projection.domain;

import java.util.List;
import java.util.Objects;

/** The negotiation fact at {@code targetVersion} now reads {@code corrected} (all its common details). */
public record NegotiationCorrection(long targetVersion, FactDetails corrected, String reason) implements EventBody {

    public NegotiationCorrection {
        Objects.requireNonNull(corrected, "corrected");
    }

    @Override
    public BusinessDate date() {
        return corrected.date();
    }

    @Override
    public FactStatus status() {
        return corrected.status();
    }

    @Override
    public List<Source> sources() {
        return corrected.sources();
    }
}
