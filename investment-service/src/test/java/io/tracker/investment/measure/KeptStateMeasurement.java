package io.tracker.investment.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;
import io.tracker.core.store.EncodedEvent;
import io.tracker.investment.application.BoundedSharedValues;
import io.tracker.investment.domain.Company;
import io.tracker.investment.domain.InvestmentDecider;
import io.tracker.investment.domain.InvestmentEvent;
import io.tracker.investment.domain.InvestmentEvent.InvestmentAnnounced;
import io.tracker.investment.domain.InvestmentEvent.InvestmentRevised;
import io.tracker.investment.domain.InvestmentState;
import io.tracker.investment.domain.Money;
import io.tracker.investment.domain.Sector;
import io.tracker.investment.domain.Site;
import io.tracker.investment.messaging.InvestmentEventCodec;

/**
 * Not a test: the heap the kept decision states of the benchmark's investments retain, run by hand with
 * {@code -Dtracker.measure.states=N}. N investments as bench.sh's {@code BenchWorkload} writes them (the
 * announcement and revisions with its values: one source, one investor, one site, 13,000 negotiations to link to),
 * each event passed through the codec first so that it has its own copies of every string, as a request or a
 * stream read gives them; folded with the service's decider and kept, as es-core's handler keeps them, in an
 * access-ordered map by stream id. For 0, 1, 3 and 10 revisions per investment it prints the retained bytes per
 * state (heap used after full GCs, with and without the states and their shared values) against what
 * {@code estimatedBytes} says; {@code -Dtracker.measure.states.shared=false} measures states that share nothing.
 */
@EnabledIfSystemProperty(named = "tracker.measure.states", matches = "\\d+")
class KeptStateMeasurement {
    private static final Source SOURCE = new Source(
            "Benchmark source: industrial cooperation update",
            "Benchmark Wire",
            LocalDate.parse("2025-11-02"),
            null,
            Source.Kind.NEWS);

    /** What es-core's StateCache keeps per stream (its Entry). */
    record Kept(long version, InvestmentState state, long weight, long snapshotVersion) {}

    /** -Dtracker.measure.states.shared=false: states that keep their own copies of every value (as before). */
    private static final boolean SHARING =
            Boolean.parseBoolean(System.getProperty("tracker.measure.states.shared", "true"));
    /** The service's default tracker.command.shared-values-bytes. */
    private static final long SHARED_BYTES = 4L << 20;

    private final InvestmentEventCodec codec = new InvestmentEventCodec();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @Test
    void measure() {
        int n = Integer.getInteger("tracker.measure.states");
        for (int round = 0; round < 2; round++) {
            for (int revisions : new int[] {0, 1, 3, 10}) {
                measure(n, revisions, round == 0 ? " (warm-up)" : "");
            }
        }
    }

    private void measure(int n, int revisions, String note) {
        long before = usedAfterGc();
        BoundedSharedValues shared = new BoundedSharedValues(SHARED_BYTES);
        InvestmentDecider decider = SHARING ? new InvestmentDecider(shared) : new InvestmentDecider();
        Map<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
        long estimated = 0;
        long seq = 1000;
        for (int i = 0; i < n; i++) {
            String id = "inv-bench-" + i;
            InvestmentState state = decider.evolve(decider.initialState(), fresh(announcement(id, ++seq)));
            for (int r = 0; r < revisions; r++) {
                state = decider.evolve(state, fresh(revision(id, ++seq)));
            }
            estimated += state.estimatedBytes();
            kept.put(new String(id.toCharArray()), new Kept(state.version(), state, state.estimatedBytes(), 0));
        }
        long after = usedAfterGc();
        System.out.printf(
                "MEASURE kept states%s: %d investments of 1 + %d events: retained %.0f bytes per kept state"
                        + " (%.1f MiB), estimatedBytes %.0f per state (%.1f MiB)%s%n",
                note,
                n,
                revisions,
                (after - before) / (double) n,
                (after - before) / 1048576.0,
                estimated / (double) n,
                estimated / 1048576.0,
                SHARING
                        ? String.format(
                                "; shared values (counted in the retained bytes): %d, %.0f KiB",
                                shared.size(), shared.bytes() / 1024.0)
                        : "; nothing shared");
        if (kept.size() != n) {
            throw new AssertionError("kept " + kept.size());
        }
    }

    /** The event as the codec reads it back: its own strings, dates and lists. */
    private InvestmentEvent fresh(InvestmentEvent e) {
        EncodedEvent wire = codec.encode(e);
        return codec.decode(wire.type(), wire.schemaVersion(), wire.json());
    }

    private static InvestmentAnnounced announcement(String id, long n) {
        return new InvestmentAnnounced(
                id,
                "Benchmark EV battery cell plant " + n,
                new Company("Benchmark Energy Solution", "KR"),
                List.of(),
                Sector.BATTERY_CELLS,
                new Site("Windsor", "CA-ON", "CA"),
                Money.of((1_000_000_000L + n) + ".00", "CAD"),
                (int) (n % 5000),
                List.of("neg-bench-" + (n % 13_000)),
                BusinessDate.parse("2025-11"),
                FactStatus.ANNOUNCED,
                List.of(SOURCE));
    }

    private static InvestmentRevised revision(String id, long n) {
        return new InvestmentRevised(
                id,
                Money.of((2_000_000_000L + n) + ".00", "CAD"),
                (int) (n % 1_000_000),
                BusinessDate.parse("2025-12"),
                FactStatus.ANNOUNCED,
                List.of(SOURCE));
    }

    private long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
