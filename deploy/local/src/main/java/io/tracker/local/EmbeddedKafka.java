package io.tracker.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker + controller), running in this JVM.
 * Its log directory survives {@link #stop()}, so {@link #start()} after a stop brings back the same
 * topics and offsets (that is how tests simulate a broker outage).
 * <p>
 * With {@link KafkaUsers}, every listener (the client's and the controller's) takes SASL/PLAIN logins only, the
 * {@code StandardAuthorizer} checks every request, {@code admin} is the only super user, and on start the
 * topics and ACLs of {@link KafkaAccess} are made: a principal the broker does not know cannot log in, and a
 * service can do only what its ACLs allow. Without users, the broker is open (PLAINTEXT, no authorizer).
 */
public final class EmbeddedKafka {
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final KafkaUsers users;
    private KafkaRaftServer server;

    public EmbeddedKafka(Path dataDir, int port, int controllerPort) {
        this(dataDir, port, controllerPort, null);
    }

    /** @param users the principals the broker accepts, or null for an open broker */
    public EmbeddedKafka(Path dataDir, int port, int controllerPort, KafkaUsers users) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.users = users;
    }

    /** The principals of a secured broker, or null when it is open. */
    public KafkaUsers users() {
        return users;
    }

    /** What a client needs to reach this broker as {@code user} (ignored for an open broker). */
    public java.util.Map<String, Object> clientConfig(String user) {
        java.util.Map<String, Object> config = new java.util.HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        if (users != null) {
            config.putAll(users.clientConfig(user));
        }
        return config;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        Ports.requireFree(port, "Kafka", "KAFKA_PORT");
        Ports.requireFree(controllerPort, "Kafka controller", "KAFKA_CONTROLLER_PORT");
        Properties props = brokerProperties();
        Path logDir = dataDir.resolve("log");
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(props);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare the Kafka data directory " + dataDir, e);
        }
        KafkaRaftServer raftServer = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        raftServer.startup();
        server = raftServer;
        if (users != null) {
            try (org.apache.kafka.clients.admin.Admin admin =
                    org.apache.kafka.clients.admin.Admin.create(clientConfig(KafkaUsers.ADMIN))) {
                KafkaAccess.apply(admin);
            }
        }
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    private Properties brokerProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        String client = users == null ? "PLAINTEXT" : KafkaUsers.PROTOCOL;
        p.put("listeners", client + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", client + "://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", client);
        p.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:" + client);
        if (users != null) {
            String mechanism = KafkaUsers.MECHANISM;
            p.put("sasl.enabled.mechanisms", mechanism);
            p.put("sasl.mechanism.inter.broker.protocol", mechanism);
            p.put("sasl.mechanism.controller.protocol", mechanism);
            String jaas = users.brokerJaasConfig();
            p.put("listener.name." + client.toLowerCase(java.util.Locale.ROOT) + ".plain.sasl.jaas.config", jaas);
            p.put("listener.name.controller.plain.sasl.jaas.config", jaas);
            // logins checked by name, not by class: see PlainCredentials (a second broker in another class loader)
            p.put(
                    "listener.name." + client.toLowerCase(java.util.Locale.ROOT)
                            + ".plain.sasl.server.callback.handler.class",
                    PlainCredentials.class.getName());
            p.put(
                    "listener.name.controller.plain.sasl.server.callback.handler.class",
                    PlainCredentials.class.getName());
            p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            p.put("super.users", "User:" + KafkaUsers.ADMIN);
            p.put("allow.everyone.if.no.acl.found", "false");
            p.put("auto.create.topics.enable", "false");
        }
        p.put("log.dirs", dataDir.resolve("log").toString());
        p.put("num.partitions", "1");
        p.putIfAbsent("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.retention.hours", "-1");
        p.put("controlled.shutdown.enable", "false");
        p.put("controller.quorum.election.timeout.ms", "500");
        p.put("controller.quorum.fetch.timeout.ms", "1000");
        // at rest (issue 21): the controller appends a no-op record to the metadata log every 500 ms by default,
        // which the broker then replays; one node has no follower that needs it that often
        p.put("metadata.max.idle.interval.ms", System.getProperty("tracker.kafka.metadata-idle-ms", "5000"));
        // at rest (issue 21): every request handler and network thread wakes up every 300 ms to poll its queue or
        // selector, whether requests come or not; the defaults (8 handlers for the broker and 8 for the controller,
        // 3 network threads per listener: 24 threads) are sized for a broker of a cluster, not for one node on two
        // cores (docs/BENCHMARKS.md, "Kafka at rest")
        p.put("num.io.threads", System.getProperty("tracker.kafka.io-threads", "2"));
        p.put("num.network.threads", System.getProperty("tracker.kafka.network-threads", "1"));
        return p;
    }

    private void format(Properties props) throws IOException {
        Path config = dataDir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(config)) {
            props.store(w, "embedded KRaft broker");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = StorageTool.execute(
                new String[] {
                    "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }
}
