package io.tracker.investment.domain;

/** A company taking part in an investment: its name and the ISO 3166-1 alpha-2 country it is based in. */
public record Company(String name, String country) {}
