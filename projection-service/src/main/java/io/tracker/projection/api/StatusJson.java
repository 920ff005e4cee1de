package io.tracker.projection.api;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.tracker.projection.domain.AgreementStatus;

/**
 * A status as the answers write it: the service's JSON (the same mapper, with {@link JsonCustomizer}'s conventions,
 * that writes every other answer), once per kept status ({@code CurrentStatuses.nowRendered}) for the GET of the
 * current status and the SSE streams.
 */
@ApplicationScoped
public class StatusJson {
    private final ObjectWriter writer;

    StatusJson(ObjectMapper mapper) {
        this.writer = mapper.writerFor(AgreementStatus.class);
    }

    public byte[] write(AgreementStatus status) {
        try {
            return writer.writeValueAsBytes(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a status could not be written as JSON", e);
        }
    }
}
