package io.tracker.investment.messaging.wire;

import java.util.List;

import io.tracker.core.messaging.wire.BusinessDateJson;
import io.tracker.core.messaging.wire.SourceJson;

/** {@code data} of {@code InvestmentCommitted} v1. */
public record InvestmentCommittedV1(
        String investmentId,
        MoneyJson amount,
        Integer expectedJobs,
        BusinessDateJson businessDate,
        String status,
        List<SourceJson> sources) {}
