package io.tracker.projection.persistence;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * A generation of the read models (read with Panache; written with SQL by {@link GenerationStore}): the active
 * one answers queries, a building one is being filled by a rebuild, retired and failed ones are purged.
 */
@Entity
@Table(name = "projection_generation")
public class GenerationEntity extends PanacheEntityBase {
    @Id
    public Integer generation;

    public String state;

    @Column(name = "group_id")
    public String groupId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "activated_at")
    public OffsetDateTime activatedAt;

    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;

    @Column(name = "events_applied")
    public long eventsApplied;

    public long transactions;

    @Column(name = "poison_skipped")
    public long poisonSkipped;

    public String detail;

    /** The most recent generation that a rebuild created (the first one is created by the migration). */
    public static Uni<GenerationEntity> latestRebuild() {
        return find("generation > 1 order by generation desc").firstResult();
    }

    public static Uni<GenerationEntity> active() {
        return find("state", "ACTIVE").firstResult();
    }
}
