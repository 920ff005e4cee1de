package io.tracker.investment.messaging.wire;

import io.tracker.core.messaging.wire.SourceJson;
import java.util.List;

/** {@code data} of {@code InvestmentFactCorrected} v1. */
public record InvestmentFactCorrectedV1(String investmentId, Integer correctsVersion, FactCorrectionJson correction,
        String reason, List<SourceJson> sources) {
}
