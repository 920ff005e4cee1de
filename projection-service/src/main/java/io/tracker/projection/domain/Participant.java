package io.tracker.projection.domain;

/** A person taking part in a fact: name, role, country (ISO 3166-1 alpha-2). */
public record Participant(String name, String role, String country) {}
