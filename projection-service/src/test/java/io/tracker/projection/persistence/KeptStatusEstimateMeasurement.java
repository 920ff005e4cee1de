package io.tracker.projection.persistence;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.tracker.projection.domain.AgreementStatus;

/**
 * Not a test: what estimating a kept status costs, run by hand with {@code -Dtracker.measure.estimates=N}. Two ways,
 * N estimates each of the same statuses (agreements of 5, 20 and 70 leaders' meetings of four new people each: 20,
 * 80 and 280 participants), in alternating rounds after a warm-up: <b>text</b> (the estimate as it was: two bytes per
 * character of the status's {@code toString()}) and <b>walk</b> ({@link KeptStatuses#estimate(AgreementStatus)}).
 * Prints the CPU time of this thread per estimate, and both estimates of each status.
 */
@EnabledIfSystemProperty(named = "tracker.measure.estimates", matches = "\\d+")
class KeptStatusEstimateMeasurement {

    @Test
    void measure() {
        int n = Integer.getInteger("tracker.measure.estimates");
        List<AgreementStatus> statuses = List.of(5, 20, 70).stream()
                .map(events -> KeptStatusesTest.folded(
                                "m-" + events, KeptStatusesTest.facts("m-" + events, events, 4, true))
                        .status())
                .toList();
        for (AgreementStatus s : statuses) {
            System.out.printf(
                    "status of %d participants, %d milestones: text %d bytes, walk %d bytes%n",
                    s.participants().size(),
                    s.milestonesReached().size() + s.milestonesPending().size(),
                    text(s),
                    KeptStatuses.estimate(s));
        }
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 6; round++) {
            for (String way : List.of("text", "walk")) {
                long cpu = bean.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    AgreementStatus s = statuses.get(i % statuses.size());
                    sink += way.equals("text") ? text(s) : KeptStatuses.estimate(s);
                }
                double micros = (bean.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
                System.out.printf(
                        "round %d%s %s: %.2f µs CPU per estimate%n", round, round < 2 ? " (warm-up)" : "", way, micros);
            }
        }
        System.out.println("(sum " + sink + ")");
    }

    /** The estimate before: two bytes per character of the status's text form. */
    private static long text(AgreementStatus status) {
        return 256 + 2L * status.toString().length();
    }
}
