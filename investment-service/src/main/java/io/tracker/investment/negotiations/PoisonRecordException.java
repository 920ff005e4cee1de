package io.tracker.investment.negotiations;

/** A record of the negotiation topic that cannot be applied, and why: it is dead-lettered, counted and skipped. */
final class PoisonRecordException extends Exception {
    private final DeadLetterReason reason;

    PoisonRecordException(DeadLetterReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    PoisonRecordException(DeadLetterReason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    DeadLetterReason reason() {
        return reason;
    }
}
