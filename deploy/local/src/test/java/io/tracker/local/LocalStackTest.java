package io.tracker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @TempDir
    Path dir;

    @Test
    void realBrokerAndDatabaseKeepTheirDataAcrossARestart() throws Exception {
        int kafkaPort = Ports.free();
        int pgPort = Ports.free();
        int ctlPort = Ports.free();
        try (LocalStack stack = new LocalStack(dir, kafkaPort, ctlPort, pgPort).start(List.of("alpha"))) {
            String jdbc = stack.postgres().jdbcUrl("alpha");
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
                c.createStatement().execute("create table t(x int)");
                c.createStatement().execute("insert into t values (42)");
            }
            produce(stack.kafka().bootstrapServers(), "before");
            stack.kafka().stop();
            stack.kafka().start();
            produce(stack.kafka().bootstrapServers(), "after");
            assertEquals(List.of("before", "after"), consumeAll(stack.kafka().bootstrapServers(), 2));
        }
        // second start on the same folder: data kept, no re-format ("Invalid cluster.id" would fail here)
        try (LocalStack stack = new LocalStack(dir, kafkaPort, ctlPort, pgPort).start(List.of("alpha"))) {
            try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl("alpha"), "postgres", "postgres");
                    ResultSet rs = c.createStatement().executeQuery("select x from t")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
            assertEquals(List.of("before", "after"), consumeAll(stack.kafka().bootstrapServers(), 2));
            assertEquals(
                    Map.of("num.io.threads", "2", "num.network.threads", "1", "metadata.max.idle.interval.ms", "5000"),
                    brokerSettings(
                            stack.kafka().bootstrapServers(),
                            "num.io.threads",
                            "num.network.threads",
                            "metadata.max.idle.interval.ms"),
                    "the broker is sized for one node at rest (issue 21)");
            Map<String, String> config = stack.quarkusConfig("alpha");
            assertEquals("postgresql://127.0.0.1:" + pgPort + "/alpha", config.get("quarkus.datasource.reactive.url"));
        }
    }

    @Test
    void aTakenPortGetsAOneLineError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalStack stack = new LocalStack(dir, Ports.free(), Ports.free(), taken.getLocalPort());
            PortInUseException e = assertThrows(PortInUseException.class, () -> stack.start(List.of("x")));
            assertEquals(
                    "Port " + taken.getLocalPort()
                            + " (PostgreSQL) is already in use: stop what uses it or choose another with PG_PORT=<port>",
                    e.getMessage());
            stack.close();
        }
    }

    /** The named settings as the running broker (node 1) reports them. */
    private static Map<String, String> brokerSettings(String bootstrap, String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
            Map<String, String> found = new java.util.HashMap<>();
            for (String name : names) {
                found.put(name, config.get(name).value());
            }
            return found;
        }
    }

    private static void produce(String bootstrap, String value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("smoke", "k", value)).get();
        }
    }

    private static List<String> consumeAll(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "smoke-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("smoke"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
