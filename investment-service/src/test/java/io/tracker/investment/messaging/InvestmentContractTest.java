package io.tracker.investment.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tracker.core.store.EncodedEvent;
import io.tracker.investment.domain.InvestmentEvent;

/** The published contract and the codec agree: types, schemas, golden samples, AsyncAPI. */
class InvestmentContractTest {
    private final InvestmentEventCodec codec = new InvestmentEventCodec();

    static List<String> types() {
        return Contract.types();
    }

    @Test
    void theCodecNamesEveryEventRecordAfterItself() {
        assertEquals(
                Set.copyOf(Contract.types()),
                Arrays.stream(InvestmentEvent.Kind.values())
                        .map(InvestmentEventCodec::typeName)
                        .collect(Collectors.toSet()));
        assertEquals(InvestmentEvent.Kind.values().length, Contract.types().size());
        assertEquals("investment", codec.streamType());
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyTypeHasASchemaASampleAndAMessage(String type) {
        assertTrue(Contract.exists("schemas/" + type + ".v1.json"), "schema of " + type);
        assertTrue(Contract.exists("samples/" + type + ".v1.json"), "sample of " + type);
        JsonNode message = Contract.yaml("asyncapi.yaml")
                .path("components")
                .path("messages")
                .path(type);
        assertEquals(type, message.path("name").asText());
        assertEquals(
                "./schemas/" + type + ".v1.json",
                message.path("payload").path("schema").path("$ref").asText());
        assertEquals(
                type,
                message.path("headers")
                        .path("allOf")
                        .path(1)
                        .path("properties")
                        .path("ce_type")
                        .path("const")
                        .asText());
        assertEquals(
                "#/components/messages/" + type,
                Contract.yaml("asyncapi.yaml")
                        .path("channels")
                        .path("investmentEvents")
                        .path("messages")
                        .path(type)
                        .path("$ref")
                        .asText());
    }

    @Test
    void theChannelIsTheInvestmentTopicKeyedByInvestmentId() {
        JsonNode api = Contract.yaml("asyncapi.yaml");
        assertEquals("3.0.0", api.path("asyncapi").asText());
        assertEquals(
                "tracker.investment.events",
                api.path("channels").path("investmentEvents").path("address").asText());
        assertEquals(
                "^[a-z0-9][a-z0-9-]{2,63}$",
                api.path("components")
                        .path("messageTraits")
                        .path("cloudEvent")
                        .path("bindings")
                        .path("kafka")
                        .path("key")
                        .path("pattern")
                        .asText());
        assertEquals(
                Contract.types().size(),
                api.path("operations")
                        .path("publishInvestmentEvents")
                        .path("messages")
                        .size());
    }

    @ParameterizedTest
    @MethodSource("types")
    void theSampleIsAStructuredModeCloudEventOfItsType(String type) {
        JsonNode sample = Contract.sample(type);
        assertEquals("1.0", sample.path("specversion").asText());
        assertEquals(type, sample.path("type").asText());
        assertEquals("/investment-service", sample.path("source").asText());
        assertEquals("application/json", sample.path("datacontenttype").asText());
        assertEquals(
                "https://contract.tracker.example/investment-service/schemas/" + type + ".v1.json",
                sample.path("dataschema").asText());
        assertEquals("1", sample.path("schemaversion").asText());
        assertEquals("investment", sample.path("streamtype").asText());
        assertEquals(
                sample.path("data").path("investmentId").asText(),
                sample.path("subject").asText());
        assertTrue(sample.path("streamversion").asText().matches("[1-9][0-9]*"));
        assertTrue(sample.path("position").asText().matches("[0-9]+"));
        assertTrue(sample.path("time").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"));
        UUID.fromString(sample.path("id").asText());
        for (String attribute : new String[] {"correlationid", "causationid", "actor"}) {
            assertTrue(sample.has(attribute), attribute);
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void theSampleDataValidatesAgainstItsSchema(String type) {
        assertEquals(Set.of(), Contract.validate(type, Contract.sample(type).path("data")));
    }

    @ParameterizedTest
    @MethodSource("types")
    void decodingThenEncodingTheSampleGivesTheSameData(String type) throws Exception {
        JsonNode data = Contract.sample(type).path("data");
        InvestmentEvent event = codec.decode(type, 1, Contract.JSON.writeValueAsString(data));
        assertEquals(type, event.getClass().getSimpleName());
        EncodedEvent encoded = codec.encode(event);
        assertEquals(type, encoded.type());
        assertEquals(1, encoded.schemaVersion());
        assertEquals(data, Contract.JSON.readTree(encoded.json()));
        JsonNode businessDate = data.path("businessDate");
        assertEquals(
                businessDate.isMissingNode() ? null : businessDate.path("text").asText(), encoded.occurredOn());
    }

    @Test
    void theSamplesShowADisclosedAndAnUndisclosedAmount() {
        assertTrue(Contract.sample("InvestmentAnnounced")
                .path("data")
                .path("amount")
                .path("undisclosed")
                .asBoolean());
        assertEquals(
                "5000000000.00",
                Contract.sample("InvestmentRevised")
                        .path("data")
                        .path("amount")
                        .path("amount")
                        .asText());
        assertEquals(
                "ca-kr-industrial-cooperation",
                Contract.sample("InvestmentAnnounced")
                        .path("data")
                        .path("negotiationIds")
                        .path(0)
                        .asText());
    }

    @Test
    void theSchemasRejectAZeroAmountAMixedMoneyAndNegativeJobs() {
        ObjectNode data = Contract.sample("InvestmentRevised").path("data").deepCopy();
        ((ObjectNode) data.path("amount")).put("amount", "0.00");
        assertFalse(Contract.validate("InvestmentRevised", data).isEmpty(), "zero amount");
        ((ObjectNode) data.path("amount")).put("amount", "1.00").put("undisclosed", true);
        assertFalse(Contract.validate("InvestmentRevised", data).isEmpty(), "amount and undisclosed");
        data.set("amount", Contract.JSON.createObjectNode().put("undisclosed", true));
        assertTrue(Contract.validate("InvestmentRevised", data).isEmpty());
        data.put("expectedJobs", -1);
        assertFalse(Contract.validate("InvestmentRevised", data).isEmpty(), "negative jobs");
        ObjectNode correction =
                Contract.sample("InvestmentFactCorrected").path("data").deepCopy();
        correction.set("correction", Contract.JSON.createObjectNode());
        assertFalse(Contract.validate("InvestmentFactCorrected", correction).isEmpty(), "empty correction");
    }
}
