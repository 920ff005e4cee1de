package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The release path: prod names images by registry and immutable tag; deploy/images/check-images.sh really
 * builds the images with Jib (no Docker daemon), gives each its JDK's start-up cache (startup-cache.sh: recorded
 * by a training start of the image's own files against a real Kafka and PostgreSQL), pushes them to a real local
 * registry and checks their config.
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
        // the base from Debian's JRE 17: the images carry an AppCDS archive
        String out = checkImages(null, "check-images.log");
        assertCarriesItsStartupCache(out, "AppCDS archive \\(JDK 17[^)]*\\)", "-XX:SharedArchiveFile=");
    }

    @Test
    void onAJdk25BaseTheImagesCarryItsAotCache() throws Exception {
        // the same release on a base made from a JDK 25+ installed under /usr/lib/jvm (these machines: Temurin 25)
        Path jdk = jdk25OrNewer();
        Assumptions.assumeTrue(
                jdk != null, "SKIPPED: no JDK 25 or newer under /usr/lib/jvm: the AOT path is not checked");
        String out = checkImages(jdk, "check-images-jdk25.log");
        assertCarriesItsStartupCache(out, "AOT cache \\(JDK 2[5-9][^)]*\\)", "-XX:AOTCache=");
    }

    /** Runs deploy/images/check-images.sh (on the base JDK given, or Debian's JRE 17) and returns its log. */
    private static String checkImages(Path baseJdk, String logName) throws Exception {
        for (String tool : new String[] {"docker-registry", "skopeo"}) {
            Assumptions.assumeTrue(
                    onPath(tool),
                    "SKIPPED: " + tool + " is not installed (Debian: apt-get install docker-registry "
                            + "skopeo): the image build and push with Jib is not checked on this machine");
        }
        Assumptions.assumeFalse(
                "true".equals(System.getenv("SKIP_IMAGE_RELEASE_CHECK")), "SKIPPED: SKIP_IMAGE_RELEASE_CHECK=true");
        Path script = Kustomize.REPO_ROOT.resolve("deploy/images/check-images.sh");
        Path log = Kustomize.MODULE_DIR.resolve("target/" + logName);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString())
                .directory(Kustomize.REPO_ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.remove("MAVEN_OPTS");
        if (baseJdk != null) {
            env.put("CHECK_IMAGES_BASE_JDK", baseJdk.toString());
        }
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
        return out;
    }

    /**
     * Each image: its cache recorded by a training start of the image's own files, then a start without it and one
     * with it (the JVM refusing a cache it cannot use); the final image's entrypoint uses it first.
     */
    private static void assertCarriesItsStartupCache(String out, String kind, String option) {
        Assumptions.assumeFalse(
                out.contains("check-images.sh: not root"),
                "SKIPPED (the images' start-up cache): not root, the image's java cannot be started in a chroot");
        for (String svc : Sys.SERVICE_NAMES) {
            assertTrue(
                    Pattern.compile("(?m)^" + svc + ": " + kind + " at /\\S+ \\(\\d+ MB\\);"
                                    + " ready after \\d+ ms without it, \\d+ ms with it; pushed ")
                            .matcher(out)
                            .find(),
                    svc + ": the image carries its JDK's start-up cache, used by a start:\n" + out);
            assertTrue(
                    out.contains(svc + ": user 185, ports ['8080/tcp', '9000/tcp'], entrypoint java " + option),
                    svc + ": the entrypoint uses the cache first:\n" + out);
        }
        assertTrue(
                out.contains(
                        "projection-service: java starts in the image as user 185 with its start-up cache (" + option),
                "the final image's java accepts its cache:\n" + out);
    }

    private static Path jdk25OrNewer() throws java.io.IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (var dirs = Files.list(jvms)) {
            for (Path d : dirs.sorted().toList()) {
                Path release = d.resolve("release");
                if (Files.isExecutable(d.resolve("bin/java")) && Files.isRegularFile(release)) {
                    var m = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
                    if (m.find() && Integer.parseInt(m.group(1)) >= 25) {
                        return d;
                    }
                }
            }
        }
        return null;
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
