package io.tracker.core.messaging;

/** An event type or schema version that a codec cannot read. */
public final class UnknownEventException extends RuntimeException {
    public UnknownEventException(String type, int schemaVersion) {
        super("cannot read event type '" + type + "' at schema version " + schemaVersion);
    }

    public UnknownEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
