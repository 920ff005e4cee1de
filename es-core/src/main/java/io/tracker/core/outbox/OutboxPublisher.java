package io.tracker.core.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.tracker.core.messaging.CloudEventHeaders;
import io.tracker.core.tracing.Traceparents;

/**
 * Sends events with an idempotent, acks=all producer and tells how many of them, in order, the
 * broker acknowledged. After a failure the producer is thrown away, so the next round starts clean.
 * <p>
 * An event stored with a traceparent (its command was traced) is published in a PRODUCER span of that trace,
 * and its record carries the header {@code traceparent} of that span (of the stored one when tracing is off
 * here), so the consumers' spans join the command's trace. An event without one gets neither span nor header.
 */
final class OutboxPublisher implements AutoCloseable {
    private static final java.time.Duration ACK_TIMEOUT = java.time.Duration.ofSeconds(15);
    private final Map<String, Object> kafkaConfig;
    private final String source;
    /** Read once: the relay builds the headers of every event it publishes. */
    private final String contractBaseUri = CloudEventHeaders.contractBaseUri();
    /** The name Kafka gives the producer's I/O thread (where it reports a batch's outcome). */
    static final String IO_THREAD = "kafka-producer-network-thread";

    private final Tracer tracer;
    private Producer producer;

    OutboxPublisher(Map<String, Object> kafkaConfig, String source, Tracer tracer) {
        this.kafkaConfig = kafkaConfig;
        this.source = source;
        this.tracer = tracer;
    }

    static Map<String, Object> producerConfig(Map<String, Object> base, String source) {
        Map<String, Object> config = new HashMap<>();
        // the kafka.* settings of the service (bootstrap servers, security) ...
        base.forEach((k, v) -> {
            if (!k.contains("serializer") && !k.contains("deserializer")) {
                config.put(k, v);
            }
        });
        // ... and what the outbox needs, whatever they say
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // one produce request at a time (it carries every partition's batch): with more, a request behind one that
        // failed can be written while the failed one is not (a broker that restarted no longer knows the
        // producer's sequence numbers and accepts it), and a stream's later events would reach the topic first
        // (seen in OutboxRelayTest in CI); the relay resends from its checkpoint after any failure
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        // the client never expires a batch before our own bound (ACK_TIMEOUT) closes it: an expired batch makes
        // the idempotent producer go on with the batches behind it (a new epoch), so a later event of a stream
        // could reach the topic before an earlier one (seen in OutboxRelayTest on a topic whose leader moved);
        // closing the producer instead aborts everything behind the one that did not get through
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) (ACK_TIMEOUT.toMillis() * 8));
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay" + source.replace('/', '-'));
        return config;
    }

    /**
     * Sends all events to {@code topic} and waits for the broker; returns how many leading events were
     * acknowledged and the error that stopped the rest (null when all went out).
     */
    Outcome send(List<PendingEntry> entries, String topic) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(entries.size());
        List<Span> spans = new ArrayList<>();
        RuntimeException sendFailure = null;
        try {
            Producer p = producer();
            for (PendingEntry e : entries) {
                if (p.failed()) {
                    break; // a record before this one failed: nothing after it may go out (see Producer)
                }
                Headers headers = CloudEventHeaders.of(e.event(), source, contractBaseUri);
                if (e.traceparent() != null) {
                    Span span = publishSpan(e, topic);
                    spans.add(span);
                    String traceparent = Traceparents.of(span.getSpanContext());
                    headers.add(
                            Traceparents.HEADER,
                            (traceparent != null ? traceparent : e.traceparent())
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                acks.add(p.send(new ProducerRecord<>(
                        topic, null, e.event().streamId(), e.event().payload(), headers)));
            }
        } catch (RuntimeException e) {
            // send() itself failed (no metadata within max.block.ms, …): what was queued is awaited below
            sendFailure = e;
        }
        Outcome outcome = await(acks, sendFailure);
        if (!spans.isEmpty()) {
            endSpans(entries, spans, outcome);
        }
        return outcome;
    }

    private Span publishSpan(PendingEntry e, String topic) {
        return tracer.spanBuilder(topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(Traceparents.parentContext(e.traceparent()))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", e.event().eventId().toString())
                .setAttribute("tracker.stream.id", e.event().streamId())
                .startSpan();
    }

    /** Ends the publish spans: those of the acknowledged entries as sent, the others as failed. */
    private static void endSpans(List<PendingEntry> entries, List<Span> spans, Outcome outcome) {
        int span = 0;
        for (int i = 0; i < entries.size() && span < spans.size(); i++) {
            if (entries.get(i).traceparent() == null) {
                continue;
            }
            Span s = spans.get(span++);
            if (i >= outcome.acknowledged()) {
                s.setStatus(
                        StatusCode.ERROR,
                        outcome.error() == null ? "not sent" : outcome.error().toString());
            }
            s.end();
        }
    }

    private Outcome await(List<Future<RecordMetadata>> acks, RuntimeException sendFailure) {
        int acknowledged = 0;
        // our own bound: a batch in flight when the broker went away can outlive delivery.timeout.ms (seen: 100 s)
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (TimeoutException e) {
                reset();
                return new Outcome(
                        acknowledged,
                        new TimeoutException("the broker acknowledged " + acknowledged + " of " + acks.size()
                                + " records within " + ACK_TIMEOUT.toSeconds() + " s"));
            } catch (ExecutionException e) {
                reset();
                return new Outcome(acknowledged, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reset();
                return new Outcome(acknowledged, e);
            }
        }
        if (sendFailure != null) {
            reset();
        }
        return new Outcome(acknowledged, sendFailure);
    }

    private Producer producer() {
        if (producer == null) {
            producer = new Producer(new KafkaProducer<>(
                    producerConfig(kafkaConfig, source), new StringSerializer(), new StringSerializer()));
        }
        return producer;
    }

    private void reset() {
        if (producer != null) {
            producer.close(java.time.Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }

    /**
     * A producer that sends nothing more once one of its records failed. Kafka's idempotent producer does go on
     * after a batch failed (it bumps its epoch and sends the batches behind it), so a stream's later events
     * could be written while an earlier one was not: the relay would then resend from its checkpoint, and the
     * topic would hold the later events first. The first failure therefore closes the producer at once, from the
     * producer's own I/O thread where it is reported (before that thread sends anything else: one request in
     * flight), which aborts every record behind it; a failure reported to the relay's thread (send() refused the
     * record) stops the relay's loop instead.
     */
    static final class Producer {
        private final KafkaProducer<String, String> kafka;
        private final AtomicBoolean failed = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        Producer(KafkaProducer<String, String> kafka) {
            this.kafka = kafka;
        }

        Future<RecordMetadata> send(ProducerRecord<String, String> record) {
            return kafka.send(record, (metadata, error) -> {
                if (error != null
                        && failed.compareAndSet(false, true)
                        && Thread.currentThread().getName().startsWith(IO_THREAD)) {
                    close(java.time.Duration.ZERO); // from the I/O thread Kafka closes without waiting for itself
                }
            });
        }

        boolean failed() {
            return failed.get();
        }

        void close(java.time.Duration timeout) {
            if (closed.compareAndSet(false, true)) {
                kafka.close(timeout);
            }
        }
    }

    record Outcome(int acknowledged, Throwable error) {}
}
