package io.tracker.projection.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.messaging.RecordReader;
import io.tracker.projection.persistence.PartitionPosition;

/**
 * Turns a poll's records into a batch to apply and the poison records to dead-letter, in the records' order;
 * records are read independently of each other, so a large batch (a replay, a catch-up) is read on every core.
 */
final class BatchReader {
    /** From this many records on, a batch's records are read in parallel (the common fork-join pool helps). */
    private static final int PARALLEL_READ_MIN = 256;

    /** A poll read: the batch of its events (and every record's offset to commit after), and its poison records. */
    record Read(Batch batch, List<DeadLetterPublisher.DeadLetter> letters) {}

    private final RecordReader reader = new RecordReader();
    private final Map<String, StreamKind> topics;
    private final ApplyTracing tracing;

    /** {@code topics}: the kind of stream each topic carries. */
    BatchReader(Map<String, StreamKind> topics, ApplyTracing tracing) {
        this.topics = topics;
        this.tracing = tracing;
    }

    Read read(ConsumerRecords<String, byte[]> records) {
        List<Incoming.Event> events = new ArrayList<>();
        List<ApplyTracing.Trace> traces = new ArrayList<>();
        List<DeadLetterPublisher.DeadLetter> letters = new ArrayList<>();
        Map<TopicPartition, Long> next = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        Incoming[] read = new Incoming[list.size()];
        IntStream indexes = IntStream.range(0, list.size());
        (list.size() >= PARALLEL_READ_MIN ? indexes.parallel() : indexes)
                .forEach(i -> read[i] =
                        reader.read(list.get(i), topics.get(list.get(i).topic())));
        for (int i = 0; i < read.length; i++) {
            ConsumerRecord<String, byte[]> record = list.get(i);
            Incoming in = read[i];
            if (in instanceof Incoming.Event e) {
                events.add(e);
                traces.add(tracing.of(record));
            } else {
                Incoming.Poison p = (Incoming.Poison) in;
                letters.add(new DeadLetterPublisher.DeadLetter(record, p.reason(), p.detail()));
            }
            next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
        List<PartitionPosition> positions = new ArrayList<>();
        next.forEach((tp, offset) -> positions.add(new PartitionPosition(tp.topic(), tp.partition(), offset)));
        return new Read(new Batch(events, traces, positions, next), letters);
    }
}
