package io.tracker.system.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The benchmark's own arithmetic (part of the test suite; no timing in it): spreads, windows, costs, ratios. */
class BenchArithmeticTest {

    @Test
    void medianOfOddAndEvenCountsAndMinMax() {
        Spread odd = Spread.of(List.of(5.0, 1.0, 3.0));
        assertEquals(3.0, odd.median());
        assertEquals(1.0, odd.min());
        assertEquals(5.0, odd.max());
        assertEquals(3, odd.n());
        Spread even = Spread.of(List.of(4.0, 1.0, 3.0, 10.0));
        assertEquals(3.5, even.median());
        assertEquals("3.5 (1.0–10.0)", even.text(1));
    }

    @Test
    void windowsWithoutAFigureAreLeftOutAndNoneGivesNull() {
        Spread s = Spread.of(Arrays.asList(2.0, Double.NaN, 4.0, null));
        assertEquals(2, s.n());
        assertEquals(3.0, s.median());
        Spread none = Spread.of(List.of(Double.NaN));
        assertEquals(0, none.n());
        assertNull(none.json().get("median"));
        assertEquals("–", none.text(1));
    }

    @Test
    void nearestRankPercentiles() {
        List<Double> v = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertEquals(5.0, Spread.percentile(v, 50));
        assertEquals(10.0, Spread.percentile(v, 99));
        assertEquals(9.0, Spread.percentile(v, 90));
        assertEquals(1.0, Spread.percentile(v, 0));
        assertEquals(10.0, Spread.percentile(v, 100));
        assertTrue(Double.isNaN(Spread.percentile(List.of(), 50)));
    }

    @Test
    void aMomentBelongsToTheWindowItFallsInAndNoneOutside() {
        Windows w = new Windows(1_000, 100, 3);
        assertEquals(-1, w.index(999));
        assertEquals(0, w.index(1_000));
        assertEquals(0, w.index(1_099));
        assertEquals(1, w.index(1_100));
        assertEquals(2, w.index(1_299));
        assertEquals(-1, w.index(1_300));
        assertEquals(1_300, w.start(3));
        assertThrows(IllegalArgumentException.class, () -> new Windows(0, 100, 0));
    }

    @Test
    void cpuMillisecondsPerCommandFromCores() {
        Map<String, Double> cores = new LinkedHashMap<>();
        cores.put("postgres", 0.5);
        cores.put("kafka", 0.25);
        cores.put("load generator (this JVM)", 0.1);
        cores.put("other", 0.65);
        cores.put("machine", 1.5);
        Map<String, Double> ms = PhaseFigures.byProcess(cores, 250);
        assertEquals(2.0, ms.get("postgres"), 1e-9);
        assertEquals(0.4, ms.get("load-generator"), 1e-9);
        // total: the system's processes only, not what else ran on the machine
        assertEquals(3.4, ms.get("total"), 1e-9);
        assertEquals(6.0, ms.get("machine"), 1e-9);
        assertTrue(Double.isNaN(Costs.cpuMsPerCommand(cores, 0).get("postgres")));
        assertEquals(1.5, Costs.cores(450, 3.0), 1e-9);
    }

    @Test
    void postgresCpuByDatabaseKeepsTheBackgroundApart() {
        Map<String, Double> pg =
                Map.of("db negotiation", 0.2, "db projection", 0.1, "walwriter", 0.05, "checkpointer", 0.05);
        Map<String, Double> ms = PhaseFigures.byDatabase(pg, 100);
        assertEquals(2.0, ms.get("negotiation"), 1e-9);
        assertEquals(0.0, ms.get("investment"), 1e-9);
        assertEquals(1.0, ms.get("projection"), 1e-9);
        assertEquals(1.0, ms.get("background"), 1e-9);
    }

    @Test
    void walDeltasPerCommand() {
        Costs.Wal before = new Costs.Wal(100, 1, 10_000, 0, 50, 40);
        Costs.Wal after = new Costs.Wal(1_100, 3, 410_000, 2, 250, 240);
        Map<String, Object> m = after.minus(before).perCommand(200);
        assertEquals(2000.0, m.get("bytes_per_command"));
        assertEquals(1.0, m.get("flushes_per_command"));
        assertEquals(5.0, m.get("records_per_command"));
        assertEquals(400_000L, m.get("bytes"));
        assertNull(after.minus(before).perCommand(0).get("bytes_per_command"));
    }

