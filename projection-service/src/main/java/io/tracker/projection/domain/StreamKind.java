package io.tracker.projection.domain;

import java.util.Arrays;
import java.util.Optional;

/** The two kinds of streams the projection reads; {@code wireName} is the {@code ce_streamtype} value. */
public enum StreamKind {
    NEGOTIATION("negotiation"),
    INVESTMENT("investment");

    private final String wireName;

    StreamKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<StreamKind> ofWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
