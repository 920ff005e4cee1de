package io.tracker.investment;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.tracker.local.test.LocalStackTestResource;

/**
 * The module's one global test resource: a real Kafka broker (secured: this service logs in as
 * investment-service, with only its rights; the topics, tracker.negotiation.events among them, are made by the
 * broker's admin on start, as in a deployment) and a real PostgreSQL server.
 */
@WithTestResource(
        value = LocalStackTestResource.class,
        scope = TestResourceScope.GLOBAL,
        initArgs = {
            @ResourceArg(name = "database", value = "investment"),
            @ResourceArg(name = "kafka-user", value = "investment-service")
        })
public final class StackProfile {
    private StackProfile() {}
}
