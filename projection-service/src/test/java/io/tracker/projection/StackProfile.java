package io.tracker.projection;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.tracker.local.test.LocalStackTestResource;

/** Holds the one global test resource of this module: a real Kafka broker and a real PostgreSQL database "projection". */
@WithTestResource(
        value = LocalStackTestResource.class,
        scope = TestResourceScope.GLOBAL,
        initArgs = {
            @ResourceArg(name = "database", value = "projection"),
            @ResourceArg(name = "kafka-user", value = "projection-service")
        })
public final class StackProfile {
    private StackProfile() {}
}
