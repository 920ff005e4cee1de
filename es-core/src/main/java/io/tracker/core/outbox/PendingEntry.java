package io.tracker.core.outbox;

import io.tracker.core.store.StoredEvent;

/** An outbox row not yet acknowledged by the broker. */
record PendingEntry(long id, String topic, StoredEvent event) {
}
