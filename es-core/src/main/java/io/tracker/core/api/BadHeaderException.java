package io.tracker.core.api;

/** A request header that cannot be understood. */
public final class BadHeaderException extends RuntimeException {
    private final String header;

    public BadHeaderException(String header, String message) {
        super(message);
        this.header = header;
    }

    public String header() {
        return header;
    }
}
