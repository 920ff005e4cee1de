package io.tracker.projection.domain;

import java.util.Locale;

/**
 * What an analyst asks of the investments across agreements; each criterion null means "any". {@code company}
 * a case-insensitive part of the investor's or a partner's name; {@code sector}, {@code province} (ISO 3166-2,
 * e.g. CA-ON), {@code currency} (ISO 4217: only disclosed amounts have one) exact; {@code disclosed} whether an
 * amount is disclosed; {@code agreement} a linked agreement's id.
 */
public record InvestmentFilter(
        String company, String sector, String province, String currency, Boolean disclosed, String agreement) {

    public static final InvestmentFilter ANY = new InvestmentFilter(null, null, null, null, null, null);

    public boolean matches(InvestmentView v) {
        if (company != null) {
            String c = company.toLowerCase(Locale.ROOT);
            boolean named = (v.investor() != null
                            && v.investor().name() != null
                            && v.investor().name().toLowerCase(Locale.ROOT).contains(c))
                    || v.partners().stream()
                            .anyMatch(p -> p.name() != null
                                    && p.name().toLowerCase(Locale.ROOT).contains(c));
            if (!named) {
                return false;
            }
        }
        if (sector != null && !sector.equalsIgnoreCase(v.sector())) {
            return false;
        }
        if (province != null
                && (v.site() == null || !province.equalsIgnoreCase(v.site().province()))) {
            return false;
        }
        boolean isDisclosed = v.amount() != null && v.amount().disclosed();
        if (currency != null
                && (!isDisclosed || !currency.equalsIgnoreCase(v.amount().currency()))) {
            return false;
        }
        if (disclosed != null && disclosed != isDisclosed) {
            return false;
        }
        return agreement == null || v.negotiationIds().contains(agreement);
    }
}