    @Test
    void rowsWrittenPerCommandByDatabaseAndTotal() {
        Map<String, Costs.Rows> before =
                Map.of("negotiation", new Costs.Rows(10, 5, 0), "projection", new Costs.Rows(0, 0, 0));
        Map<String, Costs.Rows> after = new LinkedHashMap<>();
        after.put("negotiation", new Costs.Rows(210, 105, 100));
        after.put("projection", new Costs.Rows(100, 100, 0));
        Map<String, Double> m = Costs.rowsPerCommand(before, after, 100);
        assertEquals(4.0, m.get("negotiation"), 1e-9);
        assertEquals(2.0, m.get("projection"), 1e-9);
        assertEquals(6.0, m.get("total"), 1e-9);
    }

    @Test
    void ratiosAreUnknownRatherThanInfinite() {
        assertEquals(0.5, Costs.ratio(1, 2), 1e-9);
        assertTrue(Double.isNaN(Costs.ratio(1, 0)));
        assertTrue(Double.isNaN(Costs.ratio(Double.NaN, 2)));
        assertNull(Spread.num(Double.POSITIVE_INFINITY));
        assertEquals(0.3333, Spread.num(1.0 / 3));
    }

    @Test
    void anEmptyRunStillHasEveryKeyOfTheSchema() {
        Map<String, Object> json = new TopLevel().build();
        assertEquals(List.of(), ResultsSchema.problems(json));
        for (String k : ResultsSchema.REQUIRED) {
            assertTrue(json.containsKey(k), k);
        }
        assertNull(((Map<?, ?>) json.get("command_p99_ms")).get("1000"));
        assertTrue(((Map<?, ?>) json.get("cpu_ms_per_command")).containsKey("postgres"));
    }

    @Test
    void aRunWithFiguresFollowsTheSchemaAndAnUnsustainedRateIsNull() {
        TopLevel t = new TopLevel();
        t.saturation = figures("saturation", true, 700, 40);
        t.rates.put("100", figures("100", true, 100, 12));
        t.rates.put("300", figures("300", true, 300, 20));
        t.rates.put("1000", figures("1000", false, 650, 900));
        t.pgbench.put("batch100-c8", 35_000.0);
        t.pgbench.put("raw-c8", 3_500.0);
        t.pgbench.put("raw-c64", 7_000.0);
        BenchSystem.SERVICES.forEach(s -> {
            t.readyMs.put(s, 4000.0);
            t.rssMbAfterLoad.put(s, 400L);
        });
        Map<String, Object> json = t.build();
        assertEquals(List.of(), ResultsSchema.problems(json));
        assertEquals(700.0, json.get("saturation_commands_per_s"));
        assertEquals(12.0, ((Map<?, ?>) json.get("command_p99_ms")).get("100"));
        assertNull(((Map<?, ?>) json.get("command_p99_ms")).get("1000"));
        assertEquals(0.02, json.get("ratio_to_pgbench_batched"));
        assertEquals(0.1, json.get("ratio_to_pgbench_single"));
        assertEquals(4.0, ((Map<?, ?>) json.get("cpu_ms_per_command")).get("total"));
        // cores at rest and at 100 commands/s, both in the results: 4 ms per command at 100/s is 0.4 cores
        assertTrue(json.containsKey("idle_cores"));
        assertNull(json.get("idle_cores_settled"), "no settled idle window measured");
        assertNull(json.get("rss_mb_after_load_settled"), "no settled reading after the load");
        BenchSystem.SERVICES.forEach(s -> t.rssMbAfterLoadSettled.put(s, 250L));
        assertEquals(250L, ((Map<?, ?>) t.build().get("rss_mb_after_load_settled")).get(BenchSystem.SERVICES.get(0)));
        t.idleCoresSettled.put("kafka", 0.01);
        assertEquals(0.01, ((Map<?, ?>) t.build().get("idle_cores_settled")).get("kafka"));
        assertEquals(0.4, ((Map<?, ?>) ((Map<?, ?>) json.get("cores_by_rate")).get("100")).get("total"));
        assertEquals(0.1, ((Map<?, ?>) ((Map<?, ?>) json.get("cores_by_rate")).get("100")).get("postgres"));
        assertNull(((Map<?, ?>) json.get("cores_by_rate")).get("1000"));
    }

