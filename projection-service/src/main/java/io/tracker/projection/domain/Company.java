package io.tracker.projection.domain;

/** A company and the country (ISO 3166-1 alpha-2) it is based in. */
public record Company(String name, String country) {}
