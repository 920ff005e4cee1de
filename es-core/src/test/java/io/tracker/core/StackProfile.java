package io.tracker.core;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.tracker.local.test.LocalStackTestResource;

/** Holds the one global test resource of this module: a real Kafka broker and PostgreSQL server. */
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.GLOBAL)
public final class StackProfile {
    private StackProfile() {}
}
