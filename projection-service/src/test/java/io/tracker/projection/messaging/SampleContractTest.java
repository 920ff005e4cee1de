package io.tracker.projection.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.support.Sample;

/**
 * The consumer side of the contract: every golden sample the producers publish is read by this service, and
 * every type this service reads has a sample. A new producer event type without consumer support fails here.
 */
class SampleContractTest {
    private final RecordReader reader = new RecordReader();

    @Test
    void everySampleOfBothProducersIsUnderstood() {
        List<Path> files = Sample.all();
        assertFalse(files.isEmpty(), "no golden samples found under " + Sample.NEGOTIATION_SAMPLES.toAbsolutePath());
        for (Path file : files) {
            Sample sample = Sample.read(file);
            Incoming in = reader.read(sample.toConsumerRecord(0), kind(sample));
            if (in instanceof Incoming.Poison p) {
                fail(file.getFileName() + " is not understood by the projection: " + p.reason() + " " + p.detail());
            }
            Incoming.Event e = (Incoming.Event) in;
            assertEquals(sample.type(), e.event().type().typeName(), file.toString());
            assertEquals(sample.subject(), e.event().streamId());
            assertEquals(sample.version(), e.event().version());
            assertEquals(sample.id(), e.event().eventId().toString());
        }
    }

    @Test
    void aStoredPayloadReadsBackAsTheRecordWasRead() throws PoisonException {
        // the summaries decode stored payloads in one pass (no tree): the same events as the Kafka path
        for (Path file : Sample.all()) {
            Incoming.Event e =
                    (Incoming.Event) reader.read(Sample.read(file).toConsumerRecord(0), kind(Sample.read(file)));
            assertEquals(
                    e.event().body(),
                    reader.decoder()
                            .decode(
                                    e.event().type(),
                                    e.schemaVersion(),
                                    new String(e.payload(), StandardCharsets.UTF_8)),
                    file.toString());
        }
        PoisonException notJson = assertThrows(
                PoisonException.class, () -> reader.decoder().decode(EventType.LEADERS_MET, 1, "{\"fact\": "));
        assertEquals(PoisonReason.NOT_JSON, notJson.reason());
        PoisonException invalid = assertThrows(PoisonException.class, () -> reader.decoder()
                .decode(EventType.LEADERS_MET, 1, "{\"summary\": \"no fact\"}"));
        assertEquals(PoisonReason.INVALID_EVENT, invalid.reason());
        assertTrue(invalid.getMessage().contains("fact is required"), invalid.getMessage());
    }

