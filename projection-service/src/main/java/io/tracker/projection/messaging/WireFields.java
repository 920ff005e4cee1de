package io.tracker.projection.messaging;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.FactStatus;
import io.tracker.projection.domain.IsoDate;
import io.tracker.projection.domain.Source;
import io.tracker.projection.messaging.wire.WireValues.BusinessDateJson;
import io.tracker.projection.messaging.wire.WireValues.SourceJson;

/**
 * The field readers the event decoders share: a business date, a fact status, a stream version, sources, a
 * required value. Each names the field it could not read in its exception (part of {@link EventDecoder}).
 */
final class WireFields {
    private WireFields() {}

    /**
     * A business date: the producer's interval when it gives one, else the interval its text stands for. The
     * text is required.
     */
    static BusinessDate date(BusinessDateJson d, String field) {
        required(d, field);
        String text = required(d.text(), field + ".text");
        if (d.earliest() != null && d.latest() != null) {
            String precision = d.precision() != null
                    ? d.precision()
                    : BusinessDate.parse(text).precision();
            return new BusinessDate(text, precision, IsoDate.parse(d.earliest()), IsoDate.parse(d.latest()));
        }
        return BusinessDate.parse(text);
    }

    static FactStatus status(String status, String field) {
        try {
            return FactStatus.valueOf(required(status, field));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": unknown fact status '" + status + "'", e);
        }
    }

    static long version(Long version, String field) {
        if (required(version, field) < 1) {
            throw new IllegalArgumentException(field + " must be a stream version (1 or more)");
        }
        return version;
    }

    static List<Source> sources(List<SourceJson> sources) {
        return map(
                sources,
                s -> new Source(
                        s.title(),
                        s.publisher(),
                        s.published() == null ? null : IsoDate.parse(s.published()),
                        s.url(),
                        s.kind() == null ? null : sourceKind(s.kind())));
    }

    private static Source.Kind sourceKind(String kind) {
        try {
            return Source.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sources: unknown source kind '" + kind + "'", e);
        }
    }

    static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    static <A, B> List<B> map(List<A> list, Function<A, B> f) {
        return list == null
                ? List.of()
                : list.stream().filter(Objects::nonNull).map(f).toList();
    }
}
