package io.tracker.core.outbox;

import io.tracker.core.store.StoredEvent;

/**
 * An outbox row not yet acknowledged by the broker, with the W3C traceparent stored with its event (null when the
 * command was not traced).
 */
record PendingEntry(long id, String topic, StoredEvent event, String traceparent) {
}
