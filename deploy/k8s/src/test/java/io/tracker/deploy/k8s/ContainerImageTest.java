package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The services' src/main/docker/Dockerfile.jvm (Quarkus JVM image) and what the Deployments assume of it. */
class ContainerImageTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"negotiation-service", "investment-service", "projection-service"})
    void dockerfileJvmIsTheQuarkusLayout(String svc) throws IOException {
        Path file = Kustomize.REPO_ROOT.resolve(svc).resolve("src/main/docker/Dockerfile.jvm");
        assertTrue(Files.isRegularFile(file), file + " is missing");
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            if (!l.isBlank() && !l.trim().startsWith("#")) {
                lines.add(l.trim());
            }
        }
        String from = instruction(lines, "FROM", file);
        assertTrue(
                from.matches("registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime:[0-9.]+"),
                file + ": base image " + from
                        + " (ubi9 OpenJDK 17 runtime, pinned, as the build's maven.compiler.release 17)");
        for (String layer : List.of(
                "target/quarkus-app/lib/ /deployments/lib/",
                "target/quarkus-app/*.jar /deployments/",
                "target/quarkus-app/app/ /deployments/app/",
                "target/quarkus-app/quarkus/ /deployments/quarkus/")) {
            assertTrue(lines.contains("COPY --chown=185 " + layer), file + ": missing layer COPY --chown=185 " + layer);
        }
        String user = instruction(lines, "USER", file);
        String expose = instruction(lines, "EXPOSE", file);
        assertEquals("185", user, file + ": runs as user 185");
        assertTrue(
                lines.stream()
                        .anyMatch(l ->
                                l.startsWith("ENTRYPOINT") && l.contains("/opt/jboss/container/java/run/run-java.sh")),
                file + ": run-java.sh");
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.startsWith("ENV JAVA_APP_JAR=") && l.contains("/deployments/quarkus-run.jar")),
                file + ": JAVA_APP_JAR");

        for (String overlay : Kustomize.OVERLAYS) {
            Rendered r = Kustomize.overlay(overlay);
            Map<String, Object> d = r.get("Deployment", svc);
            Map<String, Object> c = Rendered.container(d);
            assertEquals(
                    expose,
                    RenderedOverlaysTest.containerPort(c, "http") + " "
                            + RenderedOverlaysTest.containerPort(c, "management"),
                    "[" + overlay + "] " + svc + ": EXPOSE vs the containerPorts http and management");
            assertEquals(
                    Long.valueOf(user),
                    Y.number(d, "spec", "template", "spec", "securityContext", "runAsUser"),
                    "[" + overlay + "] " + svc + ": runAsUser vs the image's USER");
            String image = Y.str(c, "image");
            assertTrue(
                    image.matches("(.+/)?negotiation-tracker/" + svc + ":[^:/]+"),
                    "[" + overlay + "] " + svc + ": image " + image);
        }
    }

    private static String instruction(List<String> lines, String name, Path file) {
        String found = null;
        for (String l : lines) {
            if (l.startsWith(name + " ")) {
                found = l.substring(name.length()).trim();
            }
        }
        if (found == null) {
            fail(file + ": no " + name);
        }
        return found;
    }
}
