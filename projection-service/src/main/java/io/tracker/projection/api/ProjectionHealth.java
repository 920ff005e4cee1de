package io.tracker.projection.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import io.tracker.projection.apply.ConsumerLoop;
import io.tracker.projection.apply.LiveConsumers;
import io.tracker.projection.apply.LoopPhase;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.rebuild.RebuildService;

/**
 * Health of the consumption. Readiness says whether the read models are {@code LIVE} (lag at or below the
 * threshold) or {@code CATCHING_UP} (data {@code state}, {@code lag}); it is UP in both, since a slightly stale
 * answer beats none, unless {@code tracker.projection.ready-only-when-live}. Liveness is DOWN when a consumer
 * died.
 */
public final class ProjectionHealth {
    private ProjectionHealth() {}

    static HealthCheckResponseBuilder describe(String name, LiveConsumers live, RebuildService rebuild) {
        LoopPhase phase = live.phase();
        HealthCheckResponseBuilder b =
                HealthCheckResponse.named(name).withData("state", phase.name()).withData("lag", live.totalLag());
        for (ConsumerLoop loop : live.loops()) {
            b.withData(
                    loop.settings().clientId(),
                    loop.phase().name() + ", lag " + loop.totalLag()
                            + (loop.lastError() == null ? "" : ", last error: " + loop.lastError()));
        }
        ConsumerLoop r = rebuild.current();
        if (r != null && rebuild.currentGeneration() != null) {
            b.withData(
                    "rebuild",
                    "generation " + rebuild.currentGeneration().generation() + ": "
                            + r.phase().name());
        }
        return b;
    }

    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {
        private final LiveConsumers live;
        private final RebuildService rebuild;
        private final ProjectionConfig config;

        Ready(LiveConsumers live, RebuildService rebuild, ProjectionConfig config) {
            this.live = live;
            this.rebuild = rebuild;
            this.config = config;
        }

        @Override
        public HealthCheckResponse call() {
            LoopPhase phase = live.phase();
            boolean up = phase != LoopPhase.FAILED
                    && (phase != LoopPhase.STOPPED || !config.consumersEnabled())
                    && (!config.readyOnlyWhenLive() || phase == LoopPhase.LIVE);
            return describe("projection-consumers", live, rebuild).status(up).build();
        }
    }

    @Liveness
    @ApplicationScoped
    public static class Alive implements HealthCheck {
        private final LiveConsumers live;
        private final RebuildService rebuild;

        Alive(LiveConsumers live, RebuildService rebuild) {
            this.live = live;
            this.rebuild = rebuild;
        }

        @Override
        public HealthCheckResponse call() {
            return describe("projection-consumers", live, rebuild)
                    .status(live.phase() != LoopPhase.FAILED)
                    .build();
        }
    }
}
