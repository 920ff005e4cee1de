package io.tracker.core.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * What the relay is doing, on the readiness endpoint. It stays UP while the broker is unreachable: commands
 * are still accepted and their events wait in the log until they are published. The data tells an operator
 * whether this replica publishes, how many events wait and since when, and the last error.
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
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("outbox relay").up().withData("publishing replica", relay.isLeader());
        long waiting = relay.backlogEvents();
        String backlogError = relay.backlogError();
        if (backlogError != null) {
            response.withData("events waiting", "unknown: " + backlogError);
        } else if (waiting >= 0) {
            response.withData("events waiting", waiting)
                    .withData("oldest waiting, seconds", (long) Math.ceil(relay.oldestUnpublishedAgeSeconds()));
        }
        String error = relay.lastError();
        return response.withData("broker", error == null ? "reachable" : "unreachable, retrying: " + error)
                .build();
    }
}
