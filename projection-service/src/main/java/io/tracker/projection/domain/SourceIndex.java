package io.tracker.projection.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which facts rest on which source, as of a question: every source cited by a fact (or by a correction or
 * retraction) of a negotiation or investment that had happened by then, with its kind and the facts citing it
 * (their standing included, so a retracted fact's source still shows what it was cited for).
 */
public final class SourceIndex {
    private SourceIndex() {}

    public enum Role {
        STATES,
        AMENDS
    }

    /** One fact resting on the source: {@code role} STATES for the fact itself, AMENDS for a correction or retraction of it. */
    public record Citation(
            String stream,
            String streamId,
            List<String> agreements,
            long streamVersion,
            String type,
            String label,
            BusinessDate date,
            EffectiveEvent.Standing standing,
            Role role,
            Long amendmentVersion) {
        public Citation {
            agreements = Lists.copy(agreements);
        }
    }

    public record CitedSource(Source source, List<Citation> facts) {
        public CitedSource {
            facts = Lists.copy(facts);
        }
    }

    /**
     * {@code agreementsOf}: the agreements each investment is linked to (as of the question); {@code kinds}
     * the source kinds kept (empty: all); {@code agreement} only facts of that agreement or of investments linked
     * to it (null: all).
     */
    public static List<CitedSource> of(
            Map<String, List<RecordedEvent>> negotiations,
            Map<String, List<RecordedEvent>> investments,
            Map<String, List<String>> agreementsOf,
            AsOf asOf,
            Set<Source.Kind> kinds,
            String agreement) {
        Map<Source, List<Citation>> bySource = new LinkedHashMap<>();
        negotiations.forEach((id, events) -> {
            if (agreement == null || agreement.equals(id)) {
                cite(bySource, "negotiation", id, List.of(id), events, asOf);
            }
        });
        investments.forEach((id, events) -> {
            List<String> linked = agreementsOf.getOrDefault(id, List.of());
            if (agreement == null || linked.contains(agreement)) {
                cite(bySource, "investment", id, linked, events, asOf);
            }
        });
        List<CitedSource> sources = new ArrayList<>();
        bySource.forEach((source, facts) -> {
            if (kinds.isEmpty() || kinds.contains(source.kind())) {
                sources.add(new CitedSource(source, facts));
            }
        });
        sources.sort(Comparator.comparing(
                        (CitedSource c) -> c.source().published(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(c -> String.valueOf(c.source().title())));
        return sources;
    }

    private static void cite(
            Map<Source, List<Citation>> bySource,
            String stream,
            String id,
            List<String> agreements,
            List<RecordedEvent> events,
            AsOf asOf) {
        for (EffectiveEvent e : StreamHistory.of(events, asOf).happened(asOf)) {
            Citation states = new Citation(
                    stream,
                    id,
                    agreements,
                    e.version(),
                    e.type().typeName(),
                    e.type().label(),
                    e.date(),
                    e.standing(),
                    Role.STATES,
                    null);
            for (Source s : e.current().sources()) {
                add(bySource, s, states);
            }
            for (Amendment a : e.amendments()) {
                Citation amends = new Citation(
                        stream,
                        id,
                        agreements,
                        e.version(),
                        e.type().typeName(),
                        e.type().label(),
                        e.date(),
                        e.standing(),
                        Role.AMENDS,
                        a.streamVersion());
                for (Source s : a.sources()) {
                    add(bySource, s, amends);
                }
            }
        }
    }

    private static void add(Map<Source, List<Citation>> bySource, Source s, Citation c) {
        if (s == null) {
            return;
        }
        List<Citation> facts = bySource.computeIfAbsent(s, k -> new ArrayList<>());
        if (!facts.contains(c)) {
            facts.add(c);
        }
    }
}
