package io.tracker.negotiation.domain;

/** Where a fact happened: a country (ISO 3166-1 alpha-2) and, when the sources say, a city. */
public record Place(String city, String country) {}
