package io.tracker.negotiation.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Reads the published contract files from the classpath, as the service serves them at /contract/. */
public final class Contract {
    static final String ROOT = "META-INF/resources/contract/";
    static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private Contract() {}

    public static boolean exists(String path) {
        return Contract.class.getClassLoader().getResource(ROOT + path) != null;
    }

    /** The golden sample of a type at the schema version it is written at now. */
    public static JsonNode sample(String type) {
        return sample(type, current(type));
    }

    public static JsonNode sample(String type, int version) {
        return json("samples/" + type + ".v" + version + ".json");
    }

    public static JsonSchema schema(String type) {
        return schema(type, current(type));
    }

    public static int current(String type) {
        return NegotiationEventCodec.schemaVersion(
                NegotiationEventCodec.kindOf(type).orElseThrow());
    }

    public static JsonSchema schema(String type, int version) {
        try (InputStream in = open("schemas/" + type + ".v" + version + ".json")) {
            return SCHEMAS.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Set<ValidationMessage> validate(String type, JsonNode data) {
        return schema(type).validate(data);
    }

    public static JsonNode asyncApi() {
        try (InputStream in = open("asyncapi.yaml")) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String path) {
        try (InputStream in = open(path)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = Contract.class.getClassLoader().getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IllegalArgumentException("no contract file " + ROOT + path);
        }
        return in;
    }
}
