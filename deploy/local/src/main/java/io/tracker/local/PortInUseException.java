package io.tracker.local;

/** A port the local stack needs is taken; the message is one line a person can act on. */
public final class PortInUseException extends RuntimeException {
    public PortInUseException(String what, int port, String envVar) {
        super("Port " + port + " (" + what + ") is already in use: stop what uses it or choose another with " + envVar
                + "=<port>");
    }
}
