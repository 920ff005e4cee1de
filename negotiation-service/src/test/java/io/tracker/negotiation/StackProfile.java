package io.tracker.negotiation;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.tracker.local.test.LocalStackTestResource;

/** The module's one global test resource: a real Kafka broker and a real PostgreSQL server. */
@WithTestResource(
        value = LocalStackTestResource.class,
        scope = TestResourceScope.GLOBAL,
        initArgs = {
            @ResourceArg(name = "database", value = "negotiation"),
            @ResourceArg(name = "kafka-user", value = "negotiation-service")
        })
public final class StackProfile {
    private StackProfile() {}
}
