package io.tracker.investment.negotiations;

/** A record of the negotiation topic that cannot be read: it is logged, counted and skipped. */
final class PoisonRecordException extends Exception {
    PoisonRecordException(String message) {
        super(message, null, false, false);
    }

    PoisonRecordException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
