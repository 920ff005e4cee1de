package io.tracker.projection.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Investments across agreements as of a question, filtered, with totals overall and by agreement, investor,
 * sector and province: amounts per currency (never converted), undisclosed amounts counted apart (never as 0),
 * withdrawn investments listed but not totalled.
 */
public record InvestmentsAcross(
        AsOf asOf,
        List<InvestmentView> investments,
        Totals total,
        List<Totals> byAgreement,
        List<Totals> byInvestor,
        List<Totals> bySector,
        List<Totals> byProvince) {

    public InvestmentsAcross {
        investments = Lists.copy(investments);
        byAgreement = Lists.copy(byAgreement);
        byInvestor = Lists.copy(byInvestor);
        bySector = Lists.copy(bySector);
        byProvince = Lists.copy(byProvince);
    }

    /** {@code streams}: every investment's events by id. */
    public static InvestmentsAcross of(Map<String, List<RecordedEvent>> streams, AsOf asOf, InvestmentFilter filter) {
        List<InvestmentView> views = new ArrayList<>();
        streams.forEach((id, events) -> InvestmentCalculator.view(id, events, asOf)
                .filter(filter::matches)
                .ifPresent(views::add));
        views.sort(Comparator.comparing(InvestmentView::announced, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(InvestmentView::investmentId));
        List<InvestmentView> counted = views.stream()
                .filter(v -> v.state() != InvestmentView.State.WITHDRAWN)
                .toList();
        Totals.Builder total = new Totals.Builder("all");
        counted.forEach(v -> total.add(v.amount()));
        Map<String, Totals.Builder> byAgreement = new LinkedHashMap<>();
        for (InvestmentView v : counted) {
            List<String> ids = v.negotiationIds().isEmpty() ? List.of("none") : v.negotiationIds();
            ids.forEach(
                    id -> byAgreement.computeIfAbsent(id, Totals.Builder::new).add(v.amount()));
        }
        return new InvestmentsAcross(
                asOf,
                views,
                total.build(),
                sorted(byAgreement),
                group(
                        counted,
                        v -> v.investor() == null ? "unspecified" : v.investor().name()),
                group(counted, v -> v.sector() == null ? "unspecified" : v.sector()),
                group(counted, AgreementInvestments::province));
    }

    private static List<Totals> group(List<InvestmentView> views, Function<InvestmentView, String> key) {
        Map<String, Totals.Builder> groups = new LinkedHashMap<>();
        views.forEach(
                v -> groups.computeIfAbsent(key.apply(v), Totals.Builder::new).add(v.amount()));
        return sorted(groups);
    }

    private static List<Totals> sorted(Map<String, Totals.Builder> groups) {
        return groups.values().stream()
                .map(Totals.Builder::build)
                .sorted(Comparator.comparing(Totals::key))
                .toList();
    }
}
