package io.tracker.system.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.tracker.local.Ports;
import io.tracker.system.Processes;
import io.tracker.local.jwt.JwtKeys;
import io.tracker.local.jwt.Tokens;

/**
 * The whole system for a benchmark, as real processes from the built jars (like the system tests' harness):
 * PostgreSQL and Kafka each in a process of its own (deploy/local's {@code LocalStackMain}), then the three
 * services. It times each service's start (process start → first 200 on {@code /q/health/ready}), reads
 * their resident memory from {@code /proc}, and can find every process of the system for CPU accounting.
 */
final class BenchSystem implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("repo.root", "../..")).toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("negotiation-service", "investment-service", "projection-service");
    static final List<String> DATABASES = List.of("negotiation", "investment", "projection");
    static final String SERVICE_HEAP = System.getProperty("bench.serviceHeap", "-Xmx256m");
    /** Where the services' built jars are taken from (another checkout, to compare a change). */
    static final Path SERVICES_ROOT = Path.of(System.getProperty("bench.servicesRoot", ROOT.toString())).toAbsolutePath();
    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** A service start: wall time to ready, Quarkus' own "started in", RSS once ready. */
    record Startup(String service, int attempt, double readyMillis, Double quarkusStartedSeconds, long rssKbAtReady) {
    }

    final Path dir;
    final int kafkaPort = Ports.free();
    final int controllerPort = Ports.free();
    final int pgPort = Ports.free();
    final Map<String, Integer> ports = new LinkedHashMap<>();
    /** Each service's management port (health, metrics, OpenAPI): {@link #url} sends {@code /q/...} there. */
    final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    final String recorderToken;
    /** distinct recorder tokens (different subjects) the load spreads its commands over */
    final List<String> recorderTokens = new ArrayList<>();
    final String analystToken;
    final List<Startup> startups = new ArrayList<>();
    private final Path publicKey;
    private final Map<String, Process> services = new LinkedHashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private Process kafka;
    private Process postgres;
    double postgresReadyMillis;
    double kafkaReadyMillis;

    BenchSystem(String name) throws IOException {
        dir = ROOT.resolve("deploy/system-tests/target/bench/" + name);
        deleteRecursively(dir);
        Files.createDirectories(dir);
        SERVICES.forEach(s -> ports.put(s, Ports.free()));
        SERVICES.forEach(s -> managementPorts.put(s, Ports.free()));
        JwtKeys keys = JwtKeys.generate();
        publicKey = dir.resolve("jwt-public-key.pem");
        Files.writeString(publicKey, keys.publicPem());
        recorderToken = Tokens.mint(keys.privateKey(), Tokens.LOCAL_ISSUER, "bench", List.of("recorder"), Duration.ofHours(4));
        for (int i = 0; i < Integer.getInteger("bench.tokens", 4); i++) {
            recorderTokens.add(i == 0 ? recorderToken : Tokens.mint(keys.privateKey(), Tokens.LOCAL_ISSUER, "bench-recorder-" + i,
                    List.of("recorder"), Duration.ofHours(4)));
        }
        analystToken = Tokens.mint(keys.privateKey(), Tokens.LOCAL_ISSUER, "bench-analyst", List.of("analyst"), Duration.ofHours(4));
    }

    /**
     * The embedded default's PostgreSQL with {@code track_commit_timestamp=on} ({@link BenchPostgresMain});
     * {@code durable}: fsync and synchronous_commit on, as deploy/local runs it; otherwise both off, for comparison.
     */
    void startPostgres(boolean durable) {
        long t0 = System.nanoTime();
        postgres = stackProcess("postgres", BenchPostgresMain.class.getName(), Map.of("PG_DURABLE", Boolean.toString(durable)));
        postgresReadyMillis = (System.nanoTime() - t0) / 1e6;
    }

    void stopPostgres() {
        stop(postgres);
        postgres = null;
    }

    void startKafka() {
        long t0 = System.nanoTime();
        kafka = stackProcess("kafka", "io.tracker.local.LocalStackMain", Map.of());
        kafkaReadyMillis = (System.nanoTime() - t0) / 1e6;
    }

    private Process stackProcess(String component, String mainClass, Map<String, String> extraEnv) {
        String cp = ROOT.resolve("deploy/local/target/local-stack.jar") + ":" + ROOT.resolve("deploy/local/target/lib/*")
                + ":" + ROOT.resolve("deploy/system-tests/target/test-classes");
        Map<String, String> env = Processes.stackEnvironment(dir.resolve("data"), component, kafkaPort, controllerPort,
                pgPort, String.join(",", DATABASES));
        env = new HashMap<>(env);
        env.putAll(extraEnv);
        Path log = dir.resolve("logs/" + component + "-" + attempts.merge(component, 1, Integer::sum) + ".log");
        Process p = start(List.of(java(), "-Xmx512m", "-cp", cp, mainClass), env, log);
        waitUntil(Duration.ofSeconds(120), () -> {
            if (!p.isAlive()) {
                throw new IllegalStateException(component + " exited: " + read(log));
            }
            return read(log).contains("local-stack: READY");
        }, component + " ready");
        return p;
    }

    Connection jdbc(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database, "postgres", "postgres");
    }

    void startServices(List<String> jvmArgs) {
        SERVICES.forEach(s -> startService(s, jvmArgs));
    }

    Startup startService(String name, List<String> jvmArgs) {
        Path jar = SERVICES_ROOT.resolve(name + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (the bench command does)");
        }
        int attempt = attempts.merge(name, 1, Integer::sum);
        Map<String, String> env = Processes.serviceEnvironment(name, ports.get(name), managementPorts.get(name), pgPort, kafkaPort, publicKey);
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.add(SERVICE_HEAP);
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar.toString());
        Path log = dir.resolve("logs/" + name + "-" + attempt + ".log");
        long t0 = System.nanoTime();
        Process p = start(cmd, env, log);
        services.put(name, p);
        URI ready = URI.create(url(name, "/q/health/ready"));
        long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited: " + tail(read(log)));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready within 120 s: " + tail(read(log)));
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(10);
        }
        double readyMillis = (System.nanoTime() - t0) / 1e6;
        Double startedIn = null;
        // the "started in" line may be flushed a moment after readiness answers
        for (int i = 0; i < 50 && startedIn == null; i++) {
            Matcher m = STARTED_IN.matcher(read(log));
            if (m.find()) {
                startedIn = Double.parseDouble(m.group(1));
            } else {
                sleep(20);
            }
        }
        Startup s = new Startup(name, attempt, readyMillis, startedIn, rssKb(p.pid()));
        startups.add(s);
        return s;
    }

    void stopService(String name) {
        Process p = services.remove(name);
        if (p != null) {
            stop(p);
        }
    }

    long pid(String service) {
        return services.get(service).pid();
    }

    long kafkaPid() {
        return kafka.pid();
    }

    /** The postmaster (zonky starts it with pg_ctl, so it is not a child of the stack process). */
    long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dir.resolve("data/postgres/data/postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new IllegalStateException("no postmaster.pid", e);
        }
    }

    /**
     * A service's Prometheus text ({@code /q/metrics}, no token needed), or "" when it does not answer 200: the
     * figures read from it are side figures, and a service that lacks them must not fail the run.
     */
    String metrics(String service) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(service, "/q/metrics")))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The URL of a path of a service: {@code /q/...} (health, metrics, OpenAPI) on its management port, the rest on its API port. */
    String url(String service, String path) {
        int port = path.startsWith("/q/") ? managementPorts.get(service) : ports.get(service);
        return "http://127.0.0.1:" + port + path;
    }

    String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone
        }
        return -1;
    }

    static String java() {
        return Processes.jdkTool("java");
    }

    static String jcmd() {
        return Processes.jdkTool("jcmd");
    }

    private static Process start(List<String> command, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            return pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String log) {
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void waitUntil(Duration max, java.util.function.BooleanSupplier condition, String what) {
        io.tracker.system.Eventually.until(max, condition, what);
    }

    @Override
    public void close() {
        new ArrayList<>(services.keySet()).forEach(this::stopService);
        if (kafka != null) {
            stop(kafka);
        }
        if (postgres != null) {
            stop(postgres);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
