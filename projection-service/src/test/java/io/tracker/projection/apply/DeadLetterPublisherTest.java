package io.tracker.projection.apply;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.tracker.projection.messaging.PoisonReason;

/**
 * The dead-letter producer is made at the first dead letter, not with the publisher (which the live consumers make at
 * start): no producer thread before, one after. PoisonRecordsTest sends through it to the real broker.
 */
class DeadLetterPublisherTest {

    @Test
    void theProducerIsMadeAtTheFirstDeadLetter() throws Exception {
        String clientId = "dlq-lazy-" + System.nanoTime();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> kafka = Map.of(
                "bootstrap.servers", "localhost:" + closedPort,
                "max.block.ms", 1_000,
                "delivery.timeout.ms", 1_500,
                "request.timeout.ms", 1_000);
        try (DeadLetterPublisher publisher = new DeadLetterPublisher(kafka, "dlq", "group", clientId)) {
            publisher.send(List.of());
            assertFalse(publisher.started(), "no producer before a dead letter");
            assertFalse(producerThread(clientId), "no producer thread before a dead letter");

            ConsumerRecord<String, byte[]> poison = new ConsumerRecord<>("t", 0, 7L, "k", new byte[] {1});
            // no broker on that port: the send fails, and says so, but the producer was made for it
            assertThrows(
                    IllegalStateException.class,
                    () -> publisher.send(
                            List.of(new DeadLetterPublisher.DeadLetter(poison, PoisonReason.NOT_JSON, "not json"))));
            assertTrue(publisher.started());
            assertTrue(producerThread(clientId));
        }
    }

    private static boolean producerThread(String clientId) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().contains(clientId));
    }
}
