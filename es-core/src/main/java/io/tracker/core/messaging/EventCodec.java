package io.tracker.core.messaging;

import io.tracker.core.store.EncodedEvent;

/**
 * Maps an aggregate's domain events to their wire form and back. The wire form is the published
 * contract: a stable type name ({@code MouSigned}, never a Java class name), an explicit schema
 * version, and a JSON payload written from wire records that are separate from the domain records.
 */
public interface EventCodec<E> {

    /** The stream type every stream of this aggregate has, e.g. {@code negotiation}. */
    String streamType();

    EncodedEvent encode(E event);

    /**
     * Reads a stored or received event back. Throws {@link UnknownEventException} for a type or schema
     * version this codec cannot read.
     */
    E decode(String type, int schemaVersion, String json);
}
