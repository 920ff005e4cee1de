package io.tracker.core.application;

/**
 * An estimate of the heap a folded state takes, in bytes, so the kept states can be bounded by memory rather
 * than by count (a state grows with its stream). An estimate, not a measurement: it should count the objects
 * the state holds with their usual JVM overheads (headers, references, strings at ~1 byte a character).
 */
@FunctionalInterface
public interface StateSize<S> {
    long bytes(S state);
}
