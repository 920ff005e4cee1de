package io.tracker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The repository's JVM options run the JIT's threads at a lower priority than the service's own (service-jvm.options
 * says why): a JVM started with them, on the test's JDK, has its compiler threads at nice 10 and its main thread at
 * the nice it was started with, read from /proc.
 */
class ServiceJvmPriorityTest {
    /** A JVM that waits to be looked at. */
    public static final class Idle {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("started");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    void theCompilerThreadsRunBelowTheServicesThreads() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ServiceJvm.options(Path.of("../..").toAbsolutePath().normalize()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Idle.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            // for a user other than root the JVM first warns that ThreadPriorityPolicy=1 may need permission
            List<String> output = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                for (String line = out.readLine(); line != null && !line.equals("started"); line = out.readLine()) {
                    output.add(line);
                }
            }
            assertTrue(p.isAlive(), "the JVM did not start with the options " + cmd + ": " + output);
            Map<String, Integer> nice = niceByThread(p.pid());
            int own = niceOf(Path.of("/proc/self/stat"));
            assertTrue(nice.containsKey("C1 CompilerThre") && nice.containsKey("C2 CompilerThre"), nice.toString());
            assertEquals(own + 10, nice.get("C1 CompilerThre"), nice.toString());
            assertEquals(own + 10, nice.get("C2 CompilerThre"), nice.toString());
            assertEquals(own, nice.get("main"), "the main thread keeps its priority: " + nice);
            assertFalse(
                    nice.entrySet().stream()
                            .anyMatch(e -> !e.getKey().contains("Compiler")
                                    && !e.getKey().startsWith("Sweeper")
                                    && e.getValue() > own),
                    "only the JIT's threads are lowered: " + nice);
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Each thread's nice value by its name ({@code comm}; the main thread is "main" once Java names it). */
    private static Map<String, Integer> niceByThread(long pid) throws IOException {
        Map<String, Integer> nice = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    nice.put(name.equals("java") ? "main" : name, niceOf(task.resolve("stat")));
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return nice;
    }

    /** The nice value of a /proc stat line: field 19, the 17th after the command's closing parenthesis. */
    private static int niceOf(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
