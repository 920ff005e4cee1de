package io.tracker.core.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * What the outbox relay is doing, on the readiness endpoint. It stays UP while the broker is unreachable:
 * commands are still accepted and their events wait in the outbox, which is the point of having one. The
 * data tells an operator whether this replica publishes, how many entries wait, and the last error.
 */
@Readiness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {
    private final OutboxRelay relay;

    OutboxHealth(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox relay").up()
                .withData("publishing replica", relay.isLeader());
        try {
            response.withData("entries waiting", relay.pendingCount());
        } catch (RuntimeException e) {
            response.withData("entries waiting", "unknown: " + e.getMessage());
        }
        String error = relay.lastError();
        return response.withData("broker", error == null ? "reachable" : "unreachable, retrying: " + error).build();
    }
}
