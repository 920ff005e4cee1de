package io.tracker.projection.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The agreement list as of a question: one row per agreement known by then that the filter keeps, by id. */
public final class AgreementList {
    private AgreementList() {}

    /** {@code streams}: every negotiation's events by id (those recorded after the question are ignored). */
    public static List<AgreementRow> rows(Map<String, List<RecordedEvent>> streams, AsOf asOf, AgreementFilter filter) {
        List<AgreementRow> rows = new ArrayList<>();
        streams.forEach((id, events) -> AgreementStatusCalculator.status(id, events, asOf)
                .ifPresent(status -> {
                    List<BusinessDate> dates = filter.from() == null && filter.to() == null
                            ? List.of()
                            : StreamHistory.of(events, asOf).inForce(asOf).stream()
                                    .map(EffectiveEvent::date)
                                    .toList();
                    if (filter.matches(status, dates)) {
                        rows.add(AgreementRow.of(status));
                    }
                }));
        return rows;
    }
}
