package io.tracker.projection.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.tracker.local.test.TestKafka;

/** The test's side of the real broker: publishes samples (and raw records), reads topics. */
public final class Broker implements AutoCloseable {
    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;

    public Broker(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.putAll(TestKafka.clientConfig());
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("linger.ms", "0");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Creates the topics of the contract (3 partitions for the event topics), if they do not exist. */
    public void ensureTopics() {
        try (Admin admin = Admin.create(TestKafka.clientMap())) {
            for (String topic : List.of(Sample.NEGOTIATION_TOPIC, Sample.INVESTMENT_TOPIC, "tracker.projection.dlq")) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, topic.endsWith("dlq") ? 1 : 3, (short) 1)))
                            .all()
                            .get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void publish(List<Sample> samples) {
        samples.forEach(s -> send(s.toRecord()));
        producer.flush();
    }

    public void publish(Sample... samples) {
        publish(List.of(samples));
    }

    public void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing failed: " + e.getCause(), e);
        }
    }

    /** Reads a topic from the beginning until {@code done} holds or {@code max} passed. */
    public List<ConsumerRecord<String, byte[]>> read(
            String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration max) {
        Properties p = new Properties();
        p.putAll(TestKafka.clientConfig());
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "test-reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + max.toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
