package io.tracker.negotiation.messaging;

import static io.tracker.negotiation.domain.CanadaKorea.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tracker.core.store.EncodedEvent;
import io.tracker.negotiation.domain.CanadaKoreaFigures;
import io.tracker.negotiation.domain.NegotiationEvent;

/** The published contract (type names, schemas, golden samples, AsyncAPI) against the codec. */
class NegotiationContractTest {
    private final NegotiationEventCodec codec = new NegotiationEventCodec();

    /** The event of the Canada–Korea story that each golden sample holds. */
    private static final Map<String, NegotiationEvent> STORY = Map.ofEntries(
            Map.entry("NegotiationOpened", opened()),
            Map.entry("LeadersMet", leadersMet()),
            Map.entry("TalksHeld", talksHeld()),
            Map.entry("MouSigned", mouSigned()),
            Map.entry("CommitteeFormed", committeeFormed()),
            Map.entry("ForumEstablished", forumEstablished()),
            Map.entry("TradeMissionAnnounced", missionAnnounced()),
            Map.entry("FactCorrected", talksDateCorrected()),
            Map.entry("FactRetracted", duplicateRetracted()),
            Map.entry("NegotiationStalled", stalled()),
            Map.entry("NegotiationResumed", resumed()),
            Map.entry("TradeMissionCompleted", missionCompleted()),
            Map.entry("AgreementConcluded", concluded()),
            Map.entry("NegotiationTerminated", terminated()),
            Map.entry("IndicatorRecorded", CanadaKoreaFigures.jobsRecorded()),
            Map.entry("IndicatorCorrected", CanadaKoreaFigures.jobsCorrected()),
            Map.entry("IndicatorRetracted", CanadaKoreaFigures.jobsRetracted()),
            Map.entry("ClaimRecorded", CanadaKoreaFigures.claimRecorded()),
            Map.entry("ClaimRetracted", CanadaKoreaFigures.claimRetracted()));

    static Stream<String> types() {
        return NegotiationEventCodec.typeNames().stream();
    }

    @Test
    void every_event_record_has_a_distinct_type_name_a_schema_and_a_sample() {
        Set<Class<?>> records = records(NegotiationEvent.class);
        assertEquals(NegotiationEvent.Kind.values().length, records.size(), "one record per kind");
        assertEquals(
                records.size(), Set.copyOf(NegotiationEventCodec.typeNames()).size(), "distinct type names");
        Set<Class<?>> sampled = new HashSet<>();
        for (String type : NegotiationEventCodec.typeNames()) {
            for (int v = 1; v <= Contract.current(type); v++) {
                assertTrue(Contract.exists("schemas/" + type + ".v" + v + ".json"), "schema of " + type + " v" + v);
                assertTrue(Contract.exists("samples/" + type + ".v" + v + ".json"), "sample of " + type + " v" + v);
            }
            assertFalse(Contract.exists("schemas/" + type + ".v" + (Contract.current(type) + 1) + ".json"));
            NegotiationEvent event = decodeSample(type);
            assertEquals(type, event.getClass().getSimpleName(), "the record is named like its type");
            assertEquals(type, NegotiationEventCodec.typeName(event.kind()));
            sampled.add(event.getClass());
        }
        assertEquals(records, sampled);
    }

    @ParameterizedTest
    @MethodSource("types")
    void the_sample_data_validates_against_the_schema(String type) {
        assertEquals(Set.of(), Contract.validate(type, Contract.sample(type).get("data")));
    }

    @ParameterizedTest
    @MethodSource("types")
    void the_sample_is_a_structured_mode_cloud_event_of_the_story(String type) {
        JsonNode sample = Contract.sample(type);
        assertEquals("1.0", sample.get("specversion").asText());
        UUID.fromString(sample.get("id").asText());
        assertEquals("/negotiation-service", sample.get("source").asText());
        assertEquals(type, sample.get("type").asText());
        assertEquals(ID, sample.get("subject").asText());
        assertEquals(ID, sample.get("data").get("negotiationId").asText());
        OffsetDateTime.parse(sample.get("time").asText());
        assertEquals("application/json", sample.get("datacontenttype").asText());
        assertEquals(
                "https://contract.tracker.example/negotiation-service/schemas/" + type + ".v" + Contract.current(type)
                        + ".json",
                sample.get("dataschema").asText());
        assertEquals(Contract.current(type), sample.get("schemaversion").asInt());
        assertEquals(NegotiationEventCodec.STREAM_TYPE, sample.get("streamtype").asText());
        assertTrue(sample.get("streamversion").asLong() >= 1);
        assertTrue(
                sample.get("position").asLong() >= sample.get("streamversion").asLong());
        UUID.fromString(sample.get("correlationid").asText());
        UUID.fromString(sample.get("causationid").asText());
        assertFalse(sample.get("actor").asText().isBlank());
    }

