package io.tracker.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

/**
 * Both AsyncAPI documents are valid AsyncAPI 3.0.0 (by the specification's JSON schema, vendored in
 * src/test/resources/asyncapi, see its SOURCE.md) and say the same things the same way: one payload
 * schema format, the same CloudEvents headers, servers with security schemes, the dead-letter topic.
 */
class AsyncApiDocumentsTest {
    private static final JsonSchema ASYNCAPI_3 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(ContractFiles.resource("asyncapi/asyncapi-3.0.0-without-id.json"),
                    CloudEventsConformanceTest.FORMATS);

    @ParameterizedTest
    @ValueSource(strings = {"negotiation-service", "investment-service"})
    void the_document_is_valid_asyncapi_3(String producer) {
        assertEquals(Set.of(), ASYNCAPI_3.validate(ContractFiles.asyncApi(producer)));
    }

    @Test
    void a_document_with_a_mistake_is_refused() {
        ObjectNode typo = ContractFiles.asyncApi("negotiation-service").deepCopy();
        typo.set("chanels", typo.remove("channels"));
        assertFalse(ASYNCAPI_3.validate(typo).isEmpty(), "unknown root field");

        ObjectNode action = ContractFiles.asyncApi("investment-service").deepCopy();
        ((ObjectNode) action.at("/operations/publishInvestmentEvents")).put("action", "publish");
        assertFalse(ASYNCAPI_3.validate(action).isEmpty(), "AsyncAPI 2 verb");

        ObjectNode security = ContractFiles.asyncApi("investment-service").deepCopy();
        ((ObjectNode) security.at("/components/securitySchemes/scramSha512")).put("type", "scram-sha-512");
        assertFalse(ASYNCAPI_3.validate(security).isEmpty(), "unknown security scheme type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"negotiation-service", "investment-service"})
    void every_schema_file_is_a_message_with_the_same_headers_and_payload_format(String producer) {
        JsonNode doc = ContractFiles.asyncApi(producer);
        Set<String> files = new TreeSet<>();
        ContractFiles.files("tracker-contract", producer, "schemas").forEach(p -> files.add(p.getFileName().toString()));
        Set<String> described = new TreeSet<>();
        doc.get("components").get("messages").fields().forEachRemaining(e -> {
            JsonNode m = e.getValue();
            if (e.getKey().equals("DeadLetter")) {
                return;
            }
            assertEquals("application/schema+json;version=2020-12", m.at("/payload/schemaFormat").asText(), e.getKey());
            String ref = m.at("/payload/schema/$ref").asText();
            assertTrue(ref.startsWith("./schemas/"), ref);
            String file = ref.substring("./schemas/".length());
            described.add(file);
            String type = m.at("/headers/allOf/1/properties/ce_type/const").asText();
            String version = m.at("/headers/allOf/1/properties/ce_schemaversion/const").asText();
            assertEquals(type + ".v" + version + ".json", file);
            assertEquals(ContractFiles.BASE_URI + producer + "/schemas/" + file,
                    m.at("/headers/allOf/1/properties/ce_dataschema/const").asText());
            assertEquals("#/components/schemas/CloudEventHeaders", m.at("/headers/allOf/0/$ref").asText());
            assertEquals("#/components/messages/" + e.getKey(),
                    doc.at("/channels").elements().next().at("/messages/" + e.getKey() + "/$ref").asText());
        });
        assertEquals(files, described, "one message per published schema");
    }

    @Test
    void both_documents_declare_the_same_headers_servers_security_and_dead_letters() {
        JsonNode negotiation = ContractFiles.asyncApi("negotiation-service");
        JsonNode investment = ContractFiles.asyncApi("investment-service");
        assertEquals(negotiation.at("/components/schemas/CloudEventHeaders/required"),
                investment.at("/components/schemas/CloudEventHeaders/required"));
        assertEquals(names(negotiation.at("/components/schemas/CloudEventHeaders/properties")),
                names(investment.at("/components/schemas/CloudEventHeaders/properties")));
        assertEquals("/negotiation-service", negotiation.at("/components/schemas/CloudEventHeaders/properties/ce_source/const").asText());
        assertEquals("/investment-service", investment.at("/components/schemas/CloudEventHeaders/properties/ce_source/const").asText());
        for (JsonNode doc : List.of(negotiation, investment)) {
            assertEquals(Set.of("local", "cluster", "clusterTls"), names(doc.get("servers")));
            assertEquals("#/components/securitySchemes/scramSha512", doc.at("/servers/cluster/security/0/$ref").asText());
            assertEquals("scramSha512", doc.at("/components/securitySchemes/scramSha512/type").asText());
            // the local broker (run command and module tests) takes SASL/PLAIN logins only
            assertEquals("#/components/securitySchemes/saslPlain", doc.at("/servers/local/security/0/$ref").asText());
            assertEquals("plain", doc.at("/components/securitySchemes/saslPlain/type").asText());
            assertEquals("tracker.projection.dlq", doc.at("/channels/deadLetters/address").asText());
            assertTrue(doc.at("/components/schemas/DeadLetterHeaders/required").toString().contains("dead-letter-reason"));
        }
        assertEquals(negotiation.at("/components/schemas/DeadLetterHeaders"), investment.at("/components/schemas/DeadLetterHeaders"));
        assertEquals(negotiation.at("/servers"), investment.at("/servers"));
    }

    @Test
    void the_documents_carry_the_version_of_the_artifact() throws IOException {
        Properties p = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("contract-version.properties")) {
            p.load(in);
        }
        String version = p.getProperty("version").replace("-SNAPSHOT", "");
        for (String producer : ContractFiles.PRODUCERS) {
            assertEquals(version, ContractFiles.asyncApi(producer).at("/info/version").asText(), producer);
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
