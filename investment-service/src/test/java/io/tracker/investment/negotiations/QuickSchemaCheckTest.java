package io.tracker.investment.negotiations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.tracker.contract.testing.BadRecords;
import io.tracker.contractcheck.PublishedSchemas;
import io.tracker.contractcheck.testing.SchemaAgreement;

/**
 * contract-check's quick schema check against networknt's full validation (the reference) on what this service
 * reads, as projection-service's test does: for every golden sample of negotiation-service and thousands of
 * mutations of them, the check that {@link NegotiationRecords} runs gives the same answer as the full validation
 * ({@link SchemaAgreement}): valid, or the same first violation. And every shared bad record still gets its reason
 * from {@link NegotiationRecords}.
 */
class QuickSchemaCheckTest {
    private static final Path SAMPLES =
            Path.of("../negotiation-service/src/main/resources/META-INF/resources/contract/samples");

    @Test
    void theQuickCheckAgreesWithTheFullValidationOnSamplesAndTheirMutations() throws IOException {
        SchemaAgreement.Result r = SchemaAgreement.check(new PublishedSchemas(), NegotiationRecords.PRODUCER, SAMPLES);
        r.assertBothVerdictsAndMostValidPassedQuickly();
    }

    @Test
    void everyBadRecordStillGetsItsReason() {
        NegotiationRecords records = new NegotiationRecords();
        for (BadRecords.Bad b : BadRecords.all("quick")) {
            ProducerRecord<String, byte[]> p = b.record();
            ConsumerRecord<String, byte[]> r = new ConsumerRecord<>(p.topic(), 0, 0, p.key(), p.value());
            p.headers().forEach(h -> r.headers().add(h));
            PoisonRecordException e = assertThrows(PoisonRecordException.class, () -> records.read(r), b.name());
            assertEquals(b.reason(), e.reason().name(), b.name());
        }
    }
}
