package io.tracker.projection.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The investments linked to an agreement as of the question, with totals overall and by investor, sector and
 * province (withdrawn investments listed but not totalled).
 */
public record AgreementInvestments(
        String agreementId,
        AsOf asOf,
        List<InvestmentView> investments,
        Totals total,
        List<Totals> byInvestor,
        List<Totals> bySector,
        List<Totals> byProvince) {

    public AgreementInvestments {
        investments = Lists.copy(investments);
        byInvestor = Lists.copy(byInvestor);
        bySector = Lists.copy(bySector);
        byProvince = Lists.copy(byProvince);
    }

    /** {@code streams}: the events of every investment stream that ever named the agreement, by stream id. */
    public static AgreementInvestments of(String agreementId, Map<String, List<RecordedEvent>> streams, AsOf asOf) {
        List<InvestmentView> views = new ArrayList<>();
        streams.forEach((id, events) -> InvestmentCalculator.view(id, events, asOf)
                .filter(v -> v.negotiationIds().contains(agreementId))
                .ifPresent(views::add));
        views.sort(Comparator.comparing(InvestmentView::announced, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(InvestmentView::investmentId));
        List<InvestmentView> counted = views.stream()
                .filter(v -> v.state() != InvestmentView.State.WITHDRAWN)
                .toList();
        Totals.Builder total = new Totals.Builder("all");
        counted.forEach(v -> total.add(v.amount()));
        return new AgreementInvestments(
                agreementId,
                asOf,
                views,
                total.build(),
                group(
                        counted,
                        v -> v.investor() == null ? "unspecified" : v.investor().name()),
                group(counted, v -> v.sector() == null ? "unspecified" : v.sector()),
                group(counted, AgreementInvestments::province));
    }

    /** A Canadian province (ISO 3166-2:CA), "outside Canada (KR)" for a foreign site, or "unspecified". */
    static String province(InvestmentView v) {
        Site site = v.site();
        if (site == null) {
            return "unspecified";
        }
        if (site.province() != null) {
            return site.province();
        }
        return site.country() != null && !site.country().equals("CA")
                ? "outside Canada (" + site.country() + ")"
                : "unspecified";
    }

    private static List<Totals> group(List<InvestmentView> views, Function<InvestmentView, String> key) {
        Map<String, Totals.Builder> groups = new LinkedHashMap<>();
        for (InvestmentView v : views) {
            groups.computeIfAbsent(key.apply(v), Totals.Builder::new).add(v.amount());
        }
        return groups.values().stream()
                .map(Totals.Builder::build)
                .sorted(Comparator.comparing(Totals::key))
                .toList();
    }
}
