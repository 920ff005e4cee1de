package io.tracker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJvmTest {
    @TempDir
    Path tmp;

    @Test
    void optionsWithoutCommentsAndBlankLines() {
        assertEquals(
                List.of("-XX:+UseSerialGC", "-Xmx160m", "-Xms48m"),
                ServiceJvm.parse("# heading\n\n-XX:+UseSerialGC\n  -Xmx160m   # the heap\n-Xms48m\n   \n"));
    }

    @Test
    void theRepositorysOptionsFileCapsTheHeap() {
        List<String> options =
                ServiceJvm.options(Path.of("../..").toAbsolutePath().normalize());
        assertTrue(options.stream().anyMatch(o -> o.startsWith("-Xmx")), options.toString());
        assertTrue(options.stream().noneMatch(o -> o.contains("#") || o.isBlank()), options.toString());
    }

    @Test
    void jdk25RecordsAnAotCacheThenUsesIt() throws IOException {
        Path java = jdk("25.0.1");
        Path app = build("a");
        ServiceJvm.StartupCache first = ServiceJvm.startupCache("svc", java, app, tmp.resolve("cache"));
        assertTrue(first.recording());
        assertEquals(List.of("-XX:AOTCacheOutput=" + first.file()), first.options());
        assertTrue(first.file().getFileName().toString().startsWith("svc-")
                && first.file().toString().endsWith("-jdk25.aot"));
        List<String> base = List.of("-Xmx160m", "-XX:MaxMetaspaceSize=128m");
        assertEquals(
                List.of("-Xmx160m", "-XX:AOTCacheOutput=" + first.file()),
                first.jvmOptions(base),
                "the JDK assembles the cache within the metaspace cap: a recording start goes without it");
        Files.writeString(first.file(), "cache");
        ServiceJvm.StartupCache next = ServiceJvm.startupCache("svc", java, app, tmp.resolve("cache"));
        assertFalse(next.recording());
        assertEquals(List.of("-XX:AOTCache=" + first.file()), next.options());
        assertEquals(
                List.of("-Xmx160m", "-XX:MaxMetaspaceSize=128m", "-XX:AOTCache=" + first.file()),
                next.jvmOptions(base));
    }

    @Test
    void olderJdksRecordAndUseAnAppCdsArchive() throws IOException {
        Path java = jdk("17.0.21");
        Path app = build("a");
        ServiceJvm.StartupCache first = ServiceJvm.startupCache("svc", java, app, tmp.resolve("cache"));
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + first.file()), first.options());
        Files.writeString(first.file(), "archive");
        assertEquals(
                List.of("-XX:SharedArchiveFile=" + first.file()),
                ServiceJvm.startupCache("svc", java, app, tmp.resolve("cache")).options());
    }

    @Test
    void aNewBuildOrAnotherJdkRecordsAfresh() throws IOException {
        Path app = build("a");
        Path cache = tmp.resolve("cache");
        Path file = ServiceJvm.startupCache("svc", jdk("25"), app, cache).file();
        Files.writeString(file, "cache");
        Files.writeString(app.resolve("app/app.jar"), "changed");
        ServiceJvm.StartupCache rebuilt = ServiceJvm.startupCache("svc", jdk("25"), app, cache);
        assertTrue(rebuilt.recording());
        assertNotEquals(file, rebuilt.file());
        assertTrue(ServiceJvm.startupCache("svc", jdk("17"), app, cache).recording());
    }

    private Path jdk(String version) throws IOException {
        Path home = tmp.resolve("jdk-" + version);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        if (!Files.exists(java)) {
            Files.writeString(java, "");
        }
        return java;
    }

    private Path build(String content) throws IOException {
        Path app = tmp.resolve("quarkus-app");
        Files.createDirectories(app.resolve("app"));
        Files.writeString(app.resolve("quarkus-run.jar"), "run");
        Files.writeString(app.resolve("app/app.jar"), content);
        return app;
    }
}
