package io.tracker.system.bench;

import static io.tracker.system.bench.BenchReport.f0;
import static io.tracker.system.bench.BenchReport.f2;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tracker.system.bench.CpuAccounting.Snapshot;

/**
 * The projection rebuild: a new generation built from the topics through projection-service's admin API, timed
 * (server and client side) with its CPU by process, thread kind and PostgreSQL process.
 */
final class RebuildPhase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchRun run;
    private final BenchReport report;
    private final BenchSystem sys;
    private final CpuAccounting cpu;
    private final TopLevel top;
    private final boolean profile;

    RebuildPhase(BenchRun run) {
        this.run = run;
        this.report = run.report();
        this.sys = run.sys();
        this.cpu = run.cpu();
        this.top = run.top();
        this.profile = run.profile();
    }

    void rebuild() throws Exception {
        long topicEvents = topicEvents();
        long factsBefore = run.count(
                "projection",
                "select count(*) from fact where generation = (select generation from"
                        + " projection_generation where state = 'ACTIVE')");
        report.log("rebuild: %d records on the topics, %d facts in the active generation", topicEvents, factsBefore);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        java.time.Instant begin = java.time.Instant.now();
        Profiles.PgActivity pg = profile ? new Profiles.PgActivity(sys, 20) : null;
        Map<String, Long> projectionThreadsBefore = ThreadTicks.service(sys.pid("projection-service"));
        Map<String, Long> pgBefore = CpuAccounting.postgresTicks(sys.postmasterPid());
        Snapshot before = cpu.snapshot();
        long t0 = System.nanoTime();
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create(sys.url("projection-service", "/admin/rebuild")))
                        .header("Authorization", "Bearer " + sys.recorderToken)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild not started: " + started.statusCode() + " " + started.body());
        }
        int generation = JSON.readTree(started.body()).path("generation").asInt();
        JsonNode status;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(sys.url("projection-service", "/admin/rebuild")))
                            .header("Authorization", "Bearer " + sys.analystToken)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            status = JSON.readTree(r.body());
            String state = status.path("state").asText();
            if (status.path("generation").asInt() == generation && "ACTIVE".equals(state)) {
                break;
            }
            if ("FAILED".equals(state) || System.nanoTime() > deadline) {
                throw new IllegalStateException("rebuild did not finish: " + r.body());
            }
            Thread.sleep(50);
        }
        double clientSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> cores = CpuAccounting.cores(before, cpu.snapshot());
        Map<String, Long> projectionThreadsAfter = ThreadTicks.service(sys.pid("projection-service"));
        Map<String, Long> pgAfter = CpuAccounting.postgresTicks(sys.postmasterPid());
        Map<String, Double> projectionThreads =
                ThreadTicks.coresByKind(projectionThreadsBefore, projectionThreadsAfter, clientSeconds);
        Map<String, Double> pgCores = PhaseCpu.postgresCores(pgBefore, pgAfter, clientSeconds);
        report.log(
                "rebuild: projection-service CPU cores by thread kind %s; postgres by process %s",
                projectionThreads, pgCores);
        if (pg != null) {
            pg.close();
            Profiles.write(report.dir.resolve("profile/rebuild-pg_stat_activity.txt"), pg.summary());
            Path jfr = report.dir.resolve("profile/rebuild-projection-service.jfr");
            java.time.Instant end = java.time.Instant.now();
            Profiles.jfrDump(sys.pid("projection-service"), jfr, begin, end);
            Profiles.write(
                    report.dir.resolve("profile/rebuild-projection-service.txt"),
                    Profiles.summarize(jfr, 25, begin, end));
        }
        long applied = status.path("eventsApplied").asLong();
        long transactions = status.path("transactions").asLong();
        double serverSeconds = Duration.between(
                                OffsetDateTime.parse(status.path("createdAt").asText()),
                                OffsetDateTime.parse(status.path("activatedAt").asText()))
                        .toNanos()
                / 1e9;
        report.log(
                "rebuild: generation %d ACTIVE, %d events in %d transactions, server %.2f s (%s events/s), client %.2f s"
                        + " (%s events/s); CPU %s",
                generation,
                applied,
                transactions,
                serverSeconds,
                f0(applied / serverSeconds),
                clientSeconds,
                f0(applied / clientSeconds),
                cores);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("topicRecords", topicEvents);
        j.put("factsBefore", factsBefore);
        j.put("eventsApplied", applied);
        j.put("transactions", transactions);
        j.put("serverSeconds", serverSeconds);
        j.put("clientSeconds", clientSeconds);
        j.put("eventsPerSecondServer", applied / serverSeconds);
        j.put("eventsPerSecondClient", applied / clientSeconds);
        j.put("cpuCores", cores);
        j.put("projectionCpuCoresByThreadKind", projectionThreads);
        j.put("postgresCpuCoresByProcess", pgCores);
        report.put("rebuild", j);
        top.rebuildEventsPerSecond = applied / serverSeconds;
        run.tables().rebuildRow = List.of(
                Long.toString(applied),
                Long.toString(transactions),
                f2(serverSeconds),
                f0(applied / serverSeconds),
                f2(clientSeconds),
                f0(applied / clientSeconds),
                f2(cores.get("projection-service")),
                f2(cores.get("postgres")),
                f2(cores.get("kafka")));
    }

    private long topicEvents() {
        Properties p = new Properties();
        p.putAll(sys.kafkaClientConfig());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sys.bootstrap());
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (String topic : List.of("tracker.negotiation.events", "tracker.investment.events")) {
                for (PartitionInfo pi : c.partitionsFor(topic)) {
                    tps.add(new TopicPartition(topic, pi.partition()));
                }
            }
            long end = c.endOffsets(tps).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            long begin = c.beginningOffsets(tps).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            return end - begin;
        }
    }
}
