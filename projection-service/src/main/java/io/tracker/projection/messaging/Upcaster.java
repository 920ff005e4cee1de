package io.tracker.projection.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tracker.projection.domain.EventType;

/**
 * Brings the data of an older schema version of a type to its current version, one step at a time, so that
 * one wire record reads every version the topics and the stored facts hold. This service's own copy of the
 * published evolution (it never uses producer code): FactCorrected v1 → v2 renames {@code targetVersion} to
 * {@code correctsVersion} (contract 1.1.0). The input is never changed.
 */
final class Upcaster {
    private Upcaster() {}

    static JsonNode upcast(EventType type, int from, int to, JsonNode data) {
        JsonNode current = data;
        for (int version = from; version < to; version++) {
            current = step(type, version, current);
        }
        return current;
    }

    private static JsonNode step(EventType type, int from, JsonNode data) {
        if (type == EventType.FACT_CORRECTED && from == 1 && data instanceof ObjectNode o) {
            ObjectNode v2 = o.objectNode();
            o.fields()
                    .forEachRemaining(e ->
                            v2.set(e.getKey().equals("targetVersion") ? "correctsVersion" : e.getKey(), e.getValue()));
            return v2;
        }
        return data;
    }
}
