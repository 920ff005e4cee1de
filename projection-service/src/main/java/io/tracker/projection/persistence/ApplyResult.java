package io.tracker.projection.persistence;

import java.util.List;

/**
 * What a batch did: how many events it applied for the first time and how many it received again (applied by an
 * earlier batch, or a second copy inside this one), counted in the target's main generation (the active one for live
 * consumption); the generations written,
 * and, for a rebuild, whether its generation is gone (cancelled or superseded).
 */
public record ApplyResult(int applied, int duplicates, List<Integer> generations, boolean targetGone) {}