    @Test
    void theSchemaCheckNamesWhatIsMissing() {
        Map<String, Object> json = new TopLevel().build();
        json.remove("visible_p99_ms");
        ((Map<?, ?>) json.get("command_p99_ms")).remove("300");
        List<String> problems = ResultsSchema.problems(json);
        assertTrue(problems.contains("missing key visible_p99_ms"), problems.toString());
        assertTrue(problems.contains("command_p99_ms has no rate 300"), problems.toString());
    }

    @Test
    void compareShowsBothFiguresAndTheirRatio() {
        String a =
                "{\"commit\": \"abc\", \"saturation_commands_per_s\": 500, \"command_p99_ms\": {\"100\": 20.0, \"1000\": null},"
                        + " \"detail\": {\"ignored\": 1}, \"machine\": {\"cpu\": \"Xeon \\\"2\\\"\"}}";
        String b =
                "{\"commit\": \"def\", \"saturation_commands_per_s\": 750, \"command_p99_ms\": {\"100\": 10.0, \"1000\": 80.5},"
                        + " \"detail\": {\"ignored\": 2}, \"machine\": {\"cpu\": \"Xeon \\\"2\\\"\"}}";
        String out = Compare.compare(a, b, "a.json", "b.json");
        List<String> lines = out.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("saturation_commands_per_s\\s+500\\s+750\\s+1\\.50×")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("command_p99_ms\\.100\\s+20\\s+10\\s+0\\.50×")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("command_p99_ms\\.1000\\s+null\\s+80\\.500\\s+–")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("commit\\s+abc\\s+def\\s+–")), out);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("machine.cpu") && l.contains("Xeon \"2\"")), out);
        assertTrue(lines.stream().noneMatch(l -> l.contains("ignored")), out);
        assertEquals("abcdefghi…", Compare.cut("abcdefghijklmnop", 10));
        assertEquals("short", Compare.cut("short", 10));
    }

    @Test
    void compareReadsWhatTheBenchmarkWrites() throws Exception {
        TopLevel t = new TopLevel();
        t.saturation = figures("saturation", true, 700, 40);
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(t.build());
        Map<String, Object> flat = Compare.flatten(Compare.parse(json));
        assertEquals(700.0, flat.get("saturation_commands_per_s"));
        assertEquals(710.0, flat.get("saturation_commands_per_s_spread.max"));
        assertTrue(Compare.compare(json, json, "x", "x").contains("1.00×"));
    }

    private static PhaseFigures figures(String name, boolean sustained, double rate, double p99) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("postgres", 1.0);
        cpu.put("total", 4.0);
        return new PhaseFigures(
                name,
                sustained,
                Spread.of(List.of(rate, rate - 10, rate + 10)),
                Spread.of(List.of(p99)),
                Spread.of(List.of(p99 * 2)),
                Spread.NONE,
                Spread.NONE,
                Map.of("commandCommit", Spread.of(List.of(p99 / 2))),
                Spread.of(List.of(4.0)),
                cpu,
                Map.of("negotiation", 0.5),
                new Costs.Wal(0, 0, 1000, 0, 10, 10).perCommand(10),
                Map.of("total", 6.0),
                Map.of("200", 100L));
    }

    @Test
    void heapFiguresSumTheHeapPoolsAndReadTheKeptBytes() {
        String command = String.join(
                "\n",
                "# TYPE jvm_memory_used_bytes gauge",
                "jvm_memory_used_bytes{area=\"heap\",id=\"Eden Space\"} 1.048576E7",
                "jvm_memory_used_bytes{area=\"heap\",id=\"Tenured Gen\"} 5.24288E7",
                "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 7.0E7",
                "jvm_memory_committed_bytes{area=\"heap\",id=\"Eden Space\"} 4.194304E7",
                "jvm_memory_committed_bytes{area=\"heap\",id=\"Tenured Gen\"} 1.2582912E8",
                "tracker_command_kept_bytes{stream_type=\"investment\"} 5.0331648E7",
                "tracker_command_stream_reads_total{stream_type=\"investment\"} 1234.0");
        HeapFigures f = HeapFigures.of(command);
        assertEquals(60.0, f.heapUsedMb());
        assertEquals(160.0, f.heapCommittedMb());
        assertEquals(48.0, f.keptMb());
        assertEquals(1234L, f.streamReads());
        assertNull(f.giveBacks());
        assertEquals(2L, HeapFigures.of("tracker_heap_give_backs_total 2.0").giveBacks(), "heap-at-rest's rounds");
        assertEquals(4.0, HeapFigures.of("tracker_status_cache_bytes 4194304").keptMb(), "the projection's statuses");
        assertEquals(
                50.0,
                HeapFigures.of(command + "\ntracker_shared_values_bytes 2097152.0")
                        .keptMb(),
                "investment-service's shared values count with its kept states");
        HeapFigures none = HeapFigures.of("");
        assertNull(none.heapUsedMb());
        assertNull(none.json().get("keptMb"));
        assertNull(none.streamReads());
    }

    @Test
    void withoutReadersTheFixedRatesWatchNothing() {
        assertEquals(WarmUp.watchedShare(100), LoadPhases.fixedRateShare(true, 100));
        assertEquals(0.0, LoadPhases.fixedRateShare(false, 100));
        assertEquals(0.0, LoadPhases.fixedRateShare(false, 1000));
        String before = System.getProperty("bench.readers");
        try {
            System.clearProperty("bench.readers");
            BenchProfile withReaders = BenchProfile.fromSystemProperties();
            assertTrue(withReaders.readers(), "readers by default");
            System.setProperty("bench.readers", "false");
            BenchProfile without = BenchProfile.fromSystemProperties();
            assertFalse(without.readers());
            assertEquals(withReaders.rates(), without.rates(), "the rest as before");
            assertEquals(withReaders.watched(), without.watched(), "the watchers are still there, idle");
        } finally {
            if (before == null) {
                System.clearProperty("bench.readers");
            } else {
                System.setProperty("bench.readers", before);
            }
        }
    }

    @Test
    void theWarmUpsReadStageUsesThePhasesWatchedShare() {
        assertEquals(0.5, WarmUp.watchedShare(100), "half of the commands at 100/s");
        assertEquals(0.5, WarmUp.watchedShare(40 / 0.55 / 0.5), 1e-12, "the rate where the cap starts");
        assertEquals(40.0 / 165, WarmUp.watchedShare(300), 1e-12);
        assertEquals(40.0 / 550, WarmUp.watchedShare(1000), 1e-12);
        assertEquals(
                WarmUp.watchedShare(300) * 300,
                WarmUp.watchedShare(1000) * 1000,
                1e-9,
                "above the cap, the same watched commands a second at every rate");
    }

    @Test
    void aWarmUpStageEndsWhenItsJitSettlesAfterItsMinimumOrAtItsMaximum() {
        assertEquals(false, WarmUp.done(10, 0.05, 20, 60, 0.10), "settled, but before the minimum");
        assertEquals(true, WarmUp.done(20, 0.05, 20, 60, 0.10), "settled after the minimum");
        assertEquals(false, WarmUp.done(40, 0.10, 20, 60, 0.10), "not below the criterion");
        assertEquals(true, WarmUp.done(60, 0.80, 20, 60, 0.10), "the maximum, settled or not");
        assertEquals(true, WarmUp.done(10, 0.05, 0, 10, 0.10), "one round at least");
    }

    @Test
    void warmUpCoresAreTheThreadKindsTicksOverAllServicesPerSecond() {
        Map<String, Map<String, Long>> before = new LinkedHashMap<>();
        before.put("negotiation", Map.of("JIT", 100L, "event loops", 50L));
        before.put("projection", Map.of("JIT", 10L));
        Map<String, Map<String, Long>> after = new LinkedHashMap<>();
        after.put("negotiation", Map.of("JIT", 150L, "event loops", 250L));
        after.put("projection", Map.of("JIT", 40L, "event loops", 20L));
        after.put("investment", Map.of("JIT", 999L)); // started between the readings: not counted
        // 80 JIT ticks (1/100 s each) over 10 s
        assertEquals(0.08, WarmUp.cores(before, after, "JIT", 10), 1e-12);
        assertEquals(0.22, WarmUp.cores(before, after, "event loops", 10), 1e-12);
        assertTrue(Double.isNaN(WarmUp.cores(before, after, "JIT", 0)));
    }

    @Test
    void theKernelsShareIsItsPartOfEachComponentsTimeAndOfTheMachinesBusyTime() {
        CpuAccounting.Snapshot a = new CpuAccounting.Snapshot(
                0L,
                Map.of("negotiation", 100L, "idle", 7L),
                Map.of("negotiation", 40L, "idle", 2L),
                1000,
                5000,
                300,
                10_000);
        CpuAccounting.Snapshot b = new CpuAccounting.Snapshot(
                2_000_000_000L,
                Map.of("negotiation", 300L, "idle", 7L),
                Map.of("negotiation", 110L, "idle", 2L),
                1400,
                5400,
                400,
                10_900);
        Map<String, Double> share = CpuAccounting.kernelShare(a, b);
        assertEquals(0.35, share.get("negotiation"), 1e-12, "70 of its 200 ticks in the kernel");
        assertFalse(share.containsKey("idle"), "a component that used no time has no share");
        assertEquals(0.25, share.get("machine"), 1e-12, "100 kernel jiffies of 400 busy");
        assertEquals(450.0, CpuAccounting.contextSwitchesPerSecond(a, b), 1e-12, "900 over 2 s");
        Map<String, Object> kernel = PhaseCpu.kernel(a, b, 100);
        assertEquals(share, kernel.get("cpuShare"));
        assertEquals(4.5, (Double) kernel.get("contextSwitchesPerCommand"), 1e-12);
        assertNull(PhaseCpu.kernel(a, b, 0).get("contextSwitchesPerCommand"), "no command, no figure per command");
    }

    @Test
    void theMachinesContextSwitchesAndAProcesssKernelTimeAreReadFromProc() throws InterruptedException {
        CpuAccounting cpu = new CpuAccounting();
        cpu.addProcess("this JVM", () -> ProcessHandle.current().pid());
        CpuAccounting.Snapshot a = cpu.snapshot();
        for (int i = 0; i < 50; i++) {
            Thread.sleep(1); // each sleep leaves the CPU: at least one context switch
        }
        CpuAccounting.Snapshot b = cpu.snapshot();
        double seconds = (b.nanoTime() - a.nanoTime()) / 1e9;
        assertTrue(
                CpuAccounting.contextSwitchesPerSecond(a, b) * seconds >= 50,
                "switches " + a.contextSwitches() + " -> " + b.contextSwitches());
        assertTrue(b.systemTicks().get("this JVM") <= b.ticks().get("this JVM"), b.toString());
        assertTrue(b.machineKernel() <= b.machineBusy(), b.toString());
    }

    @Test
    void aBrokerThreadIsCountedByItsName() {
        // the names as /proc gives them: cut to 15 characters
        assertEquals("requests", ThreadTicks.brokerKind("data-plane-kafk"));
        assertEquals("group coordinator", ThreadTicks.brokerKind("group-coordinat"));
        assertEquals("controller", ThreadTicks.brokerKind("quorum-controll"));
        assertEquals("controller", ThreadTicks.brokerKind("kafka-1-raft-io"));
        assertEquals("JIT", ThreadTicks.brokerKind("C2 CompilerThre"));
        assertEquals("GC", ThreadTicks.brokerKind("G1 Conc#0"));
        assertEquals("GC", ThreadTicks.brokerKind("GC Thread#1"));
        assertEquals("other", ThreadTicks.brokerKind("metrics-meter-t"));
        assertEquals("kafka", ThreadTicks.kind("kafka-producer-"), "a client's thread in a service stays kafka");
    }

    @Test
    void aJvmsThreadsAreReadByKindFromProc() {
        Map<String, Long> ticks = ThreadTicks.broker(ProcessHandle.current().pid());
        assertEquals(
                List.of("requests", "group coordinator", "controller", "JIT", "GC", "other"),
                List.copyOf(ticks.keySet()));
        // this JVM has no broker threads, and has run (its main thread is "other")
        assertEquals(0L, ticks.get("requests"));
        assertTrue(ticks.get("other") > 0, ticks.toString());
    }

    @Test
    void coresByKindAreTheTicksBetweenTwoReadingsPerSecond() {
        Map<String, Long> before = new LinkedHashMap<>(Map.of("requests", 100L, "GC", 10L));
        Map<String, Long> after = new LinkedHashMap<>();
        after.put("requests", 167L);
        after.put("GC", 10L);
        after.put("JIT", 3L); // a kind first seen in the second reading counts from 0
        Map<String, Double> cores = ThreadTicks.coresByKind(before, after, 10);
        assertEquals(Map.of("requests", 0.067, "GC", 0.0, "JIT", 0.003), cores);
        assertEquals(List.of("requests", "GC", "JIT"), List.copyOf(cores.keySet()), "in the order read");
    }
}
