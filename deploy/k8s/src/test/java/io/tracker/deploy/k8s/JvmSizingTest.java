package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pods' memory agrees with the JVM options the images run with (deploy/local/service-jvm.options, baked into
 * the entrypoint by deploy/release.sh): the limit holds the heap, metaspace and code cache at their caps plus the
 * rest of the native memory; the request holds what the benchmark measured after the load.
 */
class JvmSizingTest {
    /** Thread stacks, direct buffers, GC and JIT structures, malloc: measured 40-60 MB (docs/BENCHMARKS.md, "Runtime"). */
    static final long OTHER_NATIVE = 64L << 20;
    /** The RSS target of issue 21 after the load, which the benchmark checks. */
    static final long MEASURED_RSS = 300L << 20;

    @Test
    void theOptionsCapEveryPartOfTheJvmsMemory() throws IOException {
        List<String> options = options();
        for (String cap : List.of("-Xmx", "-XX:MaxMetaspaceSize=", "-XX:ReservedCodeCacheSize=")) {
            assertNotNull(value(options, cap), "service-jvm.options must set " + cap);
        }
        assertTrue(options.contains("-XX:+UseSerialGC"), "SerialGC, measured best on these heaps: " + options);
        assertTrue(options.contains("-XX:+ExitOnOutOfMemoryError"), "a JVM out of memory must exit: " + options);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void requestsAndLimitsMatchTheJvm(String overlay) throws IOException {
        List<String> options = options();
        long budget = bytes(value(options, "-Xmx"))
                + bytes(value(options, "-XX:MaxMetaspaceSize="))
                + bytes(value(options, "-XX:ReservedCodeCacheSize="))
                + OTHER_NATIVE;
        Rendered r = Kustomize.overlay(overlay);
        for (String svc : Sys.SERVICE_NAMES) {
            Map<String, Object> c = Rendered.container(r.get("Deployment", svc));
            String id = "[" + overlay + "] " + svc;
            double limit = Y.quantity(Y.str(c, "resources", "limits", "memory"));
            double request = Y.quantity(Y.str(c, "resources", "requests", "memory"));
            assertTrue(
                    limit >= budget,
                    id + ": memory limit " + limit + " below the JVM's budget " + budget
                            + " (heap + metaspace + code cache + other native)");
            assertTrue(
                    limit <= 2 * budget,
                    id + ": memory limit " + limit + " far above what the JVM can use (" + budget + ")");
            assertTrue(
                    request >= MEASURED_RSS,
                    id + ": memory request " + request + " below the measured RSS " + MEASURED_RSS);
        }
    }

    @Test
    void theReleaseBakesTheOptionsIntoTheImages() throws IOException {
        String release = Files.readString(Kustomize.REPO_ROOT.resolve("deploy/release.sh"));
        assertTrue(
                release.contains("deploy/local/service-jvm.options") && release.contains("quarkus.jib.jvm-arguments"),
                "release.sh must pass service-jvm.options to Jib");
    }

    static List<String> options() throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(Kustomize.REPO_ROOT.resolve("deploy/local/service-jvm.options"))) {
            String o = line.replaceAll("#.*", "").strip();
            if (!o.isEmpty()) {
                options.add(o);
            }
        }
        return options;
    }

    static String value(List<String> options, String prefix) {
        return options.stream()
                .filter(o -> o.startsWith(prefix))
                .map(o -> o.substring(prefix.length()))
                .findFirst()
                .orElse(null);
    }

    /** A JVM size (160m, 64M, 1g, bytes) in bytes. */
    static long bytes(String size) {
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        long n = Character.isDigit(unit) ? Long.parseLong(size) : Long.parseLong(size.substring(0, size.length() - 1));
        return switch (unit) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            default -> n;
        };
    }
}
