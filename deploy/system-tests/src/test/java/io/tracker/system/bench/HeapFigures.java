package io.tracker.system.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tracker.system.Ledger;

/**
 * What a service's heap holds at a moment, from its {@code /q/metrics}: the heap used and committed (every pool of
 * area "heap"), and the bytes of its bounded in-memory structures ({@code tracker_command_kept_bytes}: the command
 * services' kept decision states, plus {@code tracker_shared_values_bytes}: the values they share; {@code tracker_status_cache_bytes}: the projection's kept statuses and their histories). Next to the
 * RSS it says whether a service's memory is its heap at the cap (and of that, its kept states) or something else;
 * {@code streamReads} (a command service's {@code tracker_command_stream_reads_total} since its start: commands that
 * read their stream because no current state was kept, or to check a rejection) is what the kept states' bound costs.
 * {@code giveBacks} ({@code tracker_heap_give_backs_total}): the times heap-at-rest gave a grown heap back since the
 * start. A figure a service does not expose is null.
 */
record HeapFigures(Double heapUsedMb, Double heapCommittedMb, Double keptMb, Long streamReads, Long giveBacks) {
    static final String USED = "jvm_memory_used_bytes";
    static final String COMMITTED = "jvm_memory_committed_bytes";
    static final String HEAP = "area=\"heap\"";

    static HeapFigures of(String metrics) {
        double kept = Ledger.sample(metrics, "tracker_command_kept_bytes", null);
        if (Double.isNaN(kept)) {
            kept = Ledger.sample(metrics, "tracker_status_cache_bytes", null);
        }
        double shared = Ledger.sample(metrics, "tracker_shared_values_bytes", null);
        if (!Double.isNaN(shared)) {
            kept = Double.isNaN(kept) ? shared : kept + shared; // values the kept states share, counted once there
        }
        double reads = Ledger.sample(metrics, "tracker_command_stream_reads_total", null);
        double giveBacks = Ledger.sample(metrics, "tracker_heap_give_backs_total", null);
        return new HeapFigures(
                mb(Ledger.sample(metrics, USED, HEAP)),
                mb(Ledger.sample(metrics, COMMITTED, HEAP)),
                mb(kept),
                Double.isNaN(reads) ? null : Math.round(reads),
                Double.isNaN(giveBacks) ? null : Math.round(giveBacks));
    }

    private static Double mb(double bytes) {
        return Double.isNaN(bytes) ? null : Math.round(bytes / (1024 * 1024) * 10) / 10.0;
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heapUsedMb", heapUsedMb);
        m.put("heapCommittedMb", heapCommittedMb);
        m.put("keptMb", keptMb);
        m.put("streamReads", streamReads);
        m.put("giveBacks", giveBacks);
        return m;
    }
}
