package io.tracker.investment.messaging.wire;

import java.util.List;

import io.tracker.core.messaging.wire.BusinessDateJson;
import io.tracker.core.messaging.wire.SourceJson;

/** {@code data} of {@code InvestmentMilestoneReached} v1. */
public record InvestmentMilestoneReachedV1(
        String investmentId,
        String milestone,
        BusinessDateJson businessDate,
        String status,
        List<SourceJson> sources) {}
