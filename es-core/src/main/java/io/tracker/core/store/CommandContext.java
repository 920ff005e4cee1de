package io.tracker.core.store;

/**
 * Who sent a command and why: {@code idempotencyKey} makes a retry return the first result,
 * {@code requestHash} tells a retry from a different request reusing the key. Any field may be null
 * but {@code actor}.
 */
public record CommandContext(
        String idempotencyKey, String requestHash, String correlationId, String causationId, String actor) {}
