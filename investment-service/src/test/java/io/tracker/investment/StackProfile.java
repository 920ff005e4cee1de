package io.tracker.investment;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The module's one global test resource: a real Kafka broker and a real PostgreSQL server (see
 * {@link InvestmentStackResource}).
 */
@WithTestResource(value = InvestmentStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "investment"))
public final class StackProfile {
    private StackProfile() {
    }
}
