package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optional components rendered on top of the overlays: outside-subscriber (another team reads the event
 * topics), gateway-api (an HTTPRoute instead of the Ingress), prometheus-operator's alert rules; and the
 * PostgreSQL clusters' pinned images and zone spread.
 */
class OptionalComponentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void outsideSubscriberReadsOnlyTheEventTopicsThroughTheListener(String overlay) {
        Rendered plain = Kustomize.overlay(overlay);
        Rendered r = ManifestSchemaTest.render(overlay + "+outside-subscriber");
        Map<String, Object> user = r.get("KafkaUser", "outside-subscriber");
        assertEquals("tracker", Y.str(user, "metadata", "labels", "strimzi.io/cluster"));
        assertEquals("scram-sha-512", Y.str(user, "spec", "authentication", "type"));
        assertEquals(plain.namespace(), Y.str(user, "metadata", "namespace"));
        Set<String> eventTopics = new HashSet<>();
        for (Map<String, Object> t : plain.ofKind("KafkaTopic")) {
            String topic = Y.str(t, "spec", "topicName") != null ? Y.str(t, "spec", "topicName") : Y.name(t);
            if (topic.endsWith(".events")) {
                eventTopics.add(topic);
            }
        }
        assertEquals(Set.of("tracker.negotiation.events", "tracker.investment.events"), eventTopics);
        Set<String> readTopics = new HashSet<>();
        boolean prefixGroup = false;
        for (Map<String, Object> acl : Y.maps(user, "spec", "authorization", "acls")) {
            Set<String> ops =
                    Y.list(acl, "operations").stream().map(String::valueOf).collect(Collectors.toSet());
            String type = Y.str(acl, "resource", "type");
            if ("topic".equals(type)) {
                assertEquals(Set.of("Read", "Describe"), ops, "topics: read only " + acl);
                assertEquals("literal", Y.str(acl, "resource", "patternType"));
                readTopics.add(Y.str(acl, "resource", "name"));
            } else if ("group".equals(type)) {
                assertEquals(Set.of("Read"), ops, "groups: Read only " + acl);
                assertEquals("prefix", Y.str(acl, "resource", "patternType"), "its own groups, by prefix");
                assertEquals("outside-subscriber-", Y.str(acl, "resource", "name"));
                assertFalse(Sys.SERVICE_NAMES.stream().anyMatch(s -> s.startsWith("outside-subscriber-")));
                prefixGroup = true;
            } else {
                throw new AssertionError("unexpected ACL (no cluster or transactional rights): " + acl);
            }
        }
        assertEquals(eventTopics, readTopics, "reads exactly the event topics (not the dead-letter topic)");
        assertTrue(prefixGroup, "a prefixed consumer group");

