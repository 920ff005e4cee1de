package io.tracker.projection.apply;

/** Where a consumer loop is: STARTING (no partitions yet), CATCHING_UP, LIVE, STOPPED or FAILED. */
public enum LoopPhase {
    STARTING,
    CATCHING_UP,
    LIVE,
    STOPPED,
    FAILED
}
