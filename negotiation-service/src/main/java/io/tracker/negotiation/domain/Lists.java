package io.tracker.negotiation.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Defensive copies that keep null elements, so that validation can name them instead of failing early. */
final class Lists {
    private Lists() {}

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
