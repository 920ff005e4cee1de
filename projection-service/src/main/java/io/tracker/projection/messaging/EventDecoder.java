package io.tracker.projection.messaging;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.Company;
import io.tracker.projection.domain.EventBody;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.FactDetails;
import io.tracker.projection.domain.FactStatus;
import io.tracker.projection.domain.InvestmentCorrection;
import io.tracker.projection.domain.InvestmentFact;
import io.tracker.projection.domain.InvestmentTerms;
import io.tracker.projection.domain.IsoDate;
import io.tracker.projection.domain.Money;
import io.tracker.projection.domain.NegotiationCorrection;
import io.tracker.projection.domain.NegotiationFact;
import io.tracker.projection.domain.Participant;
import io.tracker.projection.domain.Place;
import io.tracker.projection.domain.Retraction;
import io.tracker.projection.domain.Site;
import io.tracker.projection.domain.Source;
import io.tracker.projection.domain.StatusChange;
import io.tracker.projection.messaging.wire.FigureEventData;
import io.tracker.projection.messaging.wire.InvestmentEventData;
import io.tracker.projection.messaging.wire.NegotiationEventData;
import io.tracker.projection.messaging.wire.WireValues.BusinessDateJson;
import io.tracker.projection.messaging.wire.WireValues.CompanyJson;
import io.tracker.projection.messaging.wire.WireValues.FactJson;
import io.tracker.projection.messaging.wire.WireValues.MoneyJson;
import io.tracker.projection.messaging.wire.WireValues.SiteJson;
import io.tracker.projection.messaging.wire.WireValues.SourceJson;

/**
 * Reads an event's {@code data} (the wire form) into the projection's domain. Lenient about what it does not
 * need (unknown fields, extra values), strict about what it does: a missing fact, date or status, or a value
 * it cannot read, is a {@link PoisonException} naming the field. Also used to read back stored payloads.
 */
