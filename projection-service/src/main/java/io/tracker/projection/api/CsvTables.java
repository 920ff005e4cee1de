package io.tracker.projection.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import io.tracker.projection.domain.AgreementRow;
import io.tracker.projection.domain.Amendment;
import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.Change;
import io.tracker.projection.domain.Company;
import io.tracker.projection.domain.InvestmentView;
import io.tracker.projection.domain.Money;
import io.tracker.projection.domain.Source;
import io.tracker.projection.domain.SourceIndex;
import io.tracker.projection.domain.TimelineEntry;

/** The CSV form of each exportable answer: one row per item, the JSON's fields flattened. */
final class CsvTables {
    private CsvTables() {}

    static Exports.Table agreements(List<AgreementRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (AgreementRow r : rows) {
            out.add(List.of(
                    r.id(),
                    s(r.title()),
                    join(r.parties()),
                    s(r.stage()),
                    r.lastMilestone() == null ? "" : s(r.lastMilestone().milestone()),
                    r.lastMilestone() == null ? "" : s(r.lastMilestone().summary()),
                    r.lastMilestone() == null ? "" : text(r.lastMilestone().date()),
                    String.valueOf(r.milestonesReached()),
                    String.valueOf(r.pendingMilestones()),
                    String.valueOf(r.binding()),
                    join(r.focusAreas()),
                    String.valueOf(r.lastVersion()),
                    s(r.lastRecordedAt())));
        }
        return new Exports.Table(
                List.of(
                        "id",
                        "title",
                        "parties",
                        "stage",
                        "lastMilestone",
                        "lastMilestoneSummary",
                        "lastMilestoneDate",
                        "milestonesReached",
                        "pendingMilestones",
                        "binding",
                        "focusAreas",
                        "lastVersion",
                        "lastRecordedAt"),
                out);
    }

    static Exports.Table timeline(String agreementId, List<TimelineEntry> entries) {
        List<List<String>> out = new ArrayList<>();
        for (TimelineEntry e : entries) {
            out.add(List.of(
                    agreementId,
                    String.valueOf(e.streamVersion()),
                    String.valueOf(e.eventId()),
                    e.type(),
                    s(e.label()),
                    s(e.title()),
                    s(e.description()),
                    text(e.date()),
                    e.date() == null ? "" : e.date().precision(),
                    e.date() == null ? "" : s(e.date().earliest()),
                    e.date() == null ? "" : s(e.date().latest()),
                    s(e.factStatus()),
                    s(e.standing()),
                    s(e.recordedAt()),
                    titles(e.sources()),
                    kinds(e.sources()),
                    e.amendments().stream().map(CsvTables::amendment).collect(Collectors.joining("; "))));
        }
        return new Exports.Table(
                List.of(
                        "agreementId",
                        "streamVersion",
                        "eventId",
                        "type",
                        "label",
                        "title",
                        "description",
                        "date",
                        "datePrecision",
                        "dateEarliest",
                        "dateLatest",
                        "factStatus",
                        "standing",
                        "recordedAt",
                        "sources",
                        "sourceKinds",
                        "amendments"),
                out);
    }

    static Exports.Table investments(List<InvestmentView> views) {
        List<List<String>> out = new ArrayList<>();
        for (InvestmentView v : views) {
            Money m = v.amount();
            boolean disclosed = m != null && m.disclosed();
            out.add(List.of(
                    v.investmentId(),
                    s(v.project()),
                    v.investor() == null ? "" : s(v.investor().name()),
                    v.investor() == null ? "" : s(v.investor().country()),
                    v.partners().stream()
                            .map(Company::name)
                            .filter(Objects::nonNull)
                            .collect(Collectors.joining("; ")),
                    s(v.sector()),
                    v.site() == null ? "" : s(v.site().city()),
                    v.site() == null ? "" : s(v.site().province()),
                    v.site() == null ? "" : s(v.site().country()),
                    disclosed ? m.amount().toPlainString() : "",
                    disclosed ? m.currency() : "",
                    String.valueOf(!disclosed),
                    s(v.expectedJobs()),
                    s(v.state()),
                    text(v.announced()),
                    join(v.negotiationIds()),
                    join(v.milestones()),
                    titles(v.sources()),
                    String.valueOf(v.lastVersion())));
        }
        return new Exports.Table(
                List.of(
                        "investmentId",
                        "project",
                        "investor",
                        "investorCountry",
                        "partners",
                        "sector",
                        "city",
                        "province",
                        "country",
                        "amount",
                        "currency",
                        "undisclosed",
                        "expectedJobs",
                        "state",
                        "announced",
                        "agreements",
                        "milestones",
                        "sources",
                        "lastVersion"),
                out);
    }

    /** One row per (source, fact resting on it). */
    static Exports.Table sources(List<SourceIndex.CitedSource> cited) {
        List<List<String>> out = new ArrayList<>();
        for (SourceIndex.CitedSource c : cited) {
            Source src = c.source();
            for (SourceIndex.Citation f : c.facts()) {
                out.add(List.of(
                        s(src.title()),
                        s(src.publisher()),
                        s(src.published()),
                        s(src.url()),
                        s(src.kind()),
                        f.stream(),
                        f.streamId(),
                        join(f.agreements()),
                        String.valueOf(f.streamVersion()),
                        f.type(),
                        text(f.date()),
                        s(f.standing()),
                        s(f.role()),
                        s(f.amendmentVersion())));
            }
        }
        return new Exports.Table(
                List.of(
                        "title",
                        "publisher",
                        "published",
                        "url",
                        "kind",
                        "stream",
                        "streamId",
                        "agreements",
                        "streamVersion",
                        "type",
                        "date",
                        "standing",
                        "role",
                        "amendmentVersion"),
                out);
    }

    static Exports.Table changes(List<Change> changes) {
        List<List<String>> out = new ArrayList<>();
        for (Change c : changes) {
            out.add(List.of(
                    s(c.kind()),
                    c.stream(),
                    c.streamId(),
                    join(c.agreements()),
                    String.valueOf(c.streamVersion()),
                    c.type(),
                    s(c.title()),
                    text(c.date()),
                    s(c.factStatus()),
                    s(c.recordedAt()),
                    s(c.targetVersion()),
                    s(c.targetType()),
                    s(c.targetTitle()),
                    s(c.reason()),
                    titles(c.sources())));
        }
        return new Exports.Table(
                List.of(
                        "kind",
                        "stream",
                        "streamId",
                        "agreements",
                        "streamVersion",
                        "type",
                        "title",
                        "date",
                        "factStatus",
                        "recordedAt",
                        "targetVersion",
                        "targetType",
                        "targetTitle",
                        "reason",
                        "sources"),
                out);
    }

    private static String amendment(Amendment a) {
        return a.kind() + " v" + a.streamVersion() + (a.reason() == null ? "" : ": " + a.reason());
    }

    private static String titles(List<Source> sources) {
        return sources.stream().map(Source::title).filter(Objects::nonNull).collect(Collectors.joining("; "));
    }

    private static String kinds(List<Source> sources) {
        return sources.stream().map(x -> String.valueOf(x.kind())).collect(Collectors.joining("; "));
    }

    private static String text(BusinessDate d) {
        return d == null ? "" : d.text();
    }

    private static String join(List<String> values) {
        return values == null ? "" : String.join("; ", values);
    }

    private static String s(Object value) {
        return value == null ? "" : value.toString();
    }
}