        // the listener admits the subscriber's pods next to the services
        List<Map<String, Object>> peers = Y.maps(
                Y.maps(r.get("Kafka", "tracker"), "spec", "kafka", "listeners").get(0), "networkPolicyPeers");
        List<Map<String, Object>> before = Y.maps(
                Y.maps(plain.get("Kafka", "tracker"), "spec", "kafka", "listeners")
                        .get(0),
                "networkPolicyPeers");
        assertEquals(before.size() + 1, peers.size());
        assertEquals(before, peers.subList(0, before.size()), "the services' peers are kept");
        Map<String, Object> added = peers.get(peers.size() - 1);
        assertEquals(
                "outside-subscriber", Y.str(added, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
        assertEquals("true", Y.str(added, "podSelector", "matchLabels", "tracker.io/event-subscriber"));
        // the services' users are unchanged
        for (String svc : Sys.SERVICE_NAMES) {
            assertEquals(
                    plain.get("KafkaUser", svc).get("spec"),
                    r.get("KafkaUser", svc).get("spec"));
        }
    }

    @Test
    void readmeWalksTheOutsideSubscriberThrough() throws IOException {
        String readme = Files.readString(Kustomize.MODULE_DIR.resolve("README.md"));
        for (String must : List.of(
                "components/outside-subscriber",
                "tracker-cluster-ca-cert",
                "outside-subscriber-",
                "tracker-kafka-bootstrap.negotiation-tracker.svc:9093",
                "tracker.io/event-subscriber",
                "sasl.jaas.config",
                "components/gateway-api")) {
            assertTrue(readme.contains(must), "README must cover: " + must);
        }
    }

    @Test
    void gatewayApiRouteReplacesTheIngress() {
        Rendered plain = Kustomize.overlay("prod");
        Rendered r = ManifestSchemaTest.render("prod+gateway-api");
        assertTrue(r.ofKind("Ingress").isEmpty(), "the HTTPRoute replaces the Ingress");
        Map<String, Object> route = r.get("HTTPRoute", "projection-service");
        Map<String, Object> parent = Y.maps(route, "spec", "parentRefs").get(0);
        assertEquals("Gateway", Y.str(parent, "kind"));
        List<Object> hosts = Y.list(route, "spec", "hostnames");
        assertEquals(
                Y.str(
                        Y.maps(plain.get("Ingress", "projection-service"), "spec", "rules")
                                .get(0),
                        "host"),
                hosts.get(0),
                "the same host as the Ingress");
        Map<String, Object> backend =
                Y.maps(Y.maps(route, "spec", "rules").get(0), "backendRefs").get(0);
        assertEquals("projection-service", Y.str(backend, "name"));
        Map<String, Object> svc = r.get("Service", "projection-service");
        assertTrue(
                Y.maps(svc, "spec", "ports").stream()
                        .anyMatch(p -> String.valueOf(backend.get("port")).equals(Y.str(p, "port"))),
                "the route's port is a port of the Service");
        // only the route's backend is reachable from the Gateway's namespace, on the container port
        Map<String, Object> np = r.get("NetworkPolicy", "projection-service");
        boolean admitted = Y.maps(np, "spec", "ingress").stream()
                .anyMatch(rule -> Y.maps(rule, "from").stream().anyMatch(f -> Y.str(
                                        f, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")
                                .equals(Y.str(parent, "namespace")))
                        && Y.maps(rule, "ports").stream()
                                .anyMatch(p -> String.valueOf(Sys.HTTP_PORT).equals(Y.str(p, "port"))));
        assertTrue(admitted, "the Gateway's namespace reaches projection-service on " + Sys.HTTP_PORT);
        for (Map<String, Object> rule : Y.maps(np, "spec", "ingress")) {
            boolean fromGateway = Y.maps(rule, "from").stream()
                    .anyMatch(f -> Y.str(f, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")
                            .equals(Y.str(parent, "namespace")));
            if (fromGateway) {
                assertTrue(
                        Y.maps(rule, "ports").stream()
                                .allMatch(p -> String.valueOf(Sys.HTTP_PORT).equals(Y.str(p, "port"))),
                        "the Gateway reaches the API port only, never the management port");
            }
        }
        Map<String, Object> servicePort = Y.maps(svc, "spec", "ports").get(0);
        assertEquals(
                Sys.HTTP_PORT,
                RenderedOverlaysTest.resolvePort(
                        Rendered.container(r.get("Deployment", "projection-service")), Y.at(servicePort, "targetPort")),
                "the route leads to the API port (the API and the dashboard)");
        for (String other : List.of("negotiation-service", "investment-service")) {
            assertEquals(plain.get("NetworkPolicy", other), r.get("NetworkPolicy", other), other + " stays closed");
        }
    }

    @Test
    void otlpTracingTurnsTracingOnAndOpensTheWayToTheCollector() {
        Rendered plain = Kustomize.overlay("prod");
        Rendered r = ManifestSchemaTest.render("prod+otlp-tracing");
        for (String svc : Sys.SERVICE_NAMES) {
            Map<String, Object> d = r.get("Deployment", svc);
            assertEquals(
                    null,
                    Sys.env(plain, plain.get("Deployment", svc)).get("OTEL_SDK_DISABLED"),
                    svc + ": tracing stays off (the services' default) without the component");
            assertEquals("false", Sys.envValue(r, d, "OTEL_SDK_DISABLED"), svc + ": tracing on");
            String endpoint = Sys.envValue(r, d, "OTEL_EXPORTER_OTLP_ENDPOINT");
            assertEquals("http://otel-collector.observability:4317", endpoint, svc);
            Set<String> read = ServiceProperties.of(svc).envReferences();
            assertTrue(
                    read.containsAll(Set.of("OTEL_SDK_DISABLED", "OTEL_EXPORTER_OTLP_ENDPOINT")),
                    svc + " reads the variables the component sets: " + read);
            boolean toCollector = Y.maps(r.get("NetworkPolicy", svc), "spec", "egress").stream()
                    .anyMatch(rule -> Y.maps(rule, "to").stream().anyMatch(t -> "observability"
                                    .equals(Y.str(
                                            t, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")))
                            && Y.maps(rule, "ports").stream().anyMatch(p -> "4317".equals(Y.str(p, "port"))));
            assertTrue(toCollector, svc + ": egress to the collector on 4317");
        }
    }

    @Test
    void prometheusRuleCoversTheAlertsOpsNeed() {
        Rendered r = ManifestSchemaTest.render("prod+prometheus-operator");
        Map<String, Object> rule = r.get("PrometheusRule", "negotiation-tracker");
        Map<String, String> exprByAlert = new java.util.TreeMap<>();
        for (Map<String, Object> g : Y.maps(rule, "spec", "groups")) {
            for (Map<String, Object> a : Y.maps(g, "rules")) {
                exprByAlert.put(Y.str(a, "alert"), Y.str(a, "expr"));
                assertTrue(Set.of("warning", "critical").contains(Y.str(a, "labels", "severity")), a + ": severity");
                assertTrue(Y.str(a, "annotations", "summary") != null, a + ": summary");
            }
        }
        Map<String, String> needs = Map.of(
                "backlog",
                "tracker_publication_backlog_events",
                "age of the oldest unpublished event",
                "tracker_publication_oldest_unpublished_age_seconds",
                "publishing failing",
                "tracker_outbox_failures_total",
                "consumer lag",
                "projection_consumer_lag",
                "dead letters",
                "projection_dead_letters_total",
                "5xx rate",
                "http_server_requests_seconds_count{status=~\"5..\"}",
                "projection not live",
                "projection_events_applied_total");
        needs.forEach((what, metric) -> assertTrue(
                exprByAlert.values().stream().anyMatch(e -> e.contains(metric)),
                "an alert on " + what + " (" + metric + "): " + exprByAlert));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void postgresImagesArePinnedAndProdSpreadsOverZones(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        for (Map<String, Object> c : r.ofKind("Cluster")) {
            String image = Y.str(c, "spec", "imageName");
            assertTrue(
                    image.matches(
                            "ghcr\\.io/cloudnative-pg/postgresql:17\\.\\d+-[0-9]+-[a-z]+-[a-z]+@sha256:[0-9a-f]{64}"),
                    Y.name(c) + ": PostgreSQL 17 pinned by exact tag and digest, got " + image);
            if (overlay.equals("prod")) {
                List<Map<String, Object>> spread = Y.maps(c, "spec", "topologySpreadConstraints");
                assertTrue(
                        spread.stream()
                                .anyMatch(s -> "topology.kubernetes.io/zone".equals(Y.str(s, "topologyKey"))
                                        && "DoNotSchedule".equals(Y.str(s, "whenUnsatisfiable"))
                                        && Y.number(s, "maxSkew") == 1
                                        && Y.name(c)
                                                .equals(Y.str(s, "labelSelector", "matchLabels", "cnpg.io/cluster"))),
                        Y.name(c) + ": instances spread over zones (one per zone), selecting its own pods: " + spread);
                assertEquals("kubernetes.io/hostname", Y.str(c, "spec", "affinity", "topologyKey"), "and over nodes");
                assertTrue(Y.number(c, "spec", "instances") >= 3);
            }
        }
        assertEquals(3, r.ofKind("Cluster").size());
        assertEquals(
                1,
                r.ofKind("Cluster").stream()
                        .map(c -> Y.str(c, "spec", "imageName"))
                        .distinct()
                        .count(),
                "one PostgreSQL image for all clusters");
    }
}
