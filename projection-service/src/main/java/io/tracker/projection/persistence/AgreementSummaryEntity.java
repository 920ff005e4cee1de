package io.tracker.projection.persistence;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * One row of the agreement list, per generation (read with Panache; written by {@link ProjectionWriter} in the
 * transaction that applies the agreement's facts).
 */
@Entity
@Table(name = "agreement_summary")
@IdClass(AgreementSummaryEntity.Key.class)
public class AgreementSummaryEntity extends PanacheEntityBase {
    @Id
    public Integer generation;

    @Id
    @Column(name = "negotiation_id")
    public String negotiationId;

    public String title;
    public String parties;
    public String stage;

    @Column(name = "last_milestone")
    public String lastMilestone;

    @Column(name = "last_milestone_kind")
    public String lastMilestoneKind;

    @Column(name = "last_milestone_date")
    public String lastMilestoneDate;

    @Column(name = "pending_milestones")
    public int pendingMilestones;

    public boolean binding;

    @Column(name = "last_version")
    public long lastVersion;

    @Column(name = "last_recorded_at")
    public OffsetDateTime lastRecordedAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** The active generation's agreements, by id. One statement: a generation switch never mixes two. */
    public static Uni<List<AgreementSummaryEntity>> listActive() {
        return list("generation = (select g.generation from GenerationEntity g where g.state = 'ACTIVE')"
                + " order by negotiationId");
    }

    /** The composite key (generation, negotiation id). */
    public static class Key implements Serializable {
        public Integer generation;
        public String negotiationId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(generation, k.generation)
                    && Objects.equals(negotiationId, k.negotiationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(generation, negotiationId);
        }
    }
}
