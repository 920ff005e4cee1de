package io.tracker.investment.domain;

/**
 * Where the investment is built. {@code country} is ISO 3166-1 alpha-2; for a Canadian site {@code province}
 * is its ISO 3166-2:CA code (e.g. {@code CA-ON}), for any other site it is null. {@code city} is null when
 * the sources do not name it.
 */
public record Site(String city, String province, String country) {}
