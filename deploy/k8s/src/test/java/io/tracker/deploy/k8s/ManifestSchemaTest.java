package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every rendered object (dev, prod, and prod with each optional component) is valid against the pinned
 * schema of its kind: Strimzi 1.2.0, CloudNativePG 1.30.0, Barman Cloud plugin 0.14.0, Gateway API
 * 1.3.0, Prometheus Operator 0.93.0, Kubernetes 1.32 (see SchemaCatalog and schemas/SOURCES.md). A
 * field the operator does not know, a wrong type or a missing required field fails; the negative
 * controls below show that the check catches exactly that.
 */
class ManifestSchemaTest {

    static List<String> renders() {
        return List.of(
                "dev",
                "prod",
                "prod+prometheus-operator",
                "prod+outside-subscriber",
                "prod+gateway-api",
                "prod+otlp-tracing");
    }

    static Rendered render(String name) {
        if (!name.contains("+")) {
            return Kustomize.overlay(name);
        }
        String[] parts = name.split("\\+");
        Path dir = Kustomize.MODULE_DIR.resolve("target/kustomize-" + parts[0] + "-with-" + parts[1]);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("kustomization.yaml"), """
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    namespace: %s
                    resources:
                      - ../../overlays/%s
                    components:
                      - ../../components/%s
                    """.formatted(
                            Kustomize.overlay(parts[0]).namespace(), parts[0], parts[1]));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return Kustomize.render(dir);
    }

    @ParameterizedTest
    @MethodSource("renders")
    void everyRenderedObjectIsValidAgainstItsPinnedSchema(String name) {
        Rendered r = render(name);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> o : r.objects) {
            for (String e : SchemaCatalog.get().errors(o)) {
                problems.add(SchemaCatalog.key(o) + " " + Y.name(o) + " " + e);
            }
        }
        assertTrue(
                problems.isEmpty(),
                "[" + name + "] objects invalid against the pinned schemas:\n  " + String.join("\n  ", problems));
    }

    @Test
    void aTypoInAFieldFails() {
        Rendered prod = Kustomize.overlay("prod");
        // one typo per API family: the schema check must name each
        expectInvalid(
                prod,
                "Deployment",
                "projection-service",
                o -> rename(Rendered.container(o), "imagePullPolicy", "imagePulPolicy"),
                "imagePulPolicy");
        expectInvalid(
                prod, "Kafka", "tracker", o -> rename(Y.map(o, "spec", "kafka"), "listeners", "listener"), "listener");
        expectInvalid(
                prod,
                "KafkaUser",
                "projection-service",
                o -> rename(Y.maps(o, "spec", "authorization", "acls").get(0), "operations", "operation"),
                "operation");
        expectInvalid(prod, "KafkaNodePool", "broker", o -> rename(Y.map(o, "spec"), "roles", "role"), "role");
        expectInvalid(
                prod,
                "KafkaTopic",
                "tracker-negotiation-events",
                o -> rename(Y.map(o, "spec"), "partitions", "partitons"),
                "partitons");
        expectInvalid(
                prod, "Cluster", "negotiation-db", o -> rename(Y.map(o, "spec"), "instances", "instance"), "instance");
        expectInvalid(
                prod,
                "ObjectStore",
                "negotiation-db-backup",
                o -> rename(Y.map(o, "spec", "configuration"), "destinationPath", "destinationPth"),
                "destinationPth");
        expectInvalid(
                prod,
                "ScheduledBackup",
                "negotiation-db-daily",
                o -> rename(Y.map(o, "spec"), "schedule", "shedule"),
                "shedule");
        expectInvalid(
                prod,
                "NetworkPolicy",
                "projection-service",
                o -> rename(Y.map(o, "spec"), "podSelector", "podselector"),
                "podselector");
        expectInvalid(
                prod,
                "HorizontalPodAutoscaler",
                "projection-service",
                o -> Y.map(o, "spec").put("maxReplicas", "six"),
                "maxReplicas");
        expectInvalid(
                prod,
                "Ingress",
                "projection-service",
                o -> Y.map(o, "metadata").put("label", Map.of("a", "b")),
                "label");
        expectInvalid(
                render("prod+gateway-api"),
                "HTTPRoute",
                "projection-service",
                o -> rename(Y.map(o, "spec"), "parentRefs", "parentRef"),
                "parentRef");
        expectInvalid(
                render("prod+prometheus-operator"),
                "PrometheusRule",
                "negotiation-tracker",
                o -> rename(Y.maps(o, "spec", "groups").get(0), "rules", "rule"),
                "rule");
    }

    @Test
    void anUnknownKindFails() {
        Map<String, Object> o =
                Map.of("apiVersion", "kafka.strimzi.io/v1", "kind", "KafkaTopik", "metadata", Map.of("name", "x"));
        assertFalse(SchemaCatalog.get().errors(o).isEmpty(), "a kind without a pinned schema must not pass unchecked");
    }

    private static void expectInvalid(
            Rendered r, String kind, String name, Consumer<Map<String, Object>> typo, String field) {
        Map<String, Object> copy = deepCopy(r.get(kind, name));
        assertEquals(List.of(), SchemaCatalog.get().errors(copy), kind + " " + name + " is valid before the typo");
        typo.accept(copy);
        List<String> errors = SchemaCatalog.get().errors(copy);
        assertFalse(errors.isEmpty(), kind + " " + name + ": the typo '" + field + "' passed the schema check");
        assertTrue(
                errors.stream().anyMatch(e -> e.contains(field)),
                kind + " " + name + ": errors do not name '" + field + "': " + errors);
    }

    private static void rename(Map<String, Object> m, String from, String to) {
        if (!m.containsKey(from)) {
            fail("no field " + from + " to misspell in " + m.keySet());
        }
        m.put(to, m.remove(from));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> o) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        return (Map<String, Object>) yaml.load(new Yaml().dump(o));
    }
}
