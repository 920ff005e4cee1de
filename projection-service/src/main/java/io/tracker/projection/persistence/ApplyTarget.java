package io.tracker.projection.persistence;

/**
 * Which generations a batch goes to. Live consumption writes to the active generation and, while a rebuild
 * runs, to the building one as well (so the rebuild misses nothing that arrives after it read the end of the
 * topics); a rebuild consumer writes only to the generation it builds, and leaves its agreement summaries to
 * the one pass at the end of the rebuild ({@link ProjectionWriter#summarizeBuilding}).
 */
public record ApplyTarget(Integer rebuildGeneration) {

    public static ApplyTarget live() {
        return new ApplyTarget(null);
    }

    public static ApplyTarget rebuild(int generation) {
        return new ApplyTarget(generation);
    }

    public boolean isLive() {
        return rebuildGeneration == null;
    }
}
