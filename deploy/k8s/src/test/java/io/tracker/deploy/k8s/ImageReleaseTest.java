package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The release path: prod names images by registry and immutable tag; deploy/images/check-images.sh really
 * builds the images with Jib (no Docker daemon), pushes them to a real local registry and checks their config.
 */
class ImageReleaseTest {

    /** version-commit, as deploy/release.sh tags: never latest, never a bare SNAPSHOT. */
    static final String IMMUTABLE_TAG = "\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?-[0-9a-f]{12}";

    @Test
    void prodRefersToARegistryAndAnImmutableTag() {
        Rendered prod = Kustomize.overlay("prod");
        for (String svc : Sys.SERVICE_NAMES) {
            String image = Y.str(Rendered.container(prod.get("Deployment", svc)), "image");
            String[] parts = image.split("/", 2);
            assertTrue(
                    parts.length == 2 && (parts[0].contains(".") || parts[0].contains(":")),
                    svc + ": the image names a registry host, not a local name: " + image);
            assertTrue(
                    image.matches(".+/negotiation-tracker/" + svc + ":" + IMMUTABLE_TAG),
                    svc + ": immutable tag: " + image);
        }
        assertEquals(
                1,
                Sys.SERVICE_NAMES.stream()
                        .map(svc -> Y.str(Rendered.container(prod.get("Deployment", svc)), "image")
                                .replaceAll(".*:", ""))
                        .distinct()
                        .count(),
                "the three services are released together, with one tag");
    }

    @Test
    void releaseBuildsAndPushesCheckedImagesWithoutADaemon() throws Exception {
        for (String tool : new String[] {"docker-registry", "skopeo"}) {
            Assumptions.assumeTrue(
                    onPath(tool),
                    "SKIPPED: " + tool + " is not installed (Debian: apt-get install docker-registry "
                            + "skopeo): the image build and push with Jib is not checked on this machine");
        }
        Assumptions.assumeFalse(
                "true".equals(System.getenv("SKIP_IMAGE_RELEASE_CHECK")), "SKIPPED: SKIP_IMAGE_RELEASE_CHECK=true");
        Path script = Kustomize.REPO_ROOT.resolve("deploy/images/check-images.sh");
        Path log = Kustomize.MODULE_DIR.resolve("target/check-images.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString())
                .directory(Kustomize.REPO_ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.remove("MAVEN_OPTS");
        Process p = pb.start();
        if (!p.waitFor(40, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("check-images.sh timed out; log: " + log);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Assumptions.assumeFalse(p.exitValue() == 3, "SKIPPED: " + out);
        assertEquals(0, p.exitValue(), "check-images.sh failed:\n" + out);
        assertTrue(out.contains("check-images.sh: OK"), out);
        for (String svc : Sys.SERVICE_NAMES) {
            assertTrue(
                    out.contains(svc + ": user 185, ports ['8080/tcp', '9000/tcp']"), svc + " image checked:\n" + out);
        }
    }

    private static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }
}
