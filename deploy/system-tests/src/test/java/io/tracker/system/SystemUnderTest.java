package io.tracker.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.tracker.local.KafkaUsers;
import io.tracker.local.Ports;
import io.tracker.local.ServiceJvm;
import io.tracker.local.jwt.JwtKeys;
import io.tracker.local.jwt.Tokens;

/**
 * The whole system as real processes, started from the built jars: Kafka and PostgreSQL each in a process
 * of their own (so either can be stopped alone), and the three services. Ports are free ones, data lives in
 * {@code target/sut/<name>}.
 */
final class SystemUnderTest implements AutoCloseable {
    /**
     * How long a process may take to start: ~6 s on a quiet 2-core machine, over a minute when other builds share
     * it (90 s was seen to be too short at a load average of 45); a deadline on a condition, never a sleep.
     */
    static final Duration START_DEADLINE = Duration.ofSeconds(Long.getLong("system-tests.start-deadline-seconds", 240));

    static final Path ROOT =
            Path.of(System.getProperty("repo.root", "../..")).toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("negotiation-service", "investment-service", "projection-service");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path dir;
    final int kafkaPort = Ports.free();
    final int controllerPort = Ports.free();
    final int pgPort = Ports.free();
    final Map<String, Integer> ports = new LinkedHashMap<>();
    /** Each service's management port (health, metrics, OpenAPI): {@link #url} sends {@code /q/...} there. */
    final Map<String, Integer> managementPorts = new LinkedHashMap<>();

    final String recorderToken;
    final String analystToken;
    private final Path publicKey;
    /** The broker's users and passwords (the broker process reads the same file). */
    private final KafkaUsers kafkaUsers;

    private Proc kafka;
    private Proc postgres;
    private final Map<String, Proc> services = new HashMap<>();
    /** More environment for every service started from now on (e.g. where to send traces). */
    final Map<String, String> serviceEnv = new HashMap<>();
    /** More JVM options for every service started from now on (e.g. a log level). */
    final List<String> serviceOptions = new ArrayList<>();

    SystemUnderTest(String name) throws IOException {
        dir = ROOT.resolve("deploy/system-tests/target/sut/" + name);
        deleteRecursively(dir);
        Files.createDirectories(dir);
        snapshotBuilds();
        SERVICES.forEach(s -> ports.put(s, Ports.free()));
        SERVICES.forEach(s -> managementPorts.put(s, Ports.free()));
        JwtKeys keys = JwtKeys.generate();
        publicKey = dir.resolve("jwt-public-key.pem");
        kafkaUsers = Processes.kafkaUsers(dir.resolve("data"));
        Files.writeString(publicKey, keys.publicPem());
        recorderToken = Tokens.mint(
                keys.privateKey(), Tokens.LOCAL_ISSUER, "system-test", List.of("recorder"), Duration.ofHours(2));
        analystToken = Tokens.mint(
                keys.privateKey(), Tokens.LOCAL_ISSUER, "system-analyst", List.of("analyst"), Duration.ofHours(2));
    }

    /** Everything up: PostgreSQL, Kafka, then the three services, each healthy. */
    SystemUnderTest startAll() {
        startPostgres();
        startKafka();
        SERVICES.forEach(this::startService);
        return this;
    }

    void startPostgres() {
        postgres = stackProcess("postgres", "postgres");
    }

    void stopPostgres() {
        postgres.stop();
    }

