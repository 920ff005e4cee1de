package io.tracker.core.outbox;

import io.tracker.core.store.StoredEvent;

/**
 * An event of the log not yet published, with the W3C traceparent stored with it (null when its command was not
 * traced).
 */
record PendingEntry(StoredEvent event, String traceparent) {}
