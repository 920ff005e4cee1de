package io.tracker.projection.messaging.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.tracker.projection.messaging.wire.WireValues.BusinessDateJson;
import io.tracker.projection.messaging.wire.WireValues.CompanyJson;
import io.tracker.projection.messaging.wire.WireValues.MoneyJson;
import io.tracker.projection.messaging.wire.WireValues.SiteJson;
import io.tracker.projection.messaging.wire.WireValues.SourceJson;

/**
 * The {@code data} of every investment event at schema version 1, read into one record (unknown fields
 * ignored). Which fields a type has (investment-service's contract/schemas):
 * <ul>
 * <li>InvestmentAnnounced: project, investor, partners, sector, site, amount, expectedJobs, negotiationIds,
 * businessDate, status, sources</li>
 * <li>InvestmentCommitted / InvestmentRevised: amount, expectedJobs, businessDate, status, sources</li>
 * <li>InvestmentMilestoneReached: milestone, businessDate, status, sources</li>
 * <li>InvestmentWithdrawn: reason, businessDate, status, sources</li>
 * <li>InvestmentFactCorrected: correctsVersion, correction (the corrected values), reason, sources</li>
 * <li>InvestmentFactRetracted: retractsVersion, reason, sources</li>
 * </ul>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InvestmentEventData(
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
        List<SourceJson> sources,
        String milestone,
        String reason,
        Long correctsVersion,
        Long retractsVersion,
        Correction correction) {

    /** The corrected values of an earlier fact; a field left out (or null) is not corrected. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Correction(
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
}
