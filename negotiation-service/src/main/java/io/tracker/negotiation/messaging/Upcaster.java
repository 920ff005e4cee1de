package io.tracker.negotiation.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tracker.core.messaging.UnknownEventException;

/**
 * Brings the data of an older schema version to the current one, step by step, so that one mapping reads
 * every version ever written (the store and the topic keep the versions they were written with). Today:
 * FactCorrected v1 → v2 renames {@code targetVersion} to {@code correctsVersion}.
 */
final class Upcaster {
    private Upcaster() {}

    /** {@code data} of {@code type} at {@code from}, changed in place up to {@code to}. */
    static JsonNode upcast(String type, int from, int to, JsonNode data) {
        JsonNode current = data;
        for (int version = from; version < to; version++) {
            current = step(type, version, current);
        }
        return current;
    }

    private static JsonNode step(String type, int from, JsonNode data) {
        if (type.equals("FactCorrected") && from == 1 && data instanceof ObjectNode o) {
            ObjectNode v2 = o.objectNode();
            o.fields()
                    .forEachRemaining(e ->
                            v2.set(e.getKey().equals("targetVersion") ? "correctsVersion" : e.getKey(), e.getValue()));
            return v2;
        }
        throw new UnknownEventException(type, from);
    }
}
