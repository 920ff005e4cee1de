package io.tracker.projection.domain;

/** Where an investment is built: city (may be null), province (ISO 3166-2:CA, null outside Canada), country. */
public record Site(String city, String province, String country) {}
