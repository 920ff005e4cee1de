package io.tracker.system.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A HotSpot JVM's JIT counters, read from its performance data file ({@code /tmp/hsperfdata_<user>/<pid>}, written
 * by every HotSpot JVM unless started with {@code -XX:-UsePerfData}): the methods compiled so far and the time the
 * compiler threads spent on them. Read from the file, without attaching: a {@code /q/metrics} scrape would run code
 * in the service measured (at a phase's edge it made C2 code of shared methods not entrant, recompiled in the next
 * phase: docs/BENCHMARKS.md, twenty-fourth session) and {@code jcmd} starts a JVM of its own.
 * <p>
 * The file's layout (HotSpot's {@code perfMemory.hpp}, version 2): a 32-byte prologue (magic {@code 0xcafec0c0},
 * byte order, versions, then the entries' offset at 24 and their number at 28), then entries of: length, name
 * offset, vector length (0 for a scalar), type ({@code 'J'} a long), flags, units, variability, data offset; the
 * name NUL-terminated.
 */
final class JitCounters {
    static final String COMPILES = "sun.ci.totalCompiles";
    static final String STANDARD_TIME = "sun.ci.standardTime";
    static final String OSR_TIME = "sun.ci.osrTime";
    static final String FREQUENCY = "sun.os.hrt.frequency";
    private static final int MAGIC = 0xcafec0c0;

    /** The JVM {@code pid}'s methods compiled (all tiers, OSR included) and compiler threads' time since it started. */
    record Reading(long pid, long compiles, double compileSeconds) {
        /** What a phase added: this reading minus {@code before} (of the same JVM). */
        Reading minus(Reading before) {
            return new Reading(pid, compiles - before.compiles, compileSeconds - before.compileSeconds);
        }

        /** As results.json has it: {@code compiles}, {@code compileSeconds} (to the millisecond). */
        Map<String, Object> figures() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("compiles", compiles);
            m.put("compileSeconds", Math.round(compileSeconds * 1000) / 1000.0);
            return m;
        }
    }

    private JitCounters() {}

    /** The JVM {@code pid}'s counters; empty when it has no perf data file (gone, or without UsePerfData). */
    static Optional<Reading> read(long pid) {
        // HotSpot writes it under /tmp whatever java.io.tmpdir says (os::get_temp_directory on Linux)
        Path file = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), Long.toString(pid));
        try {
            return reading(pid, longCounters(ByteBuffer.wrap(Files.readAllBytes(file))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The reading from a file's long counters; empty when one of them is missing. */
    static Optional<Reading> reading(long pid, Map<String, Long> counters) {
        Long compiles = counters.get(COMPILES);
        Long standard = counters.get(STANDARD_TIME);
        Long osr = counters.get(OSR_TIME);
        Long frequency = counters.get(FREQUENCY);
        if (compiles == null || standard == null || osr == null || frequency == null || frequency <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Reading(pid, compiles, (standard + osr) / (double) frequency));
    }

    /** Every scalar long counter of a perf data file, by name. */
    static Map<String, Long> longCounters(ByteBuffer file) {
        if (file.order(ByteOrder.BIG_ENDIAN).getInt(0) != MAGIC) {
            throw new IllegalArgumentException("not a HotSpot perf data file");
        }
        file.order(file.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int at = file.getInt(24);
        int entries = file.getInt(28);
        Map<String, Long> counters = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            int length = file.getInt(at);
            if (length <= 0) {
                break; // an entry being written: what follows is not there yet
            }
            int nameOffset = file.getInt(at + 4);
            int vectorLength = file.getInt(at + 8);
            byte type = file.get(at + 12);
            int dataOffset = file.getInt(at + 16);
            if (vectorLength == 0 && type == 'J') {
                counters.put(name(file, at + nameOffset), file.getLong(at + dataOffset));
            }
            at += length;
        }
        return counters;
    }

    private static String name(ByteBuffer file, int from) {
        int end = from;
        while (file.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - from];
        file.get(from, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