    @ParameterizedTest
    @MethodSource("types")
    void decoding_the_sample_gives_the_story_event_and_encoding_it_gives_the_same_json(String type) throws Exception {
        JsonNode sample = Contract.sample(type);
        NegotiationEvent event = decodeSample(type);
        assertEquals(STORY.get(type), event);

        EncodedEvent encoded = codec.encode(event);
        assertEquals(sample.get("type").asText(), encoded.type());
        assertEquals(sample.get("schemaversion").asInt(), encoded.schemaVersion());
        assertEquals(sample.get("data"), Contract.JSON.readTree(encoded.json()));
        assertEquals(Set.of(), Contract.validate(type, Contract.JSON.readTree(encoded.json())));
    }

    @ParameterizedTest
    @MethodSource("types")
    void occurred_on_is_the_business_date_text_of_the_fact(String type) {
        JsonNode data = Contract.sample(type).get("data");
        String expected = data.has("fact")
                ? data.at("/fact/date/text").asText()
                : data.has("indicator")
                        ? data.at("/indicator/period/text").asText()
                        : data.has("corrected") && data.get("corrected").has("period")
                                ? data.at("/corrected/period/text").asText()
                                : data.has("claim")
                                        ? data.at("/claim/madeOn").isNull()
                                                ? null
                                                : data.at("/claim/madeOn/text").asText()
                                        : data.has("corrected")
                                                ? data.at("/corrected/date/text")
                                                        .asText()
                                                : data.has("date")
                                                        ? data.at("/date/text").asText()
                                                        : null;
        assertEquals(expected, codec.encode(decodeSample(type)).occurredOn());
    }

    /** The evolution: FactCorrected v2 is written; v1 (stored, on the topic) still reads as the same event. */
    @Test
    void fact_corrected_is_written_at_v2_and_v1_is_read_through_the_upcaster() throws Exception {
        EncodedEvent encoded = codec.encode(talksDateCorrected());
        assertEquals(2, encoded.schemaVersion());
        JsonNode written = Contract.JSON.readTree(encoded.json());
        assertEquals(3, written.get("correctsVersion").asInt());
        assertFalse(written.has("targetVersion"));
        assertEquals(Set.of(), Contract.validate("FactCorrected", written));

        JsonNode v1 = Contract.sample("FactCorrected", 1);
        assertEquals(Set.of(), Contract.schema("FactCorrected", 1).validate(v1.get("data")));
        NegotiationEvent fromV1 =
                codec.decode("FactCorrected", 1, v1.get("data").toString());
        assertEquals(talksDateCorrected(), fromV1);
        assertEquals(
                fromV1,
                codec.decode(
                        "FactCorrected",
                        2,
                        Contract.sample("FactCorrected", 2).get("data").toString()));
        assertEquals(
                Contract.sample("FactCorrected", 2).get("data"),
                Contract.JSON.readTree(codec.encode(fromV1).json()));

        org.junit.jupiter.api.Assertions.assertThrows(
                io.tracker.core.messaging.UnknownEventException.class,
                () -> codec.decode("FactCorrected", 3, v1.get("data").toString()));
        org.junit.jupiter.api.Assertions.assertThrows(
                io.tracker.core.messaging.UnknownEventException.class,
                () -> codec.decode(
                        "MouSigned", 2, Contract.sample("MouSigned").get("data").toString()));
    }

    @Test
    void occurred_on_of_some_events_spelled_out() {
        assertEquals("2025-10-late", codec.encode(leadersMet()).occurredOn());
        assertEquals("2026-01-29", codec.encode(mouSigned()).occurredOn());
        assertEquals("2026-spring", codec.encode(missionAnnounced()).occurredOn());
        assertEquals("2026-01-late", codec.encode(talksDateCorrected()).occurredOn());
        assertEquals("2026-03", codec.encode(stalled()).occurredOn());
        assertNull(codec.encode(duplicateRetracted()).occurredOn());
    }

