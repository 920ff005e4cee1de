package io.tracker.investment.messaging.wire;

import java.util.List;

import io.tracker.core.messaging.wire.BusinessDateJson;
import io.tracker.core.messaging.wire.SourceJson;

/** {@code data} of {@code InvestmentAnnounced} v1. */
public record InvestmentAnnouncedV1(
        String investmentId,
        String project,
        CompanyJson investor,
        List<CompanyJson> partners,
        String sector,
        SiteJson site,
        MoneyJson amount,
        Integer expectedJobs,
        List<String> negotiationIds,
        BusinessDateJson businessDate,
        String status,
        List<SourceJson> sources) {}
