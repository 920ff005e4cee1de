package io.tracker.projection.messaging;

/** A record that cannot be applied, and why. */
public class PoisonException extends Exception {
    private final PoisonReason reason;

    public PoisonException(PoisonReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public PoisonException(PoisonReason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    public PoisonReason reason() {
        return reason;
    }
}
