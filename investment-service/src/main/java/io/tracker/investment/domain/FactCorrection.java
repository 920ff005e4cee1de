package io.tracker.investment.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;

/**
 * The corrected values of an earlier fact; a null field is left as it was. Which fields a fact has depends
 * on its type: see {@link InvestmentCorrections#correctableFields}.
 */
public record FactCorrection(
        String project,
        Company investor,
        List<Company> partners,
        Sector sector,
        Site site,
        Money amount,
        Integer expectedJobs,
        List<String> negotiationIds,
        BusinessDate businessDate,
        FactStatus status) {

    public FactCorrection {
        partners = partners == null ? null : Collections.unmodifiableList(new ArrayList<>(partners));
        negotiationIds = negotiationIds == null ? null : Collections.unmodifiableList(new ArrayList<>(negotiationIds));
    }

    public static FactCorrection none() {
        return new FactCorrection(null, null, null, null, null, null, null, null, null, null);
    }

    public FactCorrection withAmount(Money value) {
        return new FactCorrection(
                project, investor, partners, sector, site, value, expectedJobs, negotiationIds, businessDate, status);
    }

    public FactCorrection withExpectedJobs(Integer value) {
        return new FactCorrection(
                project, investor, partners, sector, site, amount, value, negotiationIds, businessDate, status);
    }

    public FactCorrection withPartners(List<Company> value) {
        return new FactCorrection(
                project, investor, value, sector, site, amount, expectedJobs, negotiationIds, businessDate, status);
    }

    public FactCorrection withSite(Site value) {
        return new FactCorrection(
                project, investor, partners, sector, value, amount, expectedJobs, negotiationIds, businessDate, status);
    }

    public FactCorrection withBusinessDate(BusinessDate value) {
        return new FactCorrection(
                project, investor, partners, sector, site, amount, expectedJobs, negotiationIds, value, status);
    }

    public FactCorrection withStatus(FactStatus value) {
        return new FactCorrection(
                project, investor, partners, sector, site, amount, expectedJobs, negotiationIds, businessDate, value);
    }
}
