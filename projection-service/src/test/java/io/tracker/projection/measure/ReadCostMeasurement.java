package io.tracker.projection.measure;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.messaging.RecordReader;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;

/**
 * Not a test: the JVM's cost of reading one Kafka record (the rebuild's and the live path's {@link RecordReader#read}:
 * headers, UTF-8, JSON tree, schema check, domain event), run by hand with
 * {@code -Dtracker.measure.read.records=N}: the 14 records of the February and June stories in N / 14 streams, read
 * on one thread after a warm-up, five rounds; prints the CPU time and the bytes allocated per record (the thread's
 * own counters, so other load on the machine changes the first little and the second not at all).
 */
@EnabledIfSystemProperty(named = "tracker.measure.read.records", matches = "\\d+")
class ReadCostMeasurement {
    @Test
    void measure() {
        int n = Integer.getInteger("tracker.measure.read.records");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        List<Sample> story = new ArrayList<>(Stories.february(Stories.SAMPLE_NEGOTIATION));
        story.addAll(Stories.june(Stories.SAMPLE_NEGOTIATION));
        for (int i = 0; records.size() < n; i++) {
            for (Sample s : story) {
                records.add(s.inStream("read-" + i).toConsumerRecord(records.size()));
            }
        }
        RecordReader reader = new RecordReader();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int round = 0; round < 8; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long bytes = threads.getThreadAllocatedBytes(id);
            int events = 0;
            for (ConsumerRecord<String, byte[]> r : records) {
                if (reader.read(r, StreamKind.NEGOTIATION) instanceof Incoming.Event) {
                    events++;
                }
            }
            if (events != records.size()) {
                throw new AssertionError(records.size() - events + " records were not read as events");
            }
            System.out.printf(
                    "MEASURE read round %d%s: %d records, %.1f us CPU and %.1f KB allocated per record%n",
                    round,
                    round < 3 ? " (warm-up)" : "",
                    records.size(),
                    (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / records.size(),
                    (threads.getThreadAllocatedBytes(id) - bytes) / 1024.0 / records.size());
        }
    }
}
