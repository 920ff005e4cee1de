package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders kustomizations exactly as {@code kubectl apply -k} would, with {@code kubectl kustomize}
 * (or a stand-alone {@code kustomize build}), and parses the result.
 *
 * <p>kubectl is looked up in {@code $KUBECTL}, then on the PATH, then at /usr/bin/kubectl; a
 * stand-alone {@code kustomize} on the PATH is the last resort. Without any of them the tests fail,
 * unless {@code SKIP_K8S_RENDER=true}, which skips (aborts) the tests that need a render.
 */
final class Kustomize {

    static final Path MODULE_DIR = moduleDir();
    static final Path REPO_ROOT = MODULE_DIR.resolve("../..").normalize();
    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static final Map<Path, Rendered> CACHE = new ConcurrentHashMap<>();

    private Kustomize() {}

    static Rendered overlay(String name) {
        Path dir = MODULE_DIR.resolve("overlays").resolve(name);
        if (!Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
            fail("overlay " + name + " has no kustomization.yaml at " + dir);
        }
        return render(dir);
    }

    static Rendered render(Path dir) {
        return CACHE.computeIfAbsent(
                dir.toAbsolutePath().normalize(),
                d -> new Rendered(d.getFileName().toString(), parse(run(d))));
    }

    private static String run(Path dir) {
        List<String> cmd = command(dir);
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process p = new ProcessBuilder(cmd)
                        .directory(REPO_ROOT.toFile())
                        .redirectError(err.toFile())
                        .start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(180, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("timed out: " + String.join(" ", cmd));
                }
                if (p.exitValue() != 0) {
                    fail("rendering failed (exit " + p.exitValue() + "): " + String.join(" ", cmd) + "\n"
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", cmd) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static List<String> command(Path dir) {
        if ("true".equalsIgnoreCase(System.getenv("SKIP_K8S_RENDER"))) {
            Assumptions.abort("SKIP_K8S_RENDER=true: the kustomize renders are not checked");
        }
        List<String> cmd = new ArrayList<>();
        String kubectl = System.getenv("KUBECTL");
        if (kubectl != null && !kubectl.isBlank()) {
            if (!Files.isExecutable(Path.of(kubectl))) {
                fail("KUBECTL=" + kubectl + " is not an executable file");
            }
        } else {
            kubectl = onPath("kubectl");
        }
        if (kubectl == null && Files.isExecutable(Path.of("/usr/bin/kubectl"))) {
            kubectl = "/usr/bin/kubectl";
        }
        if (kubectl != null) {
            cmd.add(kubectl);
            cmd.add("kustomize");
        } else {
            String kustomize = onPath("kustomize");
            if (kustomize == null) {
                fail("Neither kubectl nor kustomize was found (looked at $KUBECTL, the PATH and /usr/bin/kubectl). "
                        + "The deploy/k8s tests render every overlay with `kubectl kustomize`: install kubectl "
                        + "(>= 1.27, kustomize v5), or set SKIP_K8S_RENDER=true to skip them knowingly.");
            }
            cmd.add(kustomize);
            cmd.add("build");
        }
        cmd.add(dir.toString());
        return cmd;
    }

    private static String onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path candidate = Path.of(d, exe);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        Yaml parser = new Yaml(new SafeConstructor(options));
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : parser.loadAll(yaml)) {
            if (doc == null) {
                continue;
            }
            if (!(doc instanceof Map)) {
                fail("rendered document is not an object: " + doc);
            }
            objects.add((Map<String, Object>) doc);
        }
        if (objects.isEmpty()) {
            fail("the render is empty");
        }
        return objects;
    }

    private static Path moduleDir() {
        String prop = System.getProperty("k8s.module.dir");
        Path dir = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("overlays")) && Files.isDirectory(dir.resolve("deploy/k8s/overlays"))) {
            dir = dir.resolve("deploy/k8s");
        }
        return dir.toAbsolutePath().normalize();
    }
}
