package io.tracker.system.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The JIT counters a phase reports, read from a JVM's perf data file without attaching to it. */
class JitCountersTest {

    @Test
    void thisJvmsCountersAgreeWithItsCompilationBean() throws Exception {
        long pid = ProcessHandle.current().pid();
        JitCounters.Reading before = JitCounters.read(pid).orElseThrow(() -> new AssertionError("no perf data"));
        long beanMillisBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        // something for the JIT to compile (a hot loop: an OSR compilation at least), until a compilation ends: the
        // counter counts finished ones, and on a busy machine the compiler's queue may take a while
        long sum = 0;
        JitCounters.Reading after = before;
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int round = 0; after.compiles() == before.compiles() && System.nanoTime() < deadline; round++) {
            for (int i = 0; i < 200_000; i++) {
                sum += Integer.toString(i + round).hashCode() % 7;
            }
            Thread.sleep(50); // the file is the JVM's shared memory: it says what the counters hold now
            after = JitCounters.read(pid).orElseThrow();
        }
        Thread.sleep(100); // any compilation ending as the file was read has updated every counter by now
        long beanMillisAfter = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        assertTrue(before.compiles() > 0, "a running JVM has compiled methods: " + before);
        assertTrue(after.compiles() > before.compiles(), before + " then " + after + " (" + sum + ")");
        // the same compiler time as the JVM's compilation bean (whole milliseconds), read before and after the file
        double fileMillis = after.compileSeconds() * 1000;
        assertTrue(
                beanMillisBefore <= fileMillis + 1 && fileMillis <= beanMillisAfter + 1,
                "the bean's " + beanMillisBefore + " ms <= the file's " + fileMillis + " ms <= the bean's "
                        + beanMillisAfter + " ms");
        JitCounters.Reading phase = after.minus(before);
        assertEquals(after.compiles() - before.compiles(), phase.compiles());
        assertTrue(phase.compileSeconds() >= 0, phase.toString());
    }

    @Test
    void aPhaseCountsWhatEachServiceCompiledDuringIt() {
        Map<String, JitCounters.Reading> before = Map.of(
                "negotiation-service", new JitCounters.Reading(11, 15_000, 120.0),
                "projection-service", new JitCounters.Reading(13, 16_000, 150.0),
                "investment-service", new JitCounters.Reading(12, 14_000, 100.0));
        Map<String, JitCounters.Reading> after = new LinkedHashMap<>();
        after.put("negotiation-service", new JitCounters.Reading(11, 15_080, 120.9054));
        after.put("projection-service", new JitCounters.Reading(13, 16_183, 151.562));
        after.put("investment-service", new JitCounters.Reading(42, 14_900, 160.0)); // restarted: another JVM
        Map<String, JitCounters.Reading> phase = PhaseCpu.jitDuring(before, after);
        assertEquals(java.util.Set.of("negotiation-service", "projection-service"), phase.keySet());
        assertEquals(
                Map.of("compiles", 80L, "compileSeconds", 0.905),
                phase.get("negotiation-service").figures());
        assertEquals(183L, phase.get("projection-service").compiles());
        assertTrue(PhaseCpu.jitDuring(Map.of(), after).isEmpty(), "no reading before: nothing to count");
    }

    @Test
    void aProcessWithoutPerfDataHasNoReading() {
        assertTrue(JitCounters.read(Long.MAX_VALUE).isEmpty());
    }

    @Test
    void theFileIsReadInTheByteOrderItNames() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put(JitCounters.COMPILES, 1234L);
        counters.put(JitCounters.STANDARD_TIME, 3_000_000L);
        counters.put(JitCounters.OSR_TIME, 1_000_000L);
        counters.put(JitCounters.FREQUENCY, 1_000_000_000L);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer file = perfData(counters, order);
            assertEquals(counters, JitCounters.longCounters(file));
            JitCounters.Reading r =
                    JitCounters.reading(7, JitCounters.longCounters(file)).orElseThrow();
            assertEquals(1234L, r.compiles());
            assertEquals(0.004, r.compileSeconds(), 1e-12);
        }
        counters.remove(JitCounters.OSR_TIME);
        assertTrue(JitCounters.reading(7, counters).isEmpty(), "a counter missing: no reading");
        ByteBuffer notPerfData = ByteBuffer.allocate(64);
        assertThrows(IllegalArgumentException.class, () -> JitCounters.longCounters(notPerfData));
    }

    /** A perf data file (version 2 layout) holding {@code counters} as scalar longs, and one vector entry. */
    private static ByteBuffer perfData(Map<String, Long> counters, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(4096);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0, 0xcafec0c0);
        b.put(4, (byte) (order == ByteOrder.BIG_ENDIAN ? 0 : 1));
        b.put(5, (byte) 2);
        b.order(order);
        int at = 32;
        int entries = 0;
        // a vector (a string counter) first: skipped by its vector length
        at = entry(b, at, "sun.ci.lastMethod", 'B', 16, 0L);
        entries++;
        for (Map.Entry<String, Long> c : counters.entrySet()) {
            at = entry(b, at, c.getKey(), 'J', 0, c.getValue());
            entries++;
        }
        b.putInt(24, 32);
        b.putInt(28, entries);
        return b;
    }

    private static int entry(ByteBuffer b, int at, String name, char type, int vectorLength, long value) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        int nameOffset = 20;
        int dataOffset = (nameOffset + n.length + 1 + 7) / 8 * 8;
        int length = dataOffset + Math.max(8, vectorLength);
        b.putInt(at, length);
        b.putInt(at + 4, nameOffset);
        b.putInt(at + 8, vectorLength);
        b.put(at + 12, (byte) type);
        b.putInt(at + 16, dataOffset);
        b.put(at + nameOffset, n);
        b.put(at + nameOffset + n.length, (byte) 0);
        if (vectorLength == 0) {
            b.putLong(at + dataOffset, value);
        }
        return at + length;
    }
}
