package io.tracker.projection.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.tracker.contract.testing.BadRecords;
import io.tracker.contractcheck.PublishedSchemas;
import io.tracker.contractcheck.testing.SchemaAgreement;
import io.tracker.projection.domain.StreamKind;

/**
 * contract-check's quick schema check against networknt's full validation (the reference) on what this service
 * reads: for every golden sample of both producers and thousands of mutations of them, the check that
 * {@link RecordReader} runs gives the same answer as the full validation ({@link SchemaAgreement}): valid, or the
 * same first violation. And every shared bad record still gets its reason from the reader.
 */
class QuickSchemaCheckTest {
    private static final Map<String, Path> PRODUCERS = Map.of(
            "negotiation-service",
            Path.of("../negotiation-service/src/main/resources/META-INF/resources/contract"),
            "investment-service",
            Path.of("../investment-service/src/main/resources/META-INF/resources/contract"));

    @Test
    void theQuickCheckAgreesWithTheFullValidationOnSamplesAndTheirMutations() throws IOException {
        PublishedSchemas schemas = new PublishedSchemas();
        SchemaAgreement.Result all = new SchemaAgreement.Result(0, 0, 0);
        for (Map.Entry<String, Path> producer : PRODUCERS.entrySet()) {
            all = all.plus(SchemaAgreement.check(
                    schemas, producer.getKey(), producer.getValue().resolve("samples")));
        }
        all.assertBothVerdictsAndMostValidPassedQuickly();
    }

    @Test
    void everyBadRecordStillGetsItsReason() {
        RecordReader reader = new RecordReader();
        for (BadRecords.Bad b : BadRecords.all("quick")) {
            ProducerRecord<String, byte[]> p = b.record();
            ConsumerRecord<String, byte[]> r = new ConsumerRecord<>(p.topic(), 0, 0, p.key(), p.value());
            p.headers().forEach(h -> r.headers().add(h));
            Incoming read = reader.read(r, StreamKind.NEGOTIATION);
            assertTrue(read instanceof Incoming.Poison, b.name() + " is poison");
            assertEquals(b.reason(), ((Incoming.Poison) read).reason().name(), b.name());
        }
    }
}
