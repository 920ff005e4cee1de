package io.tracker.projection.domain;

import java.time.Instant;
import java.util.List;

/**
 * A correction or retraction of an earlier event, shown with that event: which stream version made it, when
 * it was recorded, why, on which sources, and the business date and status before and after.
 */
public record Amendment(
        Kind kind,
        long streamVersion,
        Instant recordedAt,
        String reason,
        List<Source> sources,
        BusinessDate dateBefore,
        FactStatus statusBefore,
        BusinessDate dateAfter,
        FactStatus statusAfter) {

    public enum Kind {
        CORRECTION,
        RETRACTION
    }

    public Amendment {
        sources = Lists.copy(sources);
    }
}
