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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.tracker.local.KafkaUsers;
import io.tracker.local.Ports;
import io.tracker.local.ServiceJvm;
import io.tracker.local.jwt.JwtKeys;
import io.tracker.local.jwt.Tokens;
import io.tracker.system.Processes;

/**
 * The whole system for a benchmark, as real processes from the built jars (like the system tests' harness):
 * PostgreSQL and Kafka each in a process of its own (deploy/local's {@code LocalStackMain}), then the three
 * services. It times each service's start (process start → first 200 on {@code /q/health/ready}), reads
 * their resident memory from {@code /proc}, and can find every process of the system for CPU accounting.
 */
final class BenchSystem implements AutoCloseable {
    static final Path ROOT =
            Path.of(System.getProperty("repo.root", "../..")).toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("negotiation-service", "investment-service", "projection-service");
    static final List<String> DATABASES = List.of("negotiation", "investment", "projection");
    /**
     * The services' JVM options: {@code file} (the default) = deploy/local/service-jvm.options, as the run command and
     * the images use them; {@code legacy} = {@code -Xmx256m} alone (the settings before issue 21, to compare);
     * anything else = the options themselves, separated by spaces.
     */
    static final List<String> SERVICE_OPTIONS = serviceOptions(System.getProperty("bench.serviceOptions", "file"));
    /** The JDK the services run on (e.g. a JDK 25 for its AOT cache); by default the test's own. */
    static final String SERVICE_JAVA =
            System.getProperty("bench.serviceJava", "").isBlank() ? java() : System.getProperty("bench.serviceJava");
    /**
     * Whether the services start with the JDK's start-up cache as the run command does (AOT cache on JDK 25+,
     * AppCDS before): a recording start (start, ready, stop) comes before the first measured start of each service.
     */
    static final boolean STARTUP_CACHE = Boolean.parseBoolean(System.getProperty("bench.startupCache", "true"));

    private static final Pattern STEP = Pattern.compile("Build step (\\S+) completed in: (\\d+)ms");
    /** Where the services' built jars are taken from (another checkout, to compare a change). */
    static final Path SERVICES_ROOT =
            Path.of(System.getProperty("bench.servicesRoot", ROOT.toString())).toAbsolutePath();

    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /**
     * A service start: wall time to ready, Quarkus' own "started in", RSS once ready, the start-up cache used, and
     * where the start went: the slowest of the steps Quarkus runs at start (quarkus.debug.print-startup-times), ms.
     */
    record Startup(
            String service,
            int attempt,
            double readyMillis,
            Double quarkusStartedSeconds,
            long rssKbAtReady,
            String startupCache,
            Map<String, Long> slowestSteps) {}

    static List<String> serviceOptions(String property) {
        return switch (property) {
            case "file" -> ServiceJvm.options(ROOT);
            case "legacy" -> List.of("-Xmx256m");
            default ->
                Arrays.stream(property.split(" ")).filter(o -> !o.isBlank()).toList();
        };
    }

    /** A label for the report: which options and JDK the services run with. */
    static String serviceJvmLabel() {
        return String.join(" ", SERVICE_OPTIONS) + " on JDK " + ServiceJvm.featureVersion(Path.of(SERVICE_JAVA))
                + (STARTUP_CACHE ? " with its start-up cache" : " without a start-up cache");
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
    /** The broker's users and passwords (the broker process reads the same file). */
    private final KafkaUsers kafkaUsers;

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
        kafkaUsers = Processes.kafkaUsers(dir.resolve("data"));
        Files.writeString(publicKey, keys.publicPem());
        recorderToken =
                Tokens.mint(keys.privateKey(), Tokens.LOCAL_ISSUER, "bench", List.of("recorder"), Duration.ofHours(4));
        for (int i = 0; i < Integer.getInteger("bench.tokens", 4); i++) {
            recorderTokens.add(
                    i == 0
                            ? recorderToken
                            : Tokens.mint(
                                    keys.privateKey(),
                                    Tokens.LOCAL_ISSUER,
                                    "bench-recorder-" + i,
                                    List.of("recorder"),
                                    Duration.ofHours(4)));
        }
        analystToken = Tokens.mint(
                keys.privateKey(), Tokens.LOCAL_ISSUER, "bench-analyst", List.of("analyst"), Duration.ofHours(4));
    }

