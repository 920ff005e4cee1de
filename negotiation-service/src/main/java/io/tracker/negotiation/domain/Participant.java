package io.tracker.negotiation.domain;

/** A person taking part in a fact: "Mélanie Joly", "Minister of Industry", "CA" (ISO 3166-1 alpha-2). */
public record Participant(String name, String role, String country) {}
