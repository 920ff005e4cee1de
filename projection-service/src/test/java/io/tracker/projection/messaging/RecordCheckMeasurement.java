package io.tracker.projection.messaging;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.tracker.contractcheck.PublishedSchemas;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.support.Sample;

/**
 * Not a test: the JVM's cost of the schema check of one record, run by hand with
 * {@code -Dtracker.measure.check.records=N}: the golden samples of both producers (27 types) in N / 27 streams;
 * the data of each validated by networknt's full validation (the check before) and by the check
 * {@link RecordReader} runs now (the quick check, the full validation only for data it does not pass), the two
 * alternately, round after round on one thread; then the whole {@link RecordReader#read} of the same records.
 * Prints the CPU time and the bytes allocated per record (the thread's own counters).
 */
@EnabledIfSystemProperty(named = "tracker.measure.check.records", matches = "\\d+")
class RecordCheckMeasurement {
    private interface Check {
        String firstViolation(PublishedSchemas.Published schema, JsonNode data);
    }

    @Test
    void measure() throws PoisonException {
        int n = Integer.getInteger("tracker.measure.check.records");
        List<Sample> samples = Sample.all().stream().map(Sample::read).toList();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        List<StreamKind> kinds = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        List<PublishedSchemas.Published> schemas = new ArrayList<>();
        PublishedSchemas published = new PublishedSchemas();
        EventDecoder decoder = new EventDecoder();
        for (int i = 0; records.size() < n; i++) {
            for (Sample s : samples) {
                ConsumerRecord<String, byte[]> r = s.inStream("check-" + i).toConsumerRecord(records.size());
                StreamKind kind = s.isInvestment() ? StreamKind.INVESTMENT : StreamKind.NEGOTIATION;
                records.add(r);
                kinds.add(kind);
                data.add(decoder.parse(r.value()));
                schemas.add(published
                        .schema(
                                kind.wireName() + "-service",
                                s.type(),
                                Integer.parseInt(s.attributeValue("schemaversion")))
                        .orElseThrow());
            }
        }
        Check full = (schema, d) -> PublishedSchemas.firstViolation(schema.full(), d);
        Check now = PublishedSchemas.Published::firstViolation;
        RecordReader reader = new RecordReader();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int round = 0; round < 16; round++) {
            boolean isFull = round % 2 == 0;
            Check check = isFull ? full : now;
            long cpu = threads.getCurrentThreadCpuTime();
            long bytes = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < data.size(); i++) {
                if (check.firstViolation(schemas.get(i), data.get(i)) != null) {
                    throw new AssertionError("record " + i + " is not valid");
                }
            }
            report("check " + (isFull ? "full " : "quick"), round, data.size(), threads, id, cpu, bytes);
        }
        for (int round = 0; round < 6; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long bytes = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < records.size(); i++) {
                if (!(reader.read(records.get(i), kinds.get(i)) instanceof Incoming.Event)) {
                    throw new AssertionError("record " + i + " was not read as an event");
                }
            }
            report("read (quick check)", round, records.size(), threads, id, cpu, bytes);
        }
    }

    private static void report(
            String what, int round, int n, com.sun.management.ThreadMXBean threads, long id, long cpu, long bytes) {
        System.out.printf(
                "MEASURE %s round %d%s: %d records, %.2f us CPU and %.2f KB allocated per record%n",
                what,
                round,
                round < 4 ? " (warm-up)" : "",
                n,
                (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / n,
                (threads.getThreadAllocatedBytes(id) - bytes) / 1024.0 / n);
    }
}