public final class EventDecoder {
    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The value as a JSON object, or {@link PoisonReason#NOT_JSON}. */
    public JsonNode parse(String json) throws PoisonException {
        return object(json == null ? null : () -> mapper.readTree(json));
    }

    /** The value (UTF-8 bytes, already checked to be UTF-8) as a JSON object, or {@link PoisonReason#NOT_JSON}. */
    public JsonNode parse(byte[] utf8) throws PoisonException {
        return object(utf8 == null ? null : () -> mapper.readTree(utf8));
    }

    private interface TreeRead {
        JsonNode read() throws java.io.IOException;
    }

    private static JsonNode object(TreeRead read) throws PoisonException {
        JsonNode tree;
        try {
            tree = read == null ? null : read.read();
        } catch (java.io.IOException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new PoisonException(PoisonReason.NOT_JSON, "the value is not JSON: " + detail, e);
        }
        if (tree == null || !tree.isObject()) {
            throw new PoisonException(PoisonReason.NOT_JSON, "the value is not a JSON object");
        }
        return tree;
    }

    /**
     * Reads a stored payload (the {@code data} of an event that was read once already) in one pass, without the
     * intermediate tree of {@link #parse}: the summaries of the read models decode whole histories this way.
     */
    public EventBody decode(EventType type, int schemaVersion, String json) throws PoisonException {
        if (schemaVersion < type.currentSchemaVersion()) {
            return decode(type, schemaVersion, parse(json));
        }
        return decode(type, schemaVersion, wireType -> mapper.readValue(json, wireType));
    }

    /** Data of an older schema version is first brought to the current one by the {@link Upcaster}. */
    public EventBody decode(EventType type, int schemaVersion, JsonNode data) throws PoisonException {
        JsonNode current = type.readsSchemaVersion(schemaVersion)
                ? Upcaster.upcast(type, schemaVersion, type.currentSchemaVersion(), data)
                : data;
        return decode(type, schemaVersion, wireType -> mapper.treeToValue(current, wireType));
    }

    /** Reads the event's data as a wire record of the given type. */
    private interface WireReader {
        Object read(Class<?> wireType) throws JsonProcessingException;
    }

    private EventBody decode(EventType type, int schemaVersion, WireReader data) throws PoisonException {
        if (!type.readsSchemaVersion(schemaVersion)) {
            throw new PoisonException(
                    PoisonReason.UNSUPPORTED_SCHEMA_VERSION,
                    type.typeName() + " v" + schemaVersion + " is not readable by this service (reads v1 to v"
                            + type.currentSchemaVersion() + ")");
        }
        try {
            return switch (type.stream()) {
                case NEGOTIATION ->
                    type.category() == EventType.Category.FIGURE
                            ? FigureDecoder.decode(type, (FigureEventData) data.read(FigureEventData.class))
                            : negotiation(type, (NegotiationEventData) data.read(NegotiationEventData.class));
                case INVESTMENT -> investment(type, (InvestmentEventData) data.read(InvestmentEventData.class));
            };
        } catch (StreamReadException e) {
            throw new PoisonException(PoisonReason.NOT_JSON, "the value is not JSON: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new PoisonException(
                    PoisonReason.INVALID_EVENT, type.typeName() + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (RuntimeException e) {
            throw new PoisonException(PoisonReason.INVALID_EVENT, type.typeName() + ": " + e.getMessage(), e);
        }
    }

    private static EventBody negotiation(EventType type, NegotiationEventData d) {
        switch (type) {
            case NEGOTIATION_OPENED:
                return new NegotiationFact(fact(d.fact(), "fact"), d.title(), d.description(), null, d.parties(), null);
            case LEADERS_MET:
                return new NegotiationFact(fact(d.fact(), "fact"), null, d.summary(), null, null, null);
            case TALKS_HELD:
                return new NegotiationFact(fact(d.fact(), "fact"), d.level(), d.summary(), null, null, null);
            case MOU_SIGNED:
                return new NegotiationFact(
                        fact(d.fact(), "fact"),
                        d.title(),
                        null,
                        null,
                        null,
                        map(d.signatories(), p -> new Participant(p.name(), p.role(), p.country())));
            case COMMITTEE_FORMED:
                return new NegotiationFact(fact(d.fact(), "fact"), d.name(), d.mandate(), null, null, null);
            case FORUM_ESTABLISHED:
                return new NegotiationFact(fact(d.fact(), "fact"), d.name(), d.purpose(), null, null, null);
            case TRADE_MISSION_ANNOUNCED:
                return new NegotiationFact(fact(d.fact(), "fact"), d.title(), null, d.missionId(), null, null);
            case TRADE_MISSION_COMPLETED:
                return new NegotiationFact(fact(d.fact(), "fact"), null, d.outcome(), d.missionId(), null, null);
            case AGREEMENT_CONCLUDED:
                return new NegotiationFact(fact(d.fact(), "fact"), d.title(), d.summary(), null, null, null);
            case NEGOTIATION_STALLED:
            case NEGOTIATION_RESUMED:
            case NEGOTIATION_TERMINATED:
                return new StatusChange(date(d.date(), "date"), d.reason(), sources(d.sources()));
            case FACT_CORRECTED:
                return new NegotiationCorrection(
                        version(d.correctsVersion(), "correctsVersion"), fact(d.corrected(), "corrected"), d.reason());
            case FACT_RETRACTED:
                return new Retraction(version(d.targetVersion(), "targetVersion"), d.reason(), sources(d.sources()));
            default:
                throw new IllegalArgumentException("not a negotiation event");
        }
    }

    private static EventBody investment(EventType type, InvestmentEventData d) {
        switch (type) {
            case INVESTMENT_ANNOUNCED:
                return new InvestmentFact(
                        date(d.businessDate(), "businessDate"),
                        status(d.status(), "status"),
                        sources(d.sources()),
                        new InvestmentTerms(
                                d.project(),
                                company(d.investor()),
                                companies(d.partners()),
                                d.sector(),
                                site(d.site()),
                                money(d.amount(), "amount"),
                                d.expectedJobs(),
                                d.negotiationIds() == null ? List.of() : d.negotiationIds(),
                                null,
                                null));
            case INVESTMENT_COMMITTED:
            case INVESTMENT_REVISED:
                return new InvestmentFact(
                        date(d.businessDate(), "businessDate"),
                        status(d.status(), "status"),
                        sources(d.sources()),
                        new InvestmentTerms(
                                null,
                                null,
                                null,
                                null,
                                null,
                                money(d.amount(), "amount"),
                                d.expectedJobs(),
                                null,
                                null,
                                null));
            case INVESTMENT_MILESTONE_REACHED:
                return new InvestmentFact(
                        date(d.businessDate(), "businessDate"),
                        status(d.status(), "status"),
                        sources(d.sources()),
                        new InvestmentTerms(
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                required(d.milestone(), "milestone"),
                                null));
            case INVESTMENT_WITHDRAWN:
                return new InvestmentFact(
                        date(d.businessDate(), "businessDate"),
                        status(d.status(), "status"),
                        sources(d.sources()),
                        new InvestmentTerms(null, null, null, null, null, null, null, null, null, d.reason()));
            case INVESTMENT_FACT_CORRECTED: {
                InvestmentEventData.Correction c = required(d.correction(), "correction");
                InvestmentTerms patch = new InvestmentTerms(
                        c.project(),
                        company(c.investor()),
                        companies(c.partners()),
                        c.sector(),
                        site(c.site()),
                        money(c.amount(), "correction.amount"),
                        c.expectedJobs(),
                        c.negotiationIds(),
                        null,
                        null);
                return new InvestmentCorrection(
                        version(d.correctsVersion(), "correctsVersion"),
                        patch,
                        c.businessDate() == null ? null : date(c.businessDate(), "correction.businessDate"),
                        c.status() == null ? null : status(c.status(), "correction.status"),
                        d.reason(),
                        sources(d.sources()));
            }
            case INVESTMENT_FACT_RETRACTED:
                return new Retraction(
                        version(d.retractsVersion(), "retractsVersion"), d.reason(), sources(d.sources()));
            default:
                throw new IllegalArgumentException("not an investment event");
        }
    }

    private static FactDetails fact(FactJson f, String field) {
        required(f, field);
        return new FactDetails(
                date(f.date(), field + ".date"),
                status(f.status(), field + ".status"),
                map(f.participants(), p -> new Participant(p.name(), p.role(), p.country())),
                f.place() == null ? null : new Place(f.place().city(), f.place().country()),
                f.focusAreas(),
                sources(f.sources()));
    }

    /**
     * A business date: the producer's interval when it gives one, else the interval its text stands for. The
     * text is required.
     */
    static BusinessDate date(BusinessDateJson d, String field) {
        required(d, field);
        String text = required(d.text(), field + ".text");
        if (d.earliest() != null && d.latest() != null) {
            String precision = d.precision() != null
                    ? d.precision()
                    : BusinessDate.parse(text).precision();
            return new BusinessDate(text, precision, IsoDate.parse(d.earliest()), IsoDate.parse(d.latest()));
        }
        return BusinessDate.parse(text);
    }

    private static FactStatus status(String status, String field) {
        try {
            return FactStatus.valueOf(required(status, field));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": unknown fact status '" + status + "'", e);
        }
    }

    private static long version(Long version, String field) {
        if (required(version, field) < 1) {
            throw new IllegalArgumentException(field + " must be a stream version (1 or more)");
        }
        return version;
    }

    private static List<Source> sources(List<SourceJson> sources) {
        return map(
                sources,
                s -> new Source(
                        s.title(),
                        s.publisher(),
                        s.published() == null ? null : IsoDate.parse(s.published()),
                        s.url(),
                        s.kind() == null ? null : sourceKind(s.kind())));
    }

    private static Source.Kind sourceKind(String kind) {
        try {
            return Source.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sources: unknown source kind '" + kind + "'", e);
        }
    }

    private static Company company(CompanyJson c) {
        return c == null ? null : new Company(c.name(), c.country());
    }

    private static List<Company> companies(List<CompanyJson> list) {
        return list == null ? null : map(list, EventDecoder::company);
    }

    private static Site site(SiteJson s) {
        return s == null ? null : new Site(s.city(), s.province(), s.country());
    }

    /** Null when absent; {@code {"undisclosed":true}} is undisclosed, never zero. */
    private static Money money(MoneyJson m, String field) {
        if (m == null) {
            return null;
        }
        if (Boolean.TRUE.equals(m.undisclosed()) || (m.amount() == null && m.currency() == null)) {
            return Money.undisclosed();
        }
        try {
            return Money.of(
                    new BigDecimal(required(m.amount(), field + ".amount")),
                    required(m.currency(), field + ".currency"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ".amount: not a decimal number '" + m.amount() + "'", e);
        }
    }

    private static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    private static <A, B> List<B> map(List<A> list, Function<A, B> f) {
        return list == null
                ? List.of()
                : list.stream().filter(Objects::nonNull).map(f).toList();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