    /**
     * The embedded default's PostgreSQL with {@code track_commit_timestamp=on} ({@link BenchPostgresMain});
     * {@code durable}: fsync and synchronous_commit on, as deploy/local runs it; otherwise both off, for comparison;
     * {@code statementStatistics}: with pg_stat_statements loaded (profile mode).
     */
    void startPostgres(boolean durable, boolean statementStatistics) {
        long t0 = System.nanoTime();
        postgres = stackProcess(
                "postgres",
                BenchPostgresMain.class.getName(),
                Map.of(
                        "PG_DURABLE",
                        Boolean.toString(durable),
                        "PG_STAT_STATEMENTS",
                        Boolean.toString(statementStatistics)));
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
        String cp =
                ROOT.resolve("deploy/local/target/local-stack.jar") + ":" + ROOT.resolve("deploy/local/target/lib/*")
                        + ":" + ROOT.resolve("deploy/system-tests/target/test-classes");
        Map<String, String> env = Processes.stackEnvironment(
                dir.resolve("data"), component, kafkaPort, controllerPort, pgPort, String.join(",", DATABASES));
        env = new HashMap<>(env);
        env.putAll(extraEnv);
        Path log = dir.resolve("logs/" + component + "-" + attempts.merge(component, 1, Integer::sum) + ".log");
        Process p = start(List.of(java(), "-Xmx512m", "-cp", cp, mainClass), env, log);
        waitUntil(
                Duration.ofSeconds(120),
                () -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException(component + " exited: " + read(log));
                    }
                    return read(log).contains("local-stack: READY");
                },
                component + " ready");
        return p;
    }

    Connection jdbc(String database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database, "postgres", "postgres");
    }

    void startServices(List<String> jvmArgs) {
        SERVICES.forEach(s -> startService(s, jvmArgs));
    }

    Startup startService(String name, List<String> jvmArgs) {
        Path app = SERVICES_ROOT.resolve(name + "/target/quarkus-app");
        if (!Files.exists(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(
                    app.resolve("quarkus-run.jar") + " is missing: build first (the bench command does)");
        }
        String cacheLabel = "none";
        List<String> options = new ArrayList<>(SERVICE_OPTIONS);
        // JDK 17's JVM dies at start (SIGSEGV in KlassFactory::check_shared_class_file_load_hook) when a JFR
        // recording from the start meets a dynamic AppCDS archive: the profile mode goes without the archive there
        boolean jfrWithArchive = ServiceJvm.featureVersion(Path.of(SERVICE_JAVA)) < 25
                && jvmArgs.stream().anyMatch(a -> a.startsWith("-XX:StartFlightRecording"));
        if (jfrWithArchive) {
            cacheLabel = "none (a JFR recording from the start and an AppCDS archive crash JDK 17)";
        }
        if (STARTUP_CACHE && !jfrWithArchive) {
            Path cacheDir = dir.resolve("jvm-cache");
            ServiceJvm.StartupCache cache = ServiceJvm.startupCache(name, Path.of(SERVICE_JAVA), app, cacheDir);
            if (cache.recording()) {
                // the training start: the JVM writes the cache when the service stops
                List<String> recording = cache.jvmOptions(options);
                Process p = launch(name, recording, app, dir.resolve("logs/" + name + "-recording.log"));
                waitReady(name, p, dir.resolve("logs/" + name + "-recording.log"));
                services.remove(name);
                stop(p, 300);
                cache = ServiceJvm.startupCache(name, Path.of(SERVICE_JAVA), app, cacheDir);
                if (cache.recording()) {
                    throw new IllegalStateException(name + ": no start-up cache written to " + cache.file());
                }
            }
            options = new ArrayList<>(cache.jvmOptions(options));
            cacheLabel = cache.describe();
        }
        options.add("-Dquarkus.debug.print-startup-times=true");
        options.addAll(jvmArgs);
        int attempt = attempts.merge(name, 1, Integer::sum);
        Path log = dir.resolve("logs/" + name + "-" + attempt + ".log");
        long t0 = System.nanoTime();
        Process p = launch(name, options, app, log);
        waitReady(name, p, log);
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
        Startup s = new Startup(
                name, attempt, readyMillis, startedIn, rssKb(p.pid()), cacheLabel, slowestSteps(read(log), 8));
        startups.add(s);
        return s;
    }

    /** The {@code n} slowest start-up steps a service's log reports, slowest first. */
    static Map<String, Long> slowestSteps(String log, int n) {
        Map<String, Long> steps = new HashMap<>();
        Matcher m = STEP.matcher(log);
        while (m.find()) {
            steps.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
        }
        Map<String, Long> slowest = new LinkedHashMap<>();
        steps.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(n)
                .forEach(e -> slowest.put(e.getKey(), e.getValue()));
        return slowest;
    }

    private Process launch(String name, List<String> options, Path app, Path log) {
        Map<String, String> env = new HashMap<>(Processes.serviceEnvironment(
                name, ports.get(name), managementPorts.get(name), pgPort, kafkaPort, publicKey, kafkaUsers));
        env.putAll(ServiceJvm.ENVIRONMENT);
        List<String> cmd = new ArrayList<>();
        cmd.add(SERVICE_JAVA);
        cmd.addAll(options);
        cmd.add("-jar");
        cmd.add(app.resolve("quarkus-run.jar").toString());
        Process p = start(cmd, env, log);
        services.put(name, p);
        return p;
    }

    private void waitReady(String name, Process p, Path log) {
        URI ready = URI.create(url(name, "/q/health/ready"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited: " + tail(read(log)));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready within 120 s: " + tail(read(log)));
            }
            try {
                HttpResponse<Void> r = HTTP.send(
                        HttpRequest.newBuilder(ready)
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(10);
        }
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
            return Long.parseLong(Files.readAllLines(dir.resolve("data/postgres/data/postmaster.pid"))
                    .get(0)
                    .trim());
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
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url(service, "/q/metrics")))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
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

    /** The login of the tests' own Kafka clients (the broker takes SASL logins only). */
    Map<String, String> kafkaClientConfig() {
        return Processes.testClientConfig(kafkaUsers);
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
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            return pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    private static void stop(Process p) {
        stop(p, 30);
    }

    private static void stop(Process p, int seconds) {
        p.destroy();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
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
