package io.tracker.investment.messaging.wire;

import io.tracker.core.messaging.wire.BusinessDateJson;
import io.tracker.core.messaging.wire.SourceJson;
import java.util.List;

/** {@code data} of {@code InvestmentMilestoneReached} v1. */
public record InvestmentMilestoneReachedV1(String investmentId, String milestone, BusinessDateJson businessDate,
        String status, List<SourceJson> sources) {
}
