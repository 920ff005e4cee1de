package io.tracker.projection.api;

import java.io.IOException;
import java.math.BigDecimal;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.tracker.projection.domain.Money;

/**
 * The answers' JSON follows the wire conventions: money as {@code {"amount":"1500000000.00","currency":"CAD"}}
 * (decimal string) or {@code {"undisclosed":true}}; every decimal as a string, never a binary float.
 */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("projection-money");
        module.addSerializer(BigDecimal.class, new JsonSerializer<>() {
            @Override
            public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toPlainString());
            }
        });
        module.addSerializer(Money.class, new JsonSerializer<>() {
            @Override
            public void serialize(Money value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeStartObject();
                if (value.disclosed()) {
                    gen.writeStringField("amount", value.amount().toPlainString());
                    gen.writeStringField("currency", value.currency());
                } else {
                    gen.writeBooleanField("undisclosed", true);
                }
                gen.writeEndObject();
            }
        });
        mapper.registerModule(module);
    }
}
