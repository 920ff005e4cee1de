package io.tracker.investment.messaging.wire;

import java.util.List;

import io.tracker.core.messaging.wire.BusinessDateJson;
import io.tracker.core.messaging.wire.SourceJson;

/** {@code data} of {@code InvestmentWithdrawn} v1. */
public record InvestmentWithdrawnV1(
        String investmentId, String reason, BusinessDateJson businessDate, String status, List<SourceJson> sources) {}
