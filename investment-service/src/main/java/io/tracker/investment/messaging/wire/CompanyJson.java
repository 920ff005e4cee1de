package io.tracker.investment.messaging.wire;

public record CompanyJson(String name, String country) {}
