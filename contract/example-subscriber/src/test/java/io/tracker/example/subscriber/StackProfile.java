package io.tracker.example.subscriber;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.tracker.local.test.LocalStackTestResource;

/** The real broker of the tests (the project's embedded KRaft Kafka; its PostgreSQL is not used here). */
@WithTestResource(
        value = LocalStackTestResource.class,
        scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "subscriber"))
public final class StackProfile {
    private StackProfile() {}
}
