package io.tracker.investment.messaging.wire;

public record SiteJson(String city, String province, String country) {}
