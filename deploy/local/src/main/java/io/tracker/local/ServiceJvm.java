package io.tracker.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How a service's JVM is started, in one place for the run command, the system tests and the benchmark: the
 * options of {@code deploy/local/service-jvm.options}, the environment ({@code MALLOC_ARENA_MAX}), and the
 * start-up cache the JDK at hand offers.
 *
 * <p>Start-up cache: on JDK 25 and newer, the AOT cache (JEP 483/514/515: classes loaded and linked, method
 * profiles) - the first start records it ({@code -XX:AOTCacheOutput}, written when the service stops), every
 * later start of the same build uses it ({@code -XX:AOTCache}). On older JDKs, a dynamic AppCDS archive the same
 * way ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}). The cache file is named after the
 * build (a digest of the application's files) and the JDK, so a new build or another JDK records afresh; a cache
 * the JVM cannot use is ignored by the JVM with a warning, never a failed start.
 */
public final class ServiceJvm {
    /** Relative to the repository's root. */
    public static final String OPTIONS_FILE = "deploy/local/service-jvm.options";
    /** glibc's per-thread malloc arenas (8 per core by default) hold memory that RSS then shows; two suffice. */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private ServiceJvm() {}

    /** The options of {@link #OPTIONS_FILE} under {@code root}, without comments and blank lines. */
    public static List<String> options(Path root) {
        try {
            return parse(Files.readString(root.resolve(OPTIONS_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root.resolve(OPTIONS_FILE), e);
        }
    }

    static List<String> parse(String text) {
        List<String> options = new ArrayList<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String option = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return options;
    }

    /** The feature version (17, 21, 25...) of the JDK whose {@code bin/java} this is, from its {@code release} file. */
    public static int featureVersion(Path javaBinary) {
        try {
            Path release = javaBinary.toRealPath().getParent().getParent().resolve("release");
            Matcher m = VERSION.matcher(Files.readString(release));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        } catch (IOException e) {
            // a JDK without its release file: take the version of this JVM's kind, the oldest supported
        }
        return 17;
    }

    /** The start-up cache a service gets: what kind, the file, whether this start records it, and the JVM options. */
    public record StartupCache(String kind, Path file, boolean recording, List<String> options) {
        /**
         * The JVM options of a start with this cache: {@code base} and the cache's own. A recording start goes without
         * the metaspace cap: the JDK assembles the cache within it and fails ("Unable to allocate from 'ro' region")
         * for a service whose classes take more; the cap applies again from the next start.
         */
        public List<String> jvmOptions(List<String> base) {
            List<String> all = new ArrayList<>();
            for (String o : base) {
                if (!(recording && o.startsWith("-XX:MaxMetaspaceSize="))) {
                    all.add(o);
                }
            }
            all.addAll(options);
            return all;
        }

        /** One line for a log: what this start does. */
        public String describe() {
            return recording
                    ? kind + ": recording " + file + " (written when the service stops; used from the next start)"
                    : kind + ": from " + file;
        }
    }

    /**
     * The start-up cache options for starting {@code service}'s build in {@code appDir} (its {@code quarkus-app}) on
     * the JDK of {@code javaBinary}, with caches kept under {@code cacheDir}.
     */
    public static StartupCache startupCache(String service, Path javaBinary, Path appDir, Path cacheDir) {
        int version = featureVersion(javaBinary);
        String key = buildDigest(appDir) + "-jdk" + version;
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + cacheDir, e);
        }
        if (version >= 25) {
            Path file = cacheDir.resolve(service + "-" + key + ".aot");
            boolean recording = !Files.isRegularFile(file);
            return new StartupCache(
                    "AOT cache (JDK " + version + ")",
                    file,
                    recording,
                    List.of(recording ? "-XX:AOTCacheOutput=" + file : "-XX:AOTCache=" + file));
        }
        Path file = cacheDir.resolve(service + "-" + key + ".jsa");
        boolean recording = !Files.isRegularFile(file);
        return new StartupCache(
                "AppCDS archive (JDK " + version + ")",
                file,
                recording,
                List.of(recording ? "-XX:ArchiveClassesAtExit=" + file : "-XX:SharedArchiveFile=" + file));
    }

    /** A digest of a build's files (names, sizes and contents of the jars), so a new build gets a new cache. */
    static String buildDigest(Path appDir) {
        try (Stream<Path> files = Files.walk(appDir)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update(appDir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build in " + appDir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * For the run command: {@code options <root>} prints the options, one per line; {@code cache <root> <service>
     * <java> <appDir> <cacheDir>} prints the options of a start with the start-up cache, one per line, and on stderr
     * what the cache does.
     */
    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("options")) {
            options(Path.of(args[1])).forEach(System.out::println);
        } else if (args.length == 6 && args[0].equals("cache")) {
            StartupCache cache = startupCache(args[2], Path.of(args[3]), Path.of(args[4]), Path.of(args[5]));
            cache.jvmOptions(options(Path.of(args[1]))).forEach(System.out::println);
            System.err.println(cache.describe());
        } else {
            System.err.println(
                    "usage: ServiceJvm options <root> | cache <root> <service> <java> <quarkus-app dir> <cache dir>");
            System.exit(2);
        }
    }
}
