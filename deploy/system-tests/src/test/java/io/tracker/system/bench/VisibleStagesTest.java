package io.tracker.system.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The arithmetic of command → visible by stage (no system: {@link VisibleStages#measure} needs the real one). */
class VisibleStagesTest {

    @Test
    void theStagesAreTheGapsBetweenTheMomentsAndAddUpToTheWhole() {
        VisibleStages.Moments m = new VisibleStages.Moments(1_000_000, 1_004_000, 1_010_000, 1_025_000);
        assertArrayEquals(new long[] {4_000, 6_000, 15_000}, m.stages());
        long sum = 0;
        for (long s : m.stages()) {
            sum += s;
        }
        assertEquals(m.applied() - m.due(), sum);
        long[] noRecord = new VisibleStages.Moments(1_000_000, 1_004_000, 0, 1_025_000).stages();
        assertEquals(4_000, noRecord[0]);
        assertEquals(Long.MIN_VALUE, noRecord[1], "published unknown without the record");
        assertEquals(Long.MIN_VALUE, noRecord[2], "projection commit unknown without the record");
    }

    @Test
    void percentilesByStageWithMissingAndNegativeCountedApart() {
        VisibleStages s = new VisibleStages(2);
        for (int i = 1; i <= 100; i++) {
            // command commit i ms, published 1 ms later, projection commit 10 ms after that
            long due = 1_000_000_000L + i * 10_000L;
            s.record(
                    i <= 50 ? 0 : 1,
                    new VisibleStages.Moments(due, due + i * 1000, due + i * 1000 + 1000, due + i * 1000 + 11_000));
        }
        // the record's timestamp floored to the millisecond before the commit: counted, recorded as (about) 0
        s.record(-1, new VisibleStages.Moments(5_000_000, 5_000_700, 5_000_000, 5_010_000));
        s.record(0, new VisibleStages.Moments(6_000_000, 0, 6_002_000, 6_012_000));
        assertEquals(101, s.stage("commandCommit").getTotalCount());
        assertEquals(101, s.stage("published").getTotalCount());
        assertEquals(102, s.stage("projectionCommit").getTotalCount());
        assertEquals(1.0, s.stage("published").getValueAtPercentile(50) / 1000.0, 0.01);
        assertEquals(10.0, s.stage("projectionCommit").getValueAtPercentile(50) / 1000.0, 0.01);
        assertEquals(99.0, s.stage("commandCommit").getValueAtPercentile(99) / 1000.0, 0.1);
        Map<String, Object> json = s.json();
        assertEquals(Map.of("commandCommit", 1L, "published", 1L, "projectionCommit", 0L), json.get("missing"));
        assertEquals(Map.of("commandCommit", 0L, "published", 1L, "projectionCommit", 0L), json.get("negative"));
        assertEquals(101L, ((Map<?, ?>) json.get("commandCommit")).get("count"));
        // by window: the first 50 commands (1..50 ms to commit) and the next 50 (51..100 ms)
        Spread commit = s.p99ByWindow().get("commandCommit");
        assertEquals(2, commit.n());
        assertEquals(50.0, commit.min(), 0.1);
        assertEquals(100.0, commit.max(), 0.1);
        List<String> row = s.row("x");
        assertEquals(List.of("x", "101"), row.subList(0, 2));
        assertEquals("1.00 / 1.00 / 1.00", row.get(3), "published p50 / p99 / max");
        assertEquals("10.01 / 10.01 / 10.01", row.get(4), "10 ms in HdrHistogram's 3 digits");
    }

    @Test
    void aRecordsTimestampIsFoundByItsOffsetWithinItsPartitionsRange() {
        // partition 1 of the topic read from offset 40: timestamps of 40, 41, 42
        Map<TopicPartition, long[]> times = Map.of(new TopicPartition("t", 1), new long[] {40, 7_000, 7_001, 0});
        assertEquals(7_000, VisibleStages.timestamp(times, new VisibleStages.Applied(1, "t", 1, 40)));
        assertEquals(7_001, VisibleStages.timestamp(times, new VisibleStages.Applied(1, "t", 1, 41)));
        assertEquals(0, VisibleStages.timestamp(times, new VisibleStages.Applied(1, "t", 1, 42)), "not read");
        assertEquals(0, VisibleStages.timestamp(times, new VisibleStages.Applied(1, "t", 1, 39)));
        assertEquals(0, VisibleStages.timestamp(times, new VisibleStages.Applied(1, "t", 1, 43)));
        assertEquals(0, VisibleStages.timestamp(times, new VisibleStages.Applied(1, "t", 2, 40)), "other partition");
    }

    @Test
    void theHeadlineHasEachStagesMedianWindowP99ByRateAndNullWhereNotMeasured() {
        TopLevel t = new TopLevel();
        t.rates.put("100", figures(Map.of("commandCommit", Spread.of(List.of(3.0, 5.0, 4.0)))));
        t.rates.put("300", figures(Map.of()));
        Map<String, Object> json = t.build();
        Map<?, ?> byRate = (Map<?, ?>) json.get("visible_stage_p99_ms");
        assertEquals(Map.of("commandCommit", 4.0), byRate.get("100"));
        assertNull(byRate.get("300"), "stages not measured");
        assertNull(byRate.get("1000"), "rate not run");
        assertTrue(
                ResultsSchema.problems(json).isEmpty(),
                ResultsSchema.problems(json).toString());
        json.remove("visible_stage_p99_ms");
        assertTrue(ResultsSchema.problems(json).contains("missing key visible_stage_p99_ms"));
    }

    private static PhaseFigures figures(Map<String, Spread> stages) {
        return new PhaseFigures(
                "rate",
                true,
                Spread.of(List.of(100.0)),
                Spread.of(List.of(10.0)),
                Spread.of(List.of(20.0)),
                Spread.NONE,
                Spread.NONE,
                stages,
                Spread.of(List.of(4.0)),
                Map.of("total", 4.0),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of());
    }
}
