package io.tracker.investment.messaging.wire;

import io.tracker.core.messaging.wire.BusinessDateJson;
import io.tracker.core.messaging.wire.SourceJson;
import java.util.List;

/** {@code data} of {@code InvestmentWithdrawn} v1. */
public record InvestmentWithdrawnV1(String investmentId, String reason, BusinessDateJson businessDate,
        String status, List<SourceJson> sources) {
}
