package io.tracker.projection.measure;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tracker.projection.Management;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Not a test: a small local measurement of the rebuild's speed, run by hand with
 * {@code -Dtracker.measure.rebuild.agreements=N} (each agreement: the 14 events of the February and June stories).
 * Publishes the events, waits until the live consumer applied them, rebuilds and prints events/s (the
 * generation's events applied over the time from its creation to its activation) and the JVM's CPU time per
 * event during the rebuild.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "tracker.measure.rebuild.agreements", matches = "\\d+")
class RebuildSpeedMeasurement {
    private static final Duration WAIT = Duration.ofMinutes(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Inject
    io.tracker.projection.rebuild.RebuildService rebuilds;

    @Inject
    io.tracker.projection.persistence.ProjectionWriter writer;

    @Test
    void measure() throws Exception {
        int agreements = Integer.getInteger("tracker.measure.rebuild.agreements");
        Auth.asRecorder();
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (Broker broker = new Broker(bootstrap);
                KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            broker.ensureTopics();
            List<Sample> february = Stories.february(Stories.SAMPLE_NEGOTIATION);
            List<Sample> june = Stories.june(Stories.SAMPLE_NEGOTIATION);
            List<Future<?>> sent = new ArrayList<>();
            long published = System.nanoTime();
            for (int i = 0; i < agreements; i++) {
                String id = "speed-" + run + "-" + i;
                for (Sample s : february) {
                    sent.add(producer.send(s.inStream(id).toRecord()));
                }
                for (Sample s : june) {
                    sent.add(producer.send(s.inStream(id).toRecord()));
                }
            }
            producer.flush();
            for (Future<?> f : sent) {
                f.get();
            }
            System.out.printf(
                    "MEASURE published %d events in %d ms%n", sent.size(), (System.nanoTime() - published) / 1_000_000);
            String last = "speed-" + run + "-" + (agreements - 1);
            long liveStart = System.nanoTime();
            Eventually.assertThat(WAIT, () -> Management.given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'projection-consumers' }.data.state", equalTo("LIVE")));
            Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", last)
                    .then()
                    .statusCode(200)
                    .body("basis.eventsKnown", equalTo(14)));
            System.out.printf(
                    "MEASURE live consumer caught up %d events in %d ms%n",
                    sent.size(), (System.nanoTime() - liveStart) / 1_000_000);

            System.out.printf(
                    "MEASURE applies by step before the rebuild (the live ones): %s%n", writer.applyBreakdown());
            long cpuBefore = processCpuNanos();
            long wallBefore = System.nanoTime();
            Response started = given().post("/admin/rebuild");
            assertEquals(202, started.statusCode(), started.asString());
            int generation = started.path("generation");
            // polled in the database, not over HTTP: the REST assertions' Groovy costs CPU the rebuild needs
            Eventually.assertThat(
                    WAIT,
                    () -> assertEquals(
                            "ACTIVE",
                            pool.preparedQuery("select state from projection_generation where generation = $1")
                                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(generation))
                                    .await()
                                    .atMost(Duration.ofSeconds(10))
                                    .iterator()
                                    .next()
                                    .getString(0)));
            long cpu = processCpuNanos() - cpuBefore;
            long wall = System.nanoTime() - wallBefore;
            Row row = pool.preparedQuery(
                            "select events_applied, transactions,"
                                    + " extract(epoch from activated_at - created_at) from projection_generation where generation = $1")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(generation))
                    .await()
                    .atMost(Duration.ofSeconds(10))
                    .iterator()
                    .next();
            long events = row.getLong(0);
            double seconds = row.getNumeric(2).doubleValue();
            System.out.printf(
                    "MEASURE rebuild: %d events, %d transactions, %.2f s (created → active), %.0f events/s;"
                            + " wall as seen by the test %d ms; service JVM CPU %.3f ms/event (%d cores)%n",
                    events,
                    row.getLong(1),
                    seconds,
                    events / seconds,
                    wall / 1_000_000,
                    cpu / 1e6 / events,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("MEASURE load (empty: none): %s%n", rebuilds.lastLoad());
            System.out.printf("MEASURE replay stages: %s%n", rebuilds.current().stageBreakdown());
            System.out.printf(
                    "MEASURE applies by step after the rebuild (live + rebuild): %s%n", writer.applyBreakdown());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = io.tracker.local.test.TestKafka.clientMap();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return config;
    }
}
