package io.tracker.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every import points down: the layers of docs/CONVENTIONS.md ("Layers"), checked on the main sources of
 * es-core and of both command services. A class in layer L may import a package of layer L or below, its own
 * module's or es-core's; never one above. Packages outside the layers (io.tracker.http, the JDK, libraries)
 * are not checked here.
 */
class LayeringTest {
    /**
     * Lowest first: the order written in docs/CONVENTIONS.md and es-core/README.md. Packages of one level may
     * import each other's classes (investment's {@code negotiations}, the view the link check reads, sits with
     * {@code application}).
     */
    static final List<List<String>> LAYERS = List.of(
            List.of("domain"),
            List.of("tracing"),
            List.of("store"),
            List.of("messaging", "outbox"),
            List.of("application", "negotiations"),
            List.of("api"));

    private static final Pattern PACKAGE =
            Pattern.compile("^package io\\.tracker\\.(\\w+)\\.(\\w+)[\\w.]*;", Pattern.MULTILINE);
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?io\\.tracker\\.(\\w+)\\.(\\w+)\\.[\\w.*]+;", Pattern.MULTILINE);
    private static final List<String> MODULES = List.of("es-core", "negotiation-service", "investment-service");

    @Test
    void everyImportPointsDown() {
        List<String> upward = new ArrayList<>();
        int files = 0;
        for (String module : MODULES) {
            for (Path file : sources(module)) {
                files++;
                upward.addAll(upwardImports(file, read(file)));
            }
        }
        assertTrue(files > 100, "read the sources of " + MODULES + " (" + files + " files)");
        assertEquals(List.of(), upward, "imports that point back up (order: " + LAYERS + ")");
    }

    @Test
    void anImportThatPointsUpIsFound() {
        String store = """
                package io.tracker.core.store;

                import io.tracker.core.domain.Decider;
                import io.tracker.core.application.CommandHandler;
                import static io.tracker.core.api.Versions.etag;
                """;
        assertEquals(
                List.of(
                        "Example.java (store) imports io.tracker.core.application.CommandHandler;",
                        "Example.java (store) imports io.tracker.core.api.Versions.etag;"),
                upwardImports(Path.of("Example.java"), store));
        String unknown = "package io.tracker.core.gadgets;\n";
        assertEquals(
                List.of("Example.java: package io.tracker.core.gadgets is in no layer"),
                upwardImports(Path.of("Example.java"), unknown));
    }

    static List<String> upwardImports(Path file, String source) {
        Matcher pkg = PACKAGE.matcher(source);
        if (!pkg.find()) {
            return List.of(file + ": no package io.tracker.<module>.<layer>");
        }
        int own = level(pkg.group(2));
        if (own < 0) {
            return List.of(file + ": package io.tracker." + pkg.group(1) + "." + pkg.group(2) + " is in no layer");
        }
        List<String> upward = new ArrayList<>();
        Matcher imp = IMPORT.matcher(source);
        while (imp.find()) {
            int target = level(imp.group(2));
            if (target > own) {
                upward.add(file.getFileName() + " (" + pkg.group(2) + ") imports "
                        + imp.group().substring(imp.group().lastIndexOf(' ') + 1));
            }
        }
        return upward;
    }

    private static int level(String layer) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(layer)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Path> sources(String module) {
        Path root = Path.of("..", module, "src", "main", "java");
        assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " exists");
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
