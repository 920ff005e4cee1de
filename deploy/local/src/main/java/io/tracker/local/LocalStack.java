package io.tracker.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The embedded default: one Kafka broker and one PostgreSQL server, with one database per service. */
public final class LocalStack implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final EmbeddedPostgresServer postgres;

    public LocalStack(Path dataDir, int kafkaPort, int kafkaControllerPort, int pgPort) {
        this(dataDir, kafkaPort, kafkaControllerPort, pgPort, false);
    }

    /**
     * @param secured the broker takes SASL logins of the users in {@code <dataDir>/kafka/users.properties} (made on
     *        first start) and checks the ACLs of {@link KafkaAccess}
     */
    public LocalStack(Path dataDir, int kafkaPort, int kafkaControllerPort, int pgPort, boolean secured) {
        this.kafka = new EmbeddedKafka(
                dataDir.resolve("kafka"),
                kafkaPort,
                kafkaControllerPort,
                secured ? KafkaUsers.loadOrCreate(usersFile(dataDir)) : null);
        this.postgres = new EmbeddedPostgresServer(dataDir.resolve("postgres"), pgPort);
    }

    /** Where a secured stack keeps its Kafka users and their passwords. */
    public static Path usersFile(Path dataDir) {
        return dataDir.resolve("kafka").resolve("users.properties");
    }

    public LocalStack start(List<String> databases) {
        return start(databases, true, true);
    }

    /** Starts PostgreSQL (and its databases) and/or Kafka; a fault test runs each in a process of its own. */
    public LocalStack start(List<String> databases, boolean withPostgres, boolean withKafka) {
        if (withPostgres) {
            postgres.start();
            databases.forEach(postgres::ensureDatabase);
        }
        if (withKafka) {
            kafka.start();
        }
        return this;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    /** The configuration a Quarkus service needs to use this stack's database {@code database}. */
    public Map<String, String> quarkusConfig(String database) {
        return quarkusConfig(database, database + "-service");
    }

    /** As {@link #quarkusConfig(String)}, logging in to a secured broker as {@code kafkaUser}. */
    public Map<String, String> quarkusConfig(String database, String kafkaUser) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        if (kafka.users() != null) {
            config.put("kafka.security.protocol", KafkaUsers.PROTOCOL);
            config.put("kafka.sasl.mechanism", KafkaUsers.MECHANISM);
            config.put("kafka.sasl.jaas.config", kafka.users().jaasConfig(kafkaUser));
        }
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
        config.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
        return config;
    }

    @Override
    public void close() {
        try {
            kafka.stop();
        } finally {
            postgres.stop();
        }
    }
}
