package io.tracker.investment.messaging.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tracker.core.messaging.wire.BusinessDateJson;

/** The corrected values; a field that is left out is not corrected. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FactCorrectionJson(
        String project,
        CompanyJson investor,
        List<CompanyJson> partners,
        String sector,
        SiteJson site,
        MoneyJson amount,
        Integer expectedJobs,
        List<String> negotiationIds,
        BusinessDateJson businessDate,
        String status) {}
