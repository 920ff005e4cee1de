package io.tracker.core.store;

import java.util.List;

/** A page of the log in commit order, and the checkpoint to continue after it. */
public record CatchUpPage(List<StoredEvent> events, Checkpoint next) {}
