package io.tracker.system;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.tracker.local.KafkaUsers;
import io.tracker.local.LocalStack;
import io.tracker.local.jwt.Tokens;

/**
 * How the system tests and the benchmark start the system's processes: the environment deploy/local's
 * {@code LocalStackMain} and each service read (the same variables the run command and Kubernetes set), and the
 * JVM to run them with.
 */
public final class Processes {
    private Processes() {}

    /** This JVM's {@code bin/<tool>} ({@code java}, {@code jcmd}). */
    public static String jdkTool(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    /**
     * The environment of a local-stack process running {@code component} (kafka, postgres or both). The broker is
     * the run command's secured one (SASL/PLAIN, the ACLs of deploy/local's KafkaAccess, the topics made on start);
     * its users are those of {@link #kafkaUsers(Path)} for the same {@code dataDir}.
     */
    public static Map<String, String> stackEnvironment(
            Path dataDir, String component, int kafkaPort, int controllerPort, int pgPort, String databases) {
        return Map.of(
                "DATA_DIR",
                dataDir.toString(),
                "COMPONENTS",
                component,
                "KAFKA_PORT",
                Integer.toString(kafkaPort),
                "KAFKA_CONTROLLER_PORT",
                Integer.toString(controllerPort),
                "PG_PORT",
                Integer.toString(pgPort),
                "DATABASES",
                databases,
                "KAFKA_AUTH",
                "on");
    }

    /**
     * The Kafka users (and passwords) of the broker of {@code dataDir}, made now when missing: the broker process
     * started later reads the same file, so services and the tests' own clients know their passwords beforehand.
     */
    public static KafkaUsers kafkaUsers(Path dataDir) {
        return KafkaUsers.loadOrCreate(LocalStack.usersFile(dataDir));
    }

    /** The login of the tests' own clients (producing poison records, reading topics): the broker's admin. */
    public static Map<String, String> testClientConfig(KafkaUsers users) {
        return users.clientConfig(KafkaUsers.ADMIN);
    }

    /**
     * The environment of a service ({@code negotiation-service}: database {@code negotiation}) on local ports: the API
     * on {@code httpPort}, health, metrics and OpenAPI on {@code managementPort}; logging in to the broker as its own
     * user (only its rights; it creates no topic), as the run command starts it.
     */
    public static Map<String, String> serviceEnvironment(
            String service,
            int httpPort,
            int managementPort,
            int pgPort,
            int kafkaPort,
            Path jwtPublicKey,
            KafkaUsers users) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("DB_NAME", service.replace("-service", ""));
        env.put("DB_PORT", Integer.toString(pgPort));
        env.put("DB_HOST", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        env.put("KAFKA_SECURITY_PROTOCOL", KafkaUsers.PROTOCOL);
        env.put("KAFKA_SASL_MECHANISM", KafkaUsers.MECHANISM);
        env.put("KAFKA_SASL_JAAS_CONFIG", users.jaasConfig(service));
        env.put("KAFKA_CREATE_TOPICS", "false");
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + jwtPublicKey);
        env.put("MP_JWT_VERIFY_ISSUER", Tokens.LOCAL_ISSUER);
        return env;
    }
}