    @Test
    void everyTypeTheProjectionReadsIsPublishedWithASample() {
        Set<String> published = Sample.all().stream()
                .map(Sample::read)
                .map(Sample::type)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> read = Arrays.stream(EventType.values())
                .map(EventType::typeName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(read, published, "the types this service reads and the producers' samples differ");
    }

    /** Contract 1.1.0: FactCorrected v2 (correctsVersion) is written; v1 (targetVersion) records stay readable. */
    @Test
    void factCorrectedV1AndV2ReadAsTheSameCorrection() throws PoisonException {
        Sample v1 = Sample.of("FactCorrected");
        Sample v2 = Sample.read(Sample.NEGOTIATION_SAMPLES.resolve("FactCorrected.v2.json"));
        assertEquals("1", v1.attributeValue("schemaversion"));
        assertEquals("2", v2.attributeValue("schemaversion"));
        Incoming.Event e1 = (Incoming.Event) reader.read(v1.toConsumerRecord(0), StreamKind.NEGOTIATION);
        Incoming.Event e2 = (Incoming.Event) reader.read(v2.toConsumerRecord(1), StreamKind.NEGOTIATION);
        assertEquals(e1.event().body(), e2.event().body());
        assertEquals(3L, e1.event().targetVersion());
        // a stored v1 payload (as the rebuild and the summaries read it back) goes through the upcaster too
        assertEquals(
                e1.event().body(),
                reader.decoder().decode(EventType.FACT_CORRECTED, 1, v1.data().toString()));
        assertEquals(e1.event().body(), reader.decoder().decode(EventType.FACT_CORRECTED, 1, v1.data()));
        // a v2 record that still says targetVersion lacks correctsVersion: refused, not guessed
        assertPoison(
                PoisonReason.INVALID_EVENT, v1.attribute("schemaversion", "2").toConsumerRecord(2));
        assertPoison(
                PoisonReason.UNSUPPORTED_SCHEMA_VERSION,
                v2.attribute("schemaversion", "3").toConsumerRecord(3));
    }

    @Test
    void unknownFieldsAreIgnored() {
        Sample sample = Sample.of("MouSigned")
                .set("/futureField", "{\"nested\":[1,2,3]}")
                .set("/fact/anotherNewField", "\"x\"");
        assertInstanceOf(Incoming.Event.class, reader.read(sample.toConsumerRecord(0), StreamKind.NEGOTIATION));
    }

    @Test
    void poisonRecordsAreNamedWithTheirReason() {
        assertPoison(PoisonReason.NOT_JSON, raw(Sample.of("MouSigned").toConsumerRecord(0), "not json {"));
        assertPoison(
                PoisonReason.UNKNOWN_TYPE,
                Sample.of("MouSigned").attribute("type", "TreatyRatified").toConsumerRecord(0));
        assertPoison(
                PoisonReason.UNSUPPORTED_SCHEMA_VERSION,
                Sample.of("MouSigned").attribute("schemaversion", "2").toConsumerRecord(0));
        assertPoison(
                PoisonReason.INVALID_EVENT,
                Sample.of("MouSigned").attribute("time", null).toConsumerRecord(0));
        // data the published schema refuses is refused before it is decoded
        assertPoison(
                PoisonReason.SCHEMA_VIOLATION,
                Sample.of("MouSigned").set("/fact", "null").toConsumerRecord(0));
        assertPoison(
                PoisonReason.WRONG_SOURCE,
                Sample.of("MouSigned")
                        .attribute("source", "/investment-service")
                        .toConsumerRecord(0));
        assertPoison(
                PoisonReason.INVALID_EVENT,
                Sample.of("MouSigned").attribute("id", "not-a-uuid").toConsumerRecord(0));
        // an investment event on the negotiation topic comes from another producer
        ConsumerRecord<String, byte[]> investment =
                Sample.of("InvestmentAnnounced").toConsumerRecord(0);
        Incoming in = reader.read(investment, StreamKind.NEGOTIATION);
        assertEquals(PoisonReason.WRONG_SOURCE, ((Incoming.Poison) in).reason());
        // and an investment type is not a negotiation event, whoever claims to have produced it
        assertPoison(
                PoisonReason.UNKNOWN_TYPE,
                Sample.of("InvestmentAnnounced")
                        .attribute("source", "/negotiation-service")
                        .toConsumerRecord(0));
    }

    @Test
    void anUndisclosedAmountIsNotAZero() {
        Incoming.Event e = (Incoming.Event)
                reader.read(Sample.of("InvestmentAnnounced").toConsumerRecord(0), StreamKind.INVESTMENT);
        var fact = (io.tracker.projection.domain.InvestmentFact) e.event().body();
        assertFalse(fact.terms().amount().disclosed());
        assertTrue(e.negotiationLinks().contains("ca-kr-industrial-cooperation"));
    }

    private void assertPoison(PoisonReason reason, ConsumerRecord<String, byte[]> record) {
        Incoming in = reader.read(record, StreamKind.NEGOTIATION);
        assertInstanceOf(Incoming.Poison.class, in, "expected poison " + reason);
        assertEquals(reason, ((Incoming.Poison) in).reason(), ((Incoming.Poison) in).detail());
    }

    private static ConsumerRecord<String, byte[]> raw(ConsumerRecord<String, byte[]> r, String value) {
        return Sample.withValue(r, value.getBytes(StandardCharsets.UTF_8));
    }

    private static StreamKind kind(Sample sample) {
        return sample.isInvestment() ? StreamKind.INVESTMENT : StreamKind.NEGOTIATION;
    }
}
