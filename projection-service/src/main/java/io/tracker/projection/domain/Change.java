package io.tracker.projection.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One thing learned at a recorded time: a fact (or change of status) ADDED, a fact CORRECTED or RETRACTED. For a
 * correction or retraction, {@code target*} name the fact it amends (its version, type and title or project) and
 * {@code reason} why; {@code date} is the business date the recorded event gives (after a correction: the new
 * one, when it gives one). {@code agreements}: the agreement itself, or the agreements an investment names.
 */
public record Change(
        Kind kind,
        String stream,
        String streamId,
        List<String> agreements,
        long streamVersion,
        UUID eventId,
        String type,
        String label,
        String title,
        BusinessDate date,
        FactStatus factStatus,
        Instant recordedAt,
        Long targetVersion,
        String targetType,
        String targetTitle,
        String reason,
        List<Source> sources) {

    public enum Kind {
        ADDED,
        CORRECTED,
        RETRACTED
    }

    public Change {
        agreements = Lists.copy(agreements);
        sources = Lists.copy(sources);
    }

    /** {@code target}: the amended event (null when not an amendment, or when not known). */
    public static Change of(RecordedEvent e, RecordedEvent target, List<String> agreements) {
        EventBody body = e.body();
        Kind kind = e.type().category() == EventType.Category.CORRECTION
                ? Kind.CORRECTED
                : e.type().category() == EventType.Category.RETRACTION ? Kind.RETRACTED : Kind.ADDED;
        String reason = null;
        if (body instanceof NegotiationCorrection c) {
            reason = c.reason();
        } else if (body instanceof InvestmentCorrection c) {
            reason = c.reason();
        } else if (body instanceof Retraction r) {
            reason = r.reason();
        } else if (body instanceof StatusChange s) {
            reason = s.reason();
        }
        return new Change(
                kind,
                e.stream() == StreamKind.NEGOTIATION ? "negotiation" : "investment",
                e.streamId(),
                agreements,
                e.version(),
                e.eventId(),
                e.type().typeName(),
                e.type().label(),
                title(body),
                body.date(),
                body.status(),
                e.recordedAt(),
                kind == Kind.ADDED ? null : e.targetVersion(),
                target == null ? null : target.type().typeName(),
                target == null ? null : title(target.body()),
                reason,
                body.sources());
    }

    private static String title(EventBody body) {
        if (body instanceof NegotiationFact f) {
            return f.title() != null ? f.title() : f.description();
        }
        if (body instanceof InvestmentFact f && f.terms() != null) {
            return f.terms().project();
        }
        return null;
    }
}
