package io.tracker.investment.negotiations;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tracker.core.application.DomainRejectedException;
import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.DomainError;

/**
 * Whether an investment may be linked to negotiations, from the known-negotiations view. The view follows
 * {@code tracker.negotiation.events}, so it is eventually consistent: a negotiation opened a moment ago may
 * not be in it yet, and the refusal says so.
 */
@ApplicationScoped
public class KnownNegotiations {
    public static final String UNKNOWN = "unknown-negotiation";
    public static final String TERMINATED = "negotiation-terminated";

    private final KnownNegotiationRepository repository;

    KnownNegotiations(KnownNegotiationRepository repository) {
        this.repository = repository;
    }

    /**
     * Fails with a {@link DomainRejectedException} naming {@code field[i]} when the i-th id is not a known
     * negotiation, or (when {@code investmentDate} is given) when that negotiation was terminated before the
     * investment's business date could begin.
     *
     * @param field          the request field of the list, e.g. {@code negotiationIds}
     * @param investmentDate the business date of the investment fact being recorded, or null to skip that check
     */
    public Uni<Void> requireLinkable(List<String> ids, String field, BusinessDate investmentDate) {
        if (ids == null || ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.byIds(ids).onItem().transform(found -> {
            Map<String, KnownNegotiation> known =
                    found.stream().collect(Collectors.toMap(n -> n.id, Function.identity()));
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                String at = field + "[" + i + "]";
                KnownNegotiation n = known.get(id);
                if (n == null) {
                    throw rejected(
                            UNKNOWN,
                            "negotiation '" + id + "' is not known to this service yet. "
                                    + "investment-service learns about negotiations from the events of negotiation-service; "
                                    + "if it was just created, this service may be a moment behind: retry shortly",
                            at);
                }
                if (investmentDate != null && endedBefore(n, investmentDate)) {
                    throw rejected(
                            TERMINATED,
                            "negotiation '" + id + "' was terminated (" + n.terminatedOn
                                    + ", by " + n.terminatedUntil + ") before this investment's date ("
                                    + investmentDate.text()
                                    + "); an investment that came after the end of a negotiation cannot be linked to it",
                            at);
                }
            }
            return null;
        });
    }

    /** Terminated, and the termination's latest possible day is before the investment's earliest one. */
    private static boolean endedBefore(KnownNegotiation n, BusinessDate investmentDate) {
        return n.terminated && n.terminatedUntil != null && n.terminatedUntil.isBefore(investmentDate.earliest());
    }

    private static DomainRejectedException rejected(String code, String message, String field) {
        return new DomainRejectedException(new DomainError(DomainError.Kind.RULE_VIOLATED, code, message, field));
    }
}
