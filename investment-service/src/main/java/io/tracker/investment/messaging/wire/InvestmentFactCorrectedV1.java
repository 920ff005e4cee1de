package io.tracker.investment.messaging.wire;

import java.util.List;

import io.tracker.core.messaging.wire.SourceJson;

/** {@code data} of {@code InvestmentFactCorrected} v1. */
public record InvestmentFactCorrectedV1(
        String investmentId,
        Integer correctsVersion,
        FactCorrectionJson correction,
        String reason,
        List<SourceJson> sources) {}
