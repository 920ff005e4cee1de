package io.tracker.core.api;

import java.io.IOException;
import java.text.Normalizer;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Request bodies are read strictly: a key at most once in an object, nothing after the JSON document, at most
 * {@value #MAX_DEPTH} levels of nesting; no control characters in strings (other than tab and line breaks) and
 * no invisible or direction-changing characters (Unicode format characters: bidi overrides and isolates,
 * zero-width spaces and joiners, the BOM, soft hyphens); text is normalised to NFC; no numbers where text or an
 * enum name is expected, no floats where integers are expected, no null for primitives, and no unknown fields
 * (set per service with {@code quarkus.jackson.fail-on-unknown-properties=true}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    /** The deepest request body is a few levels deep; 32 leaves room and refuses a nesting attack early. */
    public static final int MAX_DEPTH = 32;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .build());
        SimpleModule module = new SimpleModule("strict-strings");
        module.addDeserializer(String.class, new CleanStringDeserializer());
        mapper.registerModule(module);
    }

    /** Why {@code value} is refused as text, or null when it is clean. */
    public static String refusal(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
                return String.format("control character U+%04X is not allowed in text", (int) c);
            }
            if (Character.getType(c) == Character.FORMAT) {
                return String.format(
                        "invisible or direction-changing character U+%04X is not allowed in text", (int) c);
            }
        }
        return null;
    }

    static final class CleanStringDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                throw InvalidFormatException.from(p, "expected a JSON string", p.getText(), String.class);
            }
            String value = p.getText();
            String refusal = refusal(value);
            if (refusal != null) {
                throw InvalidFormatException.from(p, refusal, value, String.class);
            }
            return Normalizer.normalize(value, Normalizer.Form.NFC);
        }
    }
}
