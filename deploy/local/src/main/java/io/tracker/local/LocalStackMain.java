package io.tracker.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the embedded default (Kafka + PostgreSQL) and keeps it up until Ctrl-C / SIGTERM.
 * Configuration from the environment: DATA_DIR (default .local-data), KAFKA_PORT (19092),
 * KAFKA_CONTROLLER_PORT (19093), PG_PORT (15432), DATABASES (negotiation,investment,projection), and
 * COMPONENTS (kafka,postgres: a fault test starts each in a process of its own), and KAFKA_AUTH (on: the broker
 * takes SASL/PLAIN logins of the users in DATA_DIR/kafka/users.properties, made on first start, and checks the
 * ACLs of {@link KafkaAccess}; off: an open broker).
 */
public final class LocalStackMain {
    private LocalStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(env("DATA_DIR", ".local-data")).toAbsolutePath();
        int kafkaPort = intEnv("KAFKA_PORT", 19092);
        int controllerPort = intEnv("KAFKA_CONTROLLER_PORT", 19093);
        int pgPort = intEnv("PG_PORT", 15432);
        List<String> databases = Arrays.asList(
                env("DATABASES", "negotiation,investment,projection").split(","));
        List<String> components =
                Arrays.asList(env("COMPONENTS", "kafka,postgres").split(","));
        boolean withKafka = components.contains("kafka");
        boolean withPostgres = components.contains("postgres");

        // only the process that runs the broker makes or reads its users (a PostgreSQL-only process has none)
        boolean secured = withKafka && !"off".equalsIgnoreCase(env("KAFKA_AUTH", "on"));
        LocalStack stack = new LocalStack(dataDir, kafkaPort, controllerPort, pgPort, secured);
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            stack.start(databases, withPostgres, withKafka);
        } catch (PortInUseException e) {
            System.err.println("local-stack: " + e.getMessage());
            stack.close();
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("local-stack: could not start: " + rootMessage(e));
            stack.close();
            System.exit(1);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("local-stack: stopping Kafka and PostgreSQL ...");
                            stack.close();
                            System.out.println("local-stack: stopped; data kept in " + dataDir);
                            stopped.countDown();
                        },
                        "local-stack-shutdown"));
        System.out.println("local-stack: READY"
                + (withKafka
                        ? " kafka=" + stack.kafka().bootstrapServers()
                                + (secured
                                        ? " (SASL/PLAIN, users in " + LocalStack.usersFile(dataDir) + ")"
                                        : " (open)")
                        : "")
                + (withPostgres ? " postgres=127.0.0.1:" + pgPort + " databases=" + String.join(",", databases) : "")
                + " data=" + dataDir);
        stopped.await();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int intEnv(String name, int fallback) {
        String value = env(name, String.valueOf(fallback));
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            System.err.println("local-stack: " + name + " must be a port number, not '" + value + "'");
            System.exit(2);
            return fallback;
        }
    }
}
