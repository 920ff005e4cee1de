package io.tracker.investment.messaging.wire;

import java.util.List;

import io.tracker.core.messaging.wire.SourceJson;

/** {@code data} of {@code InvestmentFactRetracted} v1. */
public record InvestmentFactRetractedV1(
        String investmentId, Integer retractsVersion, String reason, List<SourceJson> sources) {}
