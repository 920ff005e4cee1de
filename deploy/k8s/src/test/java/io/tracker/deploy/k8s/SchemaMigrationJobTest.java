package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migrations as a step of their own (issue 21): each service has a Job that runs its own image with Flyway's
 * migrate at start and quarkus.init-and-exit against the service's database, while the Deployment's pods keep
 * Flyway off their start-up path (the one-query check of tracker.schema.migrate-at-start=when-behind).
 */
class SchemaMigrationJobTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceHasAMigrationJobOnItsOwnImageAndDatabase(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        for (String svc : Sys.SERVICE_NAMES) {
            String id = "[" + overlay + "] " + svc;
            Map<String, Object> job = r.get("Job", svc + "-schema");
            Map<String, Object> deployment = r.get("Deployment", svc);
            Map<String, Object> migrate = Rendered.container(job);
            Map<String, Object> app = Rendered.container(deployment);

            assertEquals(
                    Y.str(app, "image"), Y.str(migrate, "image"), id + ": the Job must run the Deployment's image");
            assertEquals(
                    Y.list(app, "envFrom"), Y.list(migrate, "envFrom"), id + ": the Job must read the same config");
            Map<String, String> env = plainEnv(migrate);
            assertEquals("true", env.get("QUARKUS_FLYWAY_MIGRATE_AT_START"), id);
            assertEquals("true", env.get("QUARKUS_INIT_AND_EXIT"), id);
            assertEquals("never", env.get("TRACKER_SCHEMA_MIGRATE_AT_START"), id);
            assertEquals(secretEnv(app, "DB_USER"), secretEnv(migrate, "DB_USER"), id);
            assertEquals(secretEnv(app, "DB_PASSWORD"), secretEnv(migrate, "DB_PASSWORD"), id);
            assertEquals("OnFailure", Y.str(job, "spec", "template", "spec", "restartPolicy"), id);

            // the pods leave Flyway to the Job and to the one-query check
            Map<String, String> appEnv = plainEnv(app);
            assertFalse(
                    appEnv.containsKey("QUARKUS_FLYWAY_MIGRATE_AT_START"), id + ": the Deployment migrates at start");
            ServiceProperties props = ServiceProperties.of(svc);
            assertEquals("false", props.resolved("quarkus.flyway.migrate-at-start", appEnv), id);
            assertEquals("when-behind", props.resolved("tracker.schema.migrate-at-start", appEnv), id);

            // the Job's pod reaches its database: its own egress policy and the database's ingress
            String label = Y.str(job, "spec", "template", "metadata", "labels", "app");
            Map<String, Object> policy = r.get("NetworkPolicy", svc + "-schema");
            assertEquals(label, Y.str(policy, "spec", "podSelector", "matchLabels", "app"), id);
            String db = secretEnv(app, "DB_USER").replace("-app", "");
            assertTrue(
                    Y.maps(policy, "spec", "egress").stream().anyMatch(e -> Y.maps(e, "to").stream()
                            .anyMatch(t -> db.equals(Y.str(t, "podSelector", "matchLabels", "cnpg.io/cluster")))),
                    id + ": the Job's NetworkPolicy does not let it reach " + db);
            Map<String, Object> dbPolicy = r.get("NetworkPolicy", db);
            assertTrue(
                    Y.maps(dbPolicy, "spec", "ingress").stream().anyMatch(i -> Y.maps(i, "from").stream()
                            .anyMatch(f -> label.equals(Y.str(f, "podSelector", "matchLabels", "app")))),
                    id + ": " + db + " does not admit the migration Job");
        }
    }

    private static Map<String, String> plainEnv(Map<String, Object> container) {
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> e : Y.maps(container, "env")) {
            if (e.get("value") != null) {
                env.put(Y.str(e, "name"), String.valueOf(e.get("value")));
            }
        }
        return env;
    }

    /** The secret an env var is read from (the CloudNativePG Secret for DB_USER, e.g. negotiation-db-app). */
    private static String secretEnv(Map<String, Object> container, String name) {
        List<Map<String, Object>> env = Y.maps(container, "env");
        return env.stream()
                .filter(e -> name.equals(Y.str(e, "name")))
                .map(e -> Y.str(e, "valueFrom", "secretKeyRef", "name"))
                .findFirst()
                .orElse("(none)");
    }
}
