package io.tracker.projection.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Immutable copies that read a missing list as empty. */
final class Lists {
    private Lists() {}

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Like {@link #copy} but keeps null: "not stated" differs from "stated as empty". */
    static <T> List<T> copyOrNull(List<T> list) {
        return list == null ? null : copy(list);
    }
}
