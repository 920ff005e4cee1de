package io.tracker.projection.persistence;

/**
 * Which generations a batch goes to. Live consumption writes to the active generation and, while a rebuild
 * runs, to the building one as well (so the rebuild misses nothing that arrives after it read the end of the
 * topics); a rebuild consumer writes only to the generation it builds. Both fold the agreements' states as they
 * apply; the last pass of a rebuild ({@link ProjectionWriter#summarizeBuilding}) folds only the streams left
 * without a usable state (e.g. those a LOADING phase copied in).
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
