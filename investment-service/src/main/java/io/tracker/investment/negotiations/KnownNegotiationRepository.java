package io.tracker.investment.negotiations;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The known-negotiations view in PostgreSQL (table {@code known_negotiations}, migration in db/investment). */
@ApplicationScoped
public class KnownNegotiationRepository implements PanacheRepositoryBase<KnownNegotiation, String> {

    /** What {@link #apply} did with a change. */
    public enum Outcome {
        APPLIED,
        DUPLICATE
    }

    /**
     * Applies one change in one transaction, idempotently: a change at or below the version the view already
     * has is a redelivery and changes nothing; otherwise the change and the new version are written together.
     * The row is locked while deciding, so two consumers (a rebalance) cannot both apply.
     */
    @WithTransaction
    public Uni<Outcome> apply(NegotiationChange change) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return findById(change.negotiationId(), LockModeType.PESSIMISTIC_WRITE).chain(known -> {
            if (known == null) {
                return persist(KnownNegotiation.first(change, now)).replaceWith(Outcome.APPLIED);
            }
            if (change.streamVersion() <= known.lastVersion) {
                return Uni.createFrom().item(Outcome.DUPLICATE);
            }
            known.apply(change, now);
            return Uni.createFrom().item(Outcome.APPLIED);
        });
    }

    @WithSession
    public Uni<List<KnownNegotiation>> byIds(Collection<String> ids) {
        return list("id in ?1", ids);
    }

    @WithSession
    public Uni<KnownNegotiation> byId(String id) {
        return findById(id);
    }
}
