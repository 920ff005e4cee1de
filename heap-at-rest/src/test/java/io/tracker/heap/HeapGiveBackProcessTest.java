package io.tracker.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The give-back in a JVM started with the services' own options (deploy/local/service-jvm.options: SerialGC, 48-160
 * MB, free ratios 10-30 %), on the JDK running this test and on a JDK 25+ under /usr/lib/jvm when there is one
 * (where the problem showed: a load that ends without a full collection keeps its heap): nothing is collected while
 * the load allocates, and once it has stopped the grown heap goes back, to within 1.8 times what stays live (the
 * collection runs with the free ratios at rest, 0-10 %: the old generation at most 1/0.9 of its live set, the young
 * one half of that, 1.67 times; with the services' 10-30 % it would be 2.14 times), and the services' ratios are
 * back after it.
 */
class HeapGiveBackProcessTest {
    private static final long MB = 1 << 20;

    @Test
    void onTheTestsJdk() throws Exception {
        check(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    @Test
    void onJdk25() throws Exception {
        Path jdk25 = jdk25OrLater();
        Assumptions.assumeTrue(jdk25 != null, "no JDK 25+ under /usr/lib/jvm");
        check(jdk25);
    }

    private static void check(Path java) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(serviceOptions());
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"), // the test's, with this module's dependencies (its logger)
                RestingJvm.class.getName(),
                "2000"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the resting JVM ended");
        assertEquals(0, p.exitValue(), out);
        Map<String, String[]> lines = new HashMap<>();
        out.lines().map(l -> l.split(" ")).forEach(l -> lines.put(l[0], l));
        long floor = Long.parseLong(lines.get("floor")[1]);
        long loaded = Long.parseLong(lines.get("loaded")[1]);
        assertTrue(loaded - floor >= 40 * MB, "the load (96 MB held) grew the heap: " + out);
        assertEquals("0", lines.get("gave-back-under-load")[1], "nothing collected while allocating: " + out);
        String[] gave = lines.get("gave-back");
        assertTrue(gave != null, "the grown heap was given back once quiet: " + out);
        long before = Long.parseLong(gave[1]);
        long after = Long.parseLong(gave[2]);
        long usedAfter = Long.parseLong(gave[3]);
        assertTrue(usedAfter >= 32 * MB, "what stays live is still there: " + out);
        assertTrue(before - after >= 32 * MB, "the growth went back: " + out);
        assertTrue(after <= usedAfter * 1.8, "the heap at rest is sized tight around what stays live: " + out);
        String[] ratios = lines.get("ratios");
        assertEquals(serviceRatios(), List.of(ratios[1], ratios[2]), "the options file's free ratios back: " + out);
    }

    private static List<String> serviceRatios() throws IOException {
        Map<String, String> options = new HashMap<>();
        for (String o : serviceOptions()) {
            String[] kv = o.replaceFirst("^-XX:", "").split("=", 2);
            if (kv.length == 2) {
                options.put(kv[0], kv[1]);
            }
        }
        return List.of(options.get(HeapFreeRatios.MIN), options.get(HeapFreeRatios.MAX));
    }

    /** The services' JVM options, as the run command reads them. */
    private static List<String> serviceOptions() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("../deploy/local/service-jvm.options"))) {
            return lines.map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        }
    }

    private static Path jdk25OrLater() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> d.getFileName().toString().matches("(temurin-|java-|jdk-?)?(2[5-9]|[3-9][0-9]).*"))
                    .map(d -> d.resolve("bin/java"))
                    .filter(Files::isExecutable)
                    .sorted()
                    .findFirst()
                    .orElse(null);
        }
    }
}
