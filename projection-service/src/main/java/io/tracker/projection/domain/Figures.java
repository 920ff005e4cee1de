package io.tracker.projection.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The indicators and claims of one agreement as of a question, folded from their events like the facts: only
 * events recorded by {@code knownAt} count (a later correction or retraction is not yet known); a correction
 * replaces the whole indicator (the latest by stream version stands), a retraction removes it. {@code asOf}
 * keeps indicators whose period had begun by that day and claims made by then (an undated claim counts from
 * when it was recorded). Claims are kept apart from the facts and from the indicators.
 */
public final class Figures {
    private Figures() {}

    /** One indicator as it stands; {@code correctedBy} the version of the correction in force, 0 if none. */
    public record IndicatorView(
            long version,
            String name,
            String value,
            String qualifier,
            String unit,
            String currency,
            BusinessDate period,
            String scope,
            List<SourceView> sources,
            long correctedBy,
            Instant recordedAt,
            Instant correctedAt,
            String correctionReason) {}

    /** A claim: what is claimed, by whom; never a fact and never a fact's support. */
    public record ClaimView(
            long version,
            String statement,
            SourceView attributedTo,
            BusinessDate madeOn,
            Instant recordedAt,
            boolean supportsFacts) {}

    /** A source as shown: {@code publisher} null when not stated, {@code publisherText} says so in words. */
    public record SourceView(
            String title, String publisher, String publisherText, LocalDate published, String url, String kind) {
        static SourceView of(CitedSource s) {
            return new SourceView(s.title(), s.publisher(), s.publisherText(), s.published(), s.url(), s.kind());
        }
    }

    public record Indicators(String agreementId, LocalDate asOf, Instant knownAt, List<IndicatorView> indicators) {}

    public record Claims(String agreementId, LocalDate asOf, Instant knownAt, List<ClaimView> claims) {}

    public static Indicators indicators(String agreementId, List<RecordedEvent> events, AsOf asOf) {
        Map<Long, IndicatorView> byVersion = new LinkedHashMap<>();
        for (RecordedEvent e : known(events, asOf)) {
            Figure f = (Figure) e.body();
            switch (e.type()) {
                case INDICATOR_RECORDED ->
                    byVersion.put(e.version(), view(e.version(), f.indicator(), 0, e.recordedAt(), null, null));
                case INDICATOR_CORRECTED ->
                    byVersion.computeIfPresent(
                            f.targetVersion(),
                            (v, old) ->
                                    view(v, f.indicator(), e.version(), old.recordedAt(), e.recordedAt(), f.reason()));
                case INDICATOR_RETRACTED -> byVersion.remove(f.targetVersion());
                default -> {}
            }
        }
        List<IndicatorView> shown = byVersion.values().stream()
                .filter(i -> asOf.happened(i.period()))
                .sorted(Comparator.comparing(IndicatorView::period, BusinessDate::compareTo)
                        .thenComparingLong(IndicatorView::version))
                .toList();
        return new Indicators(agreementId, asOf.businessDate(), asOf.knownAt(), shown);
    }

    public static Claims claims(String agreementId, List<RecordedEvent> events, AsOf asOf) {
        Map<Long, ClaimView> byVersion = new LinkedHashMap<>();
        for (RecordedEvent e : known(events, asOf)) {
            Figure f = (Figure) e.body();
            switch (e.type()) {
                case CLAIM_RECORDED ->
                    byVersion.put(
                            e.version(),
                            new ClaimView(
                                    e.version(),
                                    f.claim().statement(),
                                    SourceView.of(f.claim().source()),
                                    f.claim().madeOn(),
                                    e.recordedAt(),
                                    false));
                case CLAIM_RETRACTED -> byVersion.remove(f.targetVersion());
                default -> {}
            }
        }
        List<ClaimView> shown = new ArrayList<>();
        for (ClaimView c : byVersion.values()) {
            boolean made = c.madeOn() != null
                    ? asOf.happened(c.madeOn())
                    : asOf.businessDate() == null
                            || !c.recordedAt()
                                    .atZone(java.time.ZoneOffset.UTC)
                                    .toLocalDate()
                                    .isAfter(asOf.businessDate());
            if (made) {
                shown.add(c);
            }
        }
        return new Claims(agreementId, asOf.businessDate(), asOf.knownAt(), List.copyOf(shown));
    }

    private static List<RecordedEvent> known(List<RecordedEvent> events, AsOf asOf) {
        return events.stream()
                .filter(e ->
                        e.type().category() == EventType.Category.FIGURE && asOf.knows(e) && e.body() instanceof Figure)
                .sorted(Comparator.comparingLong(RecordedEvent::version))
                .toList();
    }

    private static IndicatorView view(
            long version,
            Figure.Indicator i,
            long correctedBy,
            Instant recordedAt,
            Instant correctedAt,
            String reason) {
        return new IndicatorView(
                version,
                i.name(),
                i.value().toPlainString(),
                i.qualifier(),
                i.unit(),
                i.currency(),
                i.period(),
                i.scope(),
                i.sources().stream().map(SourceView::of).toList(),
                correctedBy,
                recordedAt,
                correctedAt,
                reason);
    }
}
