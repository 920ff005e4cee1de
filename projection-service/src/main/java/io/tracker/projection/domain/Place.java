package io.tracker.projection.domain;

/** Where a fact happened; {@code city} is null when the sources do not say. */
public record Place(String city, String country) {}