    @Test
    void the_schemas_reject_what_the_domain_rejects() {
        ObjectNode mou = data("MouSigned");
        ((ObjectNode) mou.at("/signatories/1")).put("country", "Korea");
        assertFalse(Contract.validate("MouSigned", mou).isEmpty(), "country code");

        ObjectNode talks = data("TalksHeld");
        ((ObjectNode) talks.get("fact")).putArray("sources");
        assertFalse(Contract.validate("TalksHeld", talks).isEmpty(), "at least one source");

        ObjectNode completed = data("TradeMissionCompleted");
        ((ObjectNode) completed.get("fact")).put("status", "ANNOUNCED");
        assertFalse(Contract.validate("TradeMissionCompleted", completed).isEmpty(), "completion occurred");

        ObjectNode opened = data("NegotiationOpened");
        opened.remove("parties");
        assertFalse(Contract.validate("NegotiationOpened", opened).isEmpty(), "required parties");

        ObjectNode leaders = data("LeadersMet");
        ((ObjectNode) leaders.at("/fact/date")).put("earliest", "2025-10-32");
        assertFalse(Contract.validate("LeadersMet", leaders).isEmpty(), "date format");

        ObjectNode indicator = data("IndicatorRecorded");
        ((ObjectNode) indicator.get("indicator")).putArray("sources");
        assertFalse(Contract.validate("IndicatorRecorded", indicator).isEmpty(), "an indicator has a source");
        ObjectNode value = data("IndicatorRecorded");
        ((ObjectNode) value.get("indicator")).put("value", "1,5");
        assertFalse(Contract.validate("IndicatorRecorded", value).isEmpty(), "a decimal value");
        ObjectNode claim = data("ClaimRecorded");
        ((ObjectNode) claim.at("/claim/source")).put("kind", "RUMOUR");
        assertFalse(Contract.validate("ClaimRecorded", claim).isEmpty(), "a known source kind");
        ObjectNode blank = data("ClaimRecorded");
        ((ObjectNode) blank.at("/claim/source")).put("publisher", "");
        assertFalse(Contract.validate("ClaimRecorded", blank).isEmpty(), "a publisher is null or named, not blank");
    }

    @Test
    void the_asyncapi_document_publishes_every_type_on_the_negotiation_topic() {
        JsonNode doc = Contract.asyncApi();
        assertEquals("3.0.0", doc.get("asyncapi").asText());
        JsonNode channel = doc.at("/channels/negotiationEvents");
        assertEquals("tracker.negotiation.events", channel.get("address").asText());
        assertEquals(
                "send", doc.at("/operations/publishNegotiationEvents/action").asText());
        List<String> operationMessages = new ArrayList<>();
        doc.at("/operations/publishNegotiationEvents/messages")
                .forEach(m -> operationMessages.add(m.get("$ref").asText()));
        Set<String> expected = new HashSet<>();
        for (String type : NegotiationEventCodec.typeNames()) {
            for (int v = 1; v <= Contract.current(type); v++) {
                String key = v == 1 ? type : type + "V" + v;
                expected.add(key);
                assertEquals(
                        "#/components/messages/" + key,
                        channel.at("/messages/" + key + "/$ref").asText());
                assertTrue(operationMessages.contains("#/channels/negotiationEvents/messages/" + key), key);
                JsonNode message = doc.at("/components/messages/" + key);
                assertEquals(
                        "./schemas/" + type + ".v" + v + ".json",
                        message.at("/payload/schema/$ref").asText());
                assertEquals(
                        type,
                        message.at("/headers/allOf/1/properties/ce_type/const").asText());
                assertEquals(
                        Integer.toString(v),
                        message.at("/headers/allOf/1/properties/ce_schemaversion/const")
                                .asText());
            }
        }
        expected.add("DeadLetter");
        Set<String> names = new HashSet<>();
        doc.at("/components/messages").fieldNames().forEachRemaining(names::add);
        assertEquals(expected, names, "no message without an event type");
        assertNotNull(doc.at("/components/schemas/CloudEventHeaders/properties/ce_streamversion")
                .get("pattern"));
    }

    private NegotiationEvent decodeSample(String type) {
        JsonNode sample = Contract.sample(type);
        return codec.decode(
                sample.get("type").asText(),
                sample.get("schemaversion").asInt(),
                sample.get("data").toString());
    }

    private static ObjectNode data(String type) {
        return (ObjectNode) Contract.sample(type).get("data").deepCopy();
    }

    /** The records a sealed interface permits, through nested sealed interfaces. */
    private static Set<Class<?>> records(Class<?> sealed) {
        return Stream.of(sealed.getPermittedSubclasses())
                .flatMap(c -> c.isSealed() ? records(c).stream() : Stream.of(c))
                .collect(Collectors.toSet());
    }
}
