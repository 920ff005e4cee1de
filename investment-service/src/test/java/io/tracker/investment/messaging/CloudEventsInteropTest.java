package io.tracker.investment.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tracker.investment.Auth;
import io.tracker.investment.Bodies;
import io.tracker.local.test.TestKafka;
import io.tracker.local.test.TestTokens;

/**
 * CloudEvents conformance of what investment-service really writes: the official Java SDK's Kafka binding
 * (io.cloudevents:cloudevents-kafka) reads every record, the SDK's JSON format writes it as a structured
 * event that the CloudEvents spec's own JSON schema accepts (vendored in the tracker-contract artifact), and
 * its data validates against the schema its absolute {@code dataschema} names in the artifact.
 */
@QuarkusTest
class CloudEventsInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://contract.tracker.example/";
    private static final SchemaValidatorsConfig FORMATS =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final JsonSchema CLOUD_EVENT = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(artifact("tracker-contract/cloudevents/cloudevents.json"), FORMATS);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void asRecorder() {
        Auth.as(TestTokens.recorder());
    }

    @Test
    void the_sdk_reads_every_record_and_each_is_a_valid_cloud_event_of_its_published_schema() throws Exception {
        String id = Bodies.newId("sdk");
        given().contentType(ContentType.JSON)
                .body(Bodies.announce(id))
                .post("/investments")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Bodies.commit())
                .post("/investments/{id}/commitment", id)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Bodies.milestone())
                .post("/investments/{id}/milestones", id)
                .then()
                .statusCode(200);

        List<ConsumerRecord<String, CloudEvent>> records = read(id, 3);
        assertEquals(
                List.of("InvestmentAnnounced", "InvestmentCommitted", "InvestmentMilestoneReached"),
                records.stream().map(r -> r.value().getType()).toList());
        JsonFormat format = (JsonFormat) EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        for (int i = 0; i < records.size(); i++) {
            CloudEvent event = records.get(i).value();
            assertEquals(io.cloudevents.SpecVersion.V1, event.getSpecVersion());
            UUID.fromString(event.getId());
            assertEquals(URI.create("/investment-service"), event.getSource());
            assertEquals(id, event.getSubject());
            assertEquals(records.get(i).key(), event.getSubject());
            assertEquals("application/json", event.getDataContentType());
            assertNotNull(event.getTime());
            URI dataSchema = event.getDataSchema();
            assertTrue(dataSchema.isAbsolute(), dataSchema.toString());
            assertEquals(URI.create(BASE + "investment-service/schemas/" + event.getType() + ".v1.json"), dataSchema);
            assertEquals("1", event.getExtension("schemaversion"));
            assertEquals(Integer.toString(i + 1), event.getExtension("streamversion"));
            assertEquals("investment", event.getExtension("streamtype"));
            assertNotNull(event.getExtension("position"));

            JsonNode structured = JSON.readTree(format.serialize(event));
            assertEquals(Set.of(), CLOUD_EVENT.validate(structured), "the spec's schema accepts " + event.getType());
            JsonSchema published = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(
                            artifact("tracker-contract/" + dataSchema.toString().substring(BASE.length())), FORMATS);
            assertEquals(Set.of(), published.validate(structured.get("data")), event.getType() + " data");
        }
    }

    private List<ConsumerRecord<String, CloudEvent>> read(String key, int expected) {
        Properties p = new Properties();
        p.putAll(TestKafka.clientConfig());
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "sdk-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, CloudEvent>> mine = new ArrayList<>();
        try (KafkaConsumer<String, CloudEvent> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new CloudEventDeserializer())) {
            consumer.subscribe(List.of("tracker.investment.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (mine.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        mine.add(r);
                    }
                });
            }
        }
        return mine;
    }

    private static JsonNode artifact(String path) {
        try (InputStream in = CloudEventsInteropTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the contract artifact has no " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
