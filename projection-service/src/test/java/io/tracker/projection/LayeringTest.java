package io.tracker.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Imports point down: each package of the service uses only the packages below it in {@link #LAYERS} (and itself,
 * sub-packages included). Every reference counts, imports and fully qualified names alike, so a new dependency
 * back up fails the build; a new package must be given its place here (and in the README's "Structure").
 */
class LayeringTest {
    /** Lowest first: a package may use those before it, never those after it. */
    static final List<String> LAYERS =
            List.of("domain", "config", "messaging", "persistence", "apply", "rebuild", "api");

    private static final Path SOURCES = Path.of("src/main/java/io/tracker/projection");
    private static final Pattern PACKAGE =
            Pattern.compile("^package io\\.tracker\\.projection\\.(\\w+)", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("io\\.tracker\\.projection\\.(\\w+)");

    @Test
    void everyImportPointsDown() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            for (Path file :
                    paths.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                violations.addAll(violations(SOURCES.relativize(file).toString(), Files.readString(file)));
                files++;
            }
        }
        assertTrue(files > 100, "the service's sources were found (" + files + " files under " + SOURCES + ")");
        assertEquals(List.of(), violations, "imports that point back up (order, lowest first: " + LAYERS + ")");
    }

    @Test
    void anImportBackUpOrAPackageWithoutAPlaceIsFound() {
        assertEquals(List.of(), violations("persistence/A.java", """
                package io.tracker.projection.persistence;
                import io.tracker.projection.domain.Stage;
                import io.tracker.projection.messaging.wire.WireValues;
                import io.tracker.projection.persistence.ApplyResult;
                """));
        assertEquals(
                List.of(
                        "persistence/A.java: persistence uses apply (io.tracker.projection.apply.ConsumerLoop)",
                        "persistence/A.java: persistence uses api (io.tracker.projection.api.Questions)"),
                violations("persistence/A.java", """
                        package io.tracker.projection.persistence;
                        import io.tracker.projection.apply.ConsumerLoop;
                        class A { io.tracker.projection.api.Questions q; }
                        """));
        assertEquals(
                List.of("x/A.java: package x has no place in " + LAYERS),
                violations("x/A.java", "package io.tracker.projection.x;\n"));
    }

    /** What the file uses of packages above its own (or that its package has no place). */
    static List<String> violations(String file, String source) {
        Matcher pkg = PACKAGE.matcher(source);
        if (!pkg.find()) {
            return List.of(file + ": no package io.tracker.projection.<layer>");
        }
        String own = pkg.group(1);
        int level = LAYERS.indexOf(own);
        if (level < 0) {
            return List.of(file + ": package " + own + " has no place in " + LAYERS);
        }
        List<String> found = new ArrayList<>();
        Matcher ref = REFERENCE.matcher(source.substring(pkg.end()));
        while (ref.find()) {
            String used = ref.group(1);
            int usedLevel = LAYERS.indexOf(used);
            if (usedLevel < 0 || usedLevel > level) {
                String what = source.substring(pkg.end() + ref.start(), pkg.end() + ref.end())
                        + restOfName(source, pkg.end() + ref.end());
                found.add(file + ": " + own + " uses " + used + " (" + what + ")");
            }
        }
        return found;
    }

    private static String restOfName(String source, int from) {
        int i = from;
        while (i < source.length() && (Character.isJavaIdentifierPart(source.charAt(i)) || source.charAt(i) == '.')) {
            i++;
        }
        return source.substring(from, i);
    }
}
