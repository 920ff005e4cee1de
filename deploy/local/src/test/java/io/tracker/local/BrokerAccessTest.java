package io.tracker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secured local broker (what the run command starts): a principal it does not know cannot log in, a
 * service cannot write another producer's topic nor read with another service's group, and each service can
 * do what deploy/k8s's KafkaUsers allow it (real broker, real errors).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerAccessTest {
    @TempDir
    static Path dir;

    private EmbeddedKafka kafka;

    @BeforeAll
    void start() {
        kafka = new EmbeddedKafka(
                dir.resolve("kafka"), Ports.free(), Ports.free(), KafkaUsers.loadOrCreate(LocalStack.usersFile(dir)));
        kafka.start();
    }

    @AfterAll
    void stop() {
        kafka.stop();
    }

    @Test
    void anUnknownPrincipalCannotProduceToAnEventTopic() {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig(KafkaUsers.ADMIN));
        config.put("sasl.jaas.config", KafkaUsers.jaasConfig("mallory", "guessed"));
        ExecutionException e =
                assertThrows(ExecutionException.class, () -> produce(config, KafkaAccess.NEGOTIATION_EVENTS));
        assertInstanceOf(SaslAuthenticationException.class, e.getCause(), e.toString());
        // a known user with a wrong password is no better
        config.put("sasl.jaas.config", KafkaUsers.jaasConfig(KafkaUsers.NEGOTIATION, "guessed"));
        e = assertThrows(ExecutionException.class, () -> produce(config, KafkaAccess.NEGOTIATION_EVENTS));
        assertInstanceOf(SaslAuthenticationException.class, e.getCause(), e.toString());
    }

    @Test
    void aServiceCannotWriteAnotherProducersTopic() {
        for (String[] refused : List.of(
                new String[] {KafkaUsers.INVESTMENT, KafkaAccess.NEGOTIATION_EVENTS},
                new String[] {KafkaUsers.PROJECTION, KafkaAccess.NEGOTIATION_EVENTS},
                new String[] {KafkaUsers.PROJECTION, KafkaAccess.INVESTMENT_EVENTS},
                new String[] {KafkaUsers.NEGOTIATION, KafkaAccess.INVESTMENT_EVENTS},
                new String[] {KafkaUsers.NEGOTIATION, KafkaAccess.PROJECTION_DLQ},
                new String[] {KafkaUsers.PROJECTION, KafkaAccess.INVESTMENT_DLQ},
                new String[] {KafkaUsers.INVESTMENT, KafkaAccess.PROJECTION_DLQ})) {
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> produce(kafka.clientConfig(refused[0]), refused[1]),
                    refused[0] + " -> " + refused[1]);
            assertInstanceOf(
                    TopicAuthorizationException.class, e.getCause(), refused[0] + " -> " + refused[1] + ": " + e);
        }
    }

    @Test
    void eachServiceWritesItsOwnTopicAndReadsWithItsOwnGroup() throws Exception {
        produce(kafka.clientConfig(KafkaUsers.NEGOTIATION), KafkaAccess.NEGOTIATION_EVENTS);
        produce(kafka.clientConfig(KafkaUsers.INVESTMENT), KafkaAccess.INVESTMENT_EVENTS);
        produce(kafka.clientConfig(KafkaUsers.PROJECTION), KafkaAccess.PROJECTION_DLQ);
        produce(kafka.clientConfig(KafkaUsers.INVESTMENT), KafkaAccess.INVESTMENT_DLQ);
        assertEquals(1, consume(KafkaUsers.INVESTMENT, "investment-service", KafkaAccess.NEGOTIATION_EVENTS));
        assertEquals(1, consume(KafkaUsers.PROJECTION, "projection-service", KafkaAccess.INVESTMENT_EVENTS));
        assertEquals(1, consume(KafkaUsers.PROJECTION, "projection-service-rebuild-7", KafkaAccess.NEGOTIATION_EVENTS));
        // another service's group, and a topic the service does not consume, are refused
        assertThrows(
                GroupAuthorizationException.class,
                () -> consume(KafkaUsers.INVESTMENT, "projection-service", KafkaAccess.NEGOTIATION_EVENTS));
        assertThrows(
                TopicAuthorizationException.class,
                () -> consume(KafkaUsers.NEGOTIATION, "negotiation-service", KafkaAccess.INVESTMENT_EVENTS));
    }

    private static void produce(Map<String, Object> config, String topic) throws Exception {
        Map<String, Object> p = new HashMap<>(config);
        p.put("acks", "all");
        p.put("max.block.ms", "15000");
        p.put("delivery.timeout.ms", "15000");
        p.put("request.timeout.ms", "10000");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
        }
    }

    private int consume(String user, String group, String topic) {
        Map<String, Object> p = new HashMap<>(kafka.clientConfig(user));
        p.put("group.id", group);
        p.put("auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            consumer.commitSync();
        }
        return values.size();
    }
}