    /**
     * PostgreSQL crashes: the postmaster and every server process it started are killed with SIGKILL at once (as the
     * kernel's OOM killer or a lost machine would), then its launcher. No checkpoint, no shutdown: what was committed
     * without waiting for its WAL flush ({@code synchronous_commit = off}) may be lost; the next start replays the
     * WAL (crash recovery).
     */
    void crashPostgres() throws IOException {
        Path pidFile = dir.resolve("data/postgres/data/postmaster.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle postmaster =
                ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster " + pid));
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        Eventually.until(
                Duration.ofSeconds(30),
                () -> all.stream().noneMatch(ProcessHandle::isAlive),
                "PostgreSQL's processes gone");
        postgres.kill();
    }

    void startKafka() {
        kafka = stackProcess("kafka", "kafka");
    }

    void stopKafka() {
        kafka.stop();
    }

    boolean kafkaAlive() {
        return kafka != null && kafka.alive();
    }

    boolean postgresAlive() {
        return postgres != null && postgres.alive();
    }

    boolean serviceAlive(String name) {
        Proc p = services.get(name);
        return p != null && p.alive();
    }

    /** The pid of a running service (a restart gives a new one). */
    long servicePid(String name) {
        return services.get(name).pid();
    }

    /** Whatever an earlier (failed) scenario left stopped is started again. */
    void ensureAllUp() {
        if (!postgresAlive()) {
            startPostgres();
        }
        if (!kafkaAlive()) {
            startKafka();
        }
        for (String s : SERVICES) {
            if (!serviceAlive(s)) {
                startService(s);
            }
        }
    }

    private Proc stackProcess(String component, String logName) {
        Path local = dir.resolve("apps/local-stack");
        String cp = local.resolve("local-stack.jar") + ":" + local.resolve("lib/*");
        Map<String, String> env = Processes.stackEnvironment(
                dir.resolve("data"), component, kafkaPort, controllerPort, pgPort, "negotiation,investment,projection");
        Path log = dir.resolve("logs/" + logName + ".log");
        // the log is appended to across restarts: only what this process writes counts
        long from = Proc.size(log);
        Proc p = Proc.start(
                logName, List.of(java(), "-Xmx512m", "-cp", cp, "io.tracker.local.LocalStackMain"), env, log);
        Eventually.until(
                START_DEADLINE,
                () -> {
                    if (!p.alive()) {
                        throw new IllegalStateException(logName + " exited: " + p.logText(from));
                    }
                    return p.logText(from).contains("local-stack: READY");
                },
                logName + " ready");
        return p;
    }

    void startService(String name) {
        Path jar = dir.resolve("apps/" + name + "/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(ROOT.resolve(name + "/target/quarkus-app/quarkus-run.jar")
                    + " was missing when the system was set up: build with ./mvnw install -DskipTests first");
        }
        Map<String, String> env = new HashMap<>(Processes.serviceEnvironment(
                name, ports.get(name), managementPorts.get(name), pgPort, kafkaPort, publicKey, kafkaUsers));
        env.putAll(ServiceJvm.ENVIRONMENT);
        env.putAll(serviceEnv);
        // the services' JVM options as the run command uses them (deploy/local/service-jvm.options)
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(ServiceJvm.options(ROOT));
        // an unmapped IOException (e.g. a database socket reset) is answered 500 and logged at DEBUG only: the
        // system tests want it in the service's log
        cmd.addAll(
                List.of(
                        "-Dquarkus.log.category.\"io.quarkus.vertx.http.runtime.QuarkusErrorHandler\".level=DEBUG",
                        "-Dquarkus.log.category.\"org.jboss.resteasy.reactive.server.core.RuntimeExceptionMapper\".level=DEBUG"));
        cmd.addAll(serviceOptions);
        cmd.addAll(List.of("-jar", jar.toString()));
        Proc p = Proc.start(name, cmd, env, dir.resolve("logs/" + name + ".log"));
        services.put(name, p);
        Eventually.until(
                START_DEADLINE,
                () -> {
                    if (!p.alive()) {
                        throw new IllegalStateException(name + " exited: " + tail(p.logText()));
                    }
                    return get(name, "/q/health/ready", null).statusCode() == 200;
                },
                name + " ready");
    }

    void killService(String name) {
        services.get(name).kill();
    }

    /** The log file of a service (appended to across restarts). */
    Path serviceLog(String name) {
        return dir.resolve("logs/" + name + ".log");
    }

    void stopService(String name) {
        services.get(name).stop();
    }

    /** The URL of a path of a service: {@code /q/...} (health, metrics, OpenAPI) on its management port, the rest on its API port. */
    String url(String service, String path) {
        int port = path.startsWith("/q/") ? managementPorts.get(service) : ports.get(service);
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> post(String service, String path, String body, String idempotencyKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(service, path)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + recorderToken)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b.build());
    }

    HttpResponse<String> post(String service, String path, String body, String idempotencyKey, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(service, path)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + recorderToken)
                .header("If-Match", ifMatch)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b.build());
    }

    HttpResponse<String> get(String service, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(service, path)))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new FailedResponse(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database;
    }

    String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The login of the tests' own Kafka clients (the broker takes SASL logins only). */
    Map<String, String> kafkaClientConfig() {
        return Processes.testClientConfig(kafkaUsers);
    }

    static String java() {
        return Processes.jdkTool("java");
    }

    private static String tail(String log) {
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }

    @Override
    public void close() {
        services.values().forEach(Proc::close);
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /**
     * The built jars as they are now, hard-linked (or copied) under {@code target/sut/<name>/apps}: a build of a
     * module while the tests run (another person's {@code mvn package}) replaces its {@code target/quarkus-app},
     * which would pull classes from under a running service (and restart it from a different build).
     */
    private void snapshotBuilds() throws IOException {
        for (String s : SERVICES) {
            Path app = ROOT.resolve(s + "/target/quarkus-app");
            if (Files.exists(app.resolve("quarkus-run.jar"))) {
                linkTree(app, dir.resolve("apps/" + s));
            }
        }
        Path local = ROOT.resolve("deploy/local/target");
        if (!Files.exists(local.resolve("local-stack.jar"))) {
            throw new IllegalStateException(
                    local.resolve("local-stack.jar") + " is missing: build with ./mvnw install -DskipTests first");
        }
        Files.createDirectories(dir.resolve("apps/local-stack"));
        link(local.resolve("local-stack.jar"), dir.resolve("apps/local-stack/local-stack.jar"));
        linkTree(local.resolve("lib"), dir.resolve("apps/local-stack/lib"));
    }

    private static void linkTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    link(f, target);
                }
            }
        }
    }

    private static void link(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
