package io.tracker.system.bench;

import static io.tracker.system.bench.BenchReport.count;
import static io.tracker.system.bench.BenchReport.percent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tracker.system.Ledger;

/**
 * Where the projection's live batches took the facts of the agreement summary rows they recomputed: from the
 * state folded with the row ({@code facts="state"}; builds before it: the decoded facts kept in memory,
 * {@code facts="kept"}), or read back from the store. Read from projection-service's {@code /q/metrics}
 * when a phase starts and ends: the counters' deltas say how often the kept facts sufficed under that load, the
 * gauge how many facts were kept at the end. A projection without these metrics (an older build) gives NaN,
 * reported as "–", rather than failing the run.
 */
final class ProjectionSummaries {
    static final String REFRESHED = "projection_summaries_refreshed_total";
    static final String KEPT_FACTS = "projection_kept_facts";
    static final List<String> HEADER =
            List.of("phase", "from kept facts", "from store", "kept share", "kept facts at end");

    private ProjectionSummaries() {}

    /** One reading of the projection's metrics; NaN where it does not expose one. */
    record Reading(double fromKept, double fromStore, double keptFacts) {
        static Reading of(String metrics) {
            // facts="state": the folded state stored with the row (since the incremental read model); "kept": the
            // kept facts of the builds before it. Either is "not read back from the store".
            double state = Ledger.sample(metrics, REFRESHED, "facts=\"state\"");
            return new Reading(
                    Double.isNaN(state) ? Ledger.sample(metrics, REFRESHED, "facts=\"kept\"") : state,
                    Ledger.sample(metrics, REFRESHED, "facts=\"store\""),
                    Ledger.sample(metrics, KEPT_FACTS, null));
        }
    }

    static Reading read(BenchSystem sys) {
        return Reading.of(sys.metrics("projection-service"));
    }

    /** A phase's figures: rows computed from kept facts and from the store during it, facts kept at its end. */
    record Phase(double fromKept, double fromStore, double keptFactsAtEnd) {
        static Phase between(Reading start, Reading end) {
            return new Phase(
                    delta(start.fromKept(), end.fromKept()),
                    delta(start.fromStore(), end.fromStore()),
                    end.keptFacts());
        }

        /** The share of rows computed from kept facts; NaN when unknown or when no row was recomputed. */
        double keptShare() {
            double all = fromKept + fromStore;
            return all > 0 ? fromKept / all : Double.NaN;
        }

        /** The progress.log line's text after "phase <name>: ". */
        String logText() {
            return "projection summaries from kept facts " + count(fromKept) + ", from the store " + count(fromStore)
                    + " (" + percent(keptShare()) + " kept), kept facts " + count(keptFactsAtEnd);
        }

        /** The row of results.md's table ({@link #HEADER}). */
        List<String> row(String phase) {
            return List.of(phase, count(fromKept), count(fromStore), percent(keptShare()), count(keptFactsAtEnd));
        }

        /** The phase's entry in results.json: whole numbers, null where unknown. */
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fromKeptFacts", whole(fromKept));
            m.put("fromStore", whole(fromStore));
            m.put("keptShare", Double.isNaN(keptShare()) ? null : keptShare());
            m.put("keptFactsAtEnd", whole(keptFactsAtEnd));
            return m;
        }
    }

    /** A counter's increase; NaN when either reading lacks it, or it went down (the projection restarted meanwhile). */
    private static double delta(double start, double end) {
        return Double.isNaN(start) || Double.isNaN(end) || end < start ? Double.NaN : end - start;
    }

    private static Long whole(double v) {
        return Double.isNaN(v) ? null : Math.round(v);
    }
}
