package io.tracker.system.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.Recording;

/** A phase's profile counts only what happened in the phase, though the dump holds whole chunks around it. */
class ProfilesTest {
    private static final Pattern GCS = Pattern.compile("GCs: (\\d+),");

    @Test
    void theSummaryLeavesOutTheEventsOutsideItsWindow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.jfr");
        Instant begin;
        Instant end;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.GarbageCollection");
            recording.start();
            System.gc();
            System.gc();
            Thread.sleep(50);
            begin = Instant.now();
            System.gc();
            end = Instant.now();
            Thread.sleep(50);
            System.gc();
            recording.stop();
            recording.dump(file);
        }
        assertTrue(Files.size(file) > 0);
        long all = gcs(Profiles.summarize(file, 5, Instant.MIN, Instant.MAX));
        long inWindow = gcs(Profiles.summarize(file, 5, begin, end));
        assertTrue(all >= 4, "every collection of the recording: " + all);
        assertTrue(inWindow >= 1, "the window's collection: " + inWindow);
        assertTrue(inWindow <= all - 3, "the three outside the window left out: " + inWindow + " of " + all);
    }

    private static long gcs(String summary) {
        Matcher m = GCS.matcher(summary);
        assertTrue(m.find(), summary);
        return Long.parseLong(m.group(1));
    }
}
