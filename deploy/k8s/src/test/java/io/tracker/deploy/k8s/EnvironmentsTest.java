package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What distinguishes the overlays: a small dev, a replicated, backed-up, autoscaled prod. */
class EnvironmentsTest {

    @Test
    void devIsSmall() {
        Rendered r = Kustomize.overlay("dev");
        assertEquals("negotiation-tracker-dev", r.namespace());
        for (String svc : Sys.SERVICE_NAMES) {
            assertEquals(1L, Y.number(r.get("Deployment", svc), "spec", "replicas"), svc + " replicas in dev");
        }
        for (Map<String, Object> c : r.ofKind("Cluster")) {
            assertEquals(1L, Y.number(c, "spec", "instances"), Y.name(c) + " instances in dev");
        }
        long nodes = r.ofKind("KafkaNodePool").stream()
                .mapToLong(p -> Y.number(p, "spec", "replicas"))
                .sum();
        assertEquals(1L, nodes, "one Kafka node in dev");
        assertTrue(r.ofKind("HorizontalPodAutoscaler").isEmpty(), "no autoscaling in dev");
    }

    @Test
    void prodIsReplicatedAutoscaledAndDisruptionTolerant() {
        Rendered r = Kustomize.overlay("prod");
        assertEquals("negotiation-tracker", r.namespace());
        Map<String, Long> partitions = new java.util.HashMap<>();
        r.ofKind("KafkaTopic")
                .forEach(t -> partitions.put(RenderedOverlaysTest.topicName(t), Y.number(t, "spec", "partitions")));
        for (Sys.Service s : Sys.SERVICES) {
            String svc = s.name();
            Map<String, Object> d = r.get("Deployment", svc);
            Long replicas = Y.number(d, "spec", "replicas");
            assertTrue(replicas == null || replicas >= 2, svc + ": at least two replicas in prod (or left to the HPA)");

            Map<String, Object> hpa = r.get("HorizontalPodAutoscaler", svc);
            assertEquals("autoscaling/v2", hpa.get("apiVersion"));
            assertEquals("Deployment", Y.str(hpa, "spec", "scaleTargetRef", "kind"), svc + ": HPA target");
            assertEquals(svc, Y.str(hpa, "spec", "scaleTargetRef", "name"), svc + ": HPA target");
            long min = Y.number(hpa, "spec", "minReplicas");
            long max = Y.number(hpa, "spec", "maxReplicas");
            assertTrue(min >= 2, svc + ": HPA minReplicas >= 2");
            assertTrue(max >= min, svc + ": HPA maxReplicas >= minReplicas");
            assertTrue(
                    replicas == null,
                    svc
                            + ": with an HPA, the Deployment must not set replicas (each apply would reset the HPA's count)");
            assertFalse(Y.list(hpa, "spec", "metrics").isEmpty(), svc + ": HPA metrics");
            if (s.consumer()) {
                // more consumers than partitions sit idle: never scale past the smallest consumed topic
                long fewest = Long.MAX_VALUE;
                for (String topic : consumedTopics(r, svc)) {
                    fewest = Math.min(fewest, partitions.get(topic));
                }
                assertTrue(
                        max <= fewest,
                        svc + ": HPA maxReplicas " + max + " exceeds the " + fewest + " partitions it consumes");
            }

            Map<String, Object> pdb = r.get("PodDisruptionBudget", svc);
            assertEquals(Map.of("app", svc), Y.map(pdb, "spec", "selector", "matchLabels"), svc + ": PDB selector");
            Long maxUnavailable = Y.number(pdb, "spec", "maxUnavailable");
            Long minAvailable = Y.number(pdb, "spec", "minAvailable");
            assertTrue(
                    (maxUnavailable != null && maxUnavailable >= 1 && maxUnavailable < min)
                            || (minAvailable != null && minAvailable >= 1 && minAvailable < min),
                    svc + ": the PDB must keep a pod up and still let a node drain");

            assertNotNull(
                    Y.at(r.get("Deployment", svc), "spec", "template", "spec", "topologySpreadConstraints"),
                    svc + ": spread over nodes");
        }
    }

    @Test
    void prodKafkaIsReplicatedOverTls() {
        Rendered r = Kustomize.overlay("prod");
        long controllers = 0;
        long brokers = 0;
        for (Map<String, Object> pool : r.ofKind("KafkaNodePool")) {
            List<Object> roles = Y.list(pool, "spec", "roles");
            long n = Y.number(pool, "spec", "replicas");
            if (roles.contains("controller")) {
                controllers += n;
            }
            if (roles.contains("broker")) {
                brokers += n;
                for (Map<String, Object> v : Y.maps(pool, "spec", "storage", "volumes")) {
                    assertEquals(
                            "persistent-claim", Y.str(v, "type"), "brokers keep the event log on persistent volumes");
                    assertEquals(
                            Boolean.FALSE,
                            Y.at(v, "deleteClaim"),
                            "the event log survives the deletion of a node pool");
                }
            }
        }
        assertTrue(controllers >= 3 && controllers % 2 == 1, "an odd number (>= 3) of KRaft controllers");
        assertTrue(brokers >= 3, "at least three brokers");
        for (Map<String, Object> t : r.ofKind("KafkaTopic")) {
            assertTrue(
                    Y.number(t, "spec", "replicas") >= 3,
                    RenderedOverlaysTest.topicName(t) + ": replicas >= 3 in prod");
            assertTrue(
                    Y.number(t, "spec", "config", "min.insync.replicas") >= 2,
                    RenderedOverlaysTest.topicName(t) + ": min.insync.replicas >= 2 in prod");
        }
        Map<String, Object> kafka = r.ofKind("Kafka").get(0);
        for (Map<String, Object> l : Y.maps(kafka, "spec", "kafka", "listeners")) {
            assertEquals(Boolean.TRUE, Y.at(l, "tls"), "prod listeners are TLS only: " + Y.str(l, "name"));
        }
        Map<String, Object> config = Y.map(kafka, "spec", "kafka", "config");
        assertEquals(3L, Y.number(config, "offsets.topic.replication.factor"), "consumer offsets replicated 3 times");
        for (String svc : Sys.SERVICE_NAMES) {
            assertEquals("SASL_SSL", Sys.envValue(r, r.get("Deployment", svc), "KAFKA_SECURITY_PROTOCOL"), svc);
        }
        Map<String, Object> ingress = r.ofKind("Ingress").get(0);
        assertFalse(Y.list(ingress, "spec", "tls").isEmpty(), "the prod Ingress terminates TLS");
    }

    @Test
    void prodDatabasesAreReplicatedAndBackedUp() {
        Rendered r = Kustomize.overlay("prod");
        Set<String> stores = new HashSet<>(r.names("ObjectStore"));
        Set<String> scheduled = new HashSet<>();
        for (Map<String, Object> b : r.ofKind("ScheduledBackup")) {
            assertEquals("plugin", Y.str(b, "spec", "method"), Y.name(b) + ": backup method");
            assertEquals("barman-cloud.cloudnative-pg.io", Y.str(b, "spec", "pluginConfiguration", "name"), Y.name(b));
            assertEquals(
                    6,
                    Y.str(b, "spec", "schedule").trim().split("\\s+").length,
                    Y.name(b) + ": CNPG schedules have six fields (seconds first)");
            scheduled.add(Y.str(b, "spec", "cluster", "name"));
        }
        for (Map<String, Object> store : r.ofKind("ObjectStore")) {
            assertEquals("barmancloud.cnpg.io/v1", store.get("apiVersion"));
            assertNotNull(Y.str(store, "spec", "retentionPolicy"), Y.name(store) + ": retentionPolicy");
            assertNotNull(
                    Y.str(store, "spec", "configuration", "destinationPath"), Y.name(store) + ": destinationPath");
            for (String k : List.of("accessKeyId", "secretAccessKey")) {
                String secret = Y.str(store, "spec", "configuration", "s3Credentials", k, "name");
                assertTrue(
                        Sys.OPS_PROVIDED_SECRETS.contains(secret),
                        Y.name(store) + ": " + secret + " must be a documented ops-provided Secret");
            }
        }
        Set<String> paths = new HashSet<>();
        for (Map<String, Object> c : r.ofKind("Cluster")) {
            String name = Y.name(c);
            assertEquals(3L, Y.number(c, "spec", "instances"), name + ": three instances in prod");
            Map<String, Object> plugin = Y.maps(c, "spec", "plugins").stream()
                    .filter(p -> "barman-cloud.cloudnative-pg.io".equals(Y.str(p, "name")))
                    .findFirst()
                    .orElse(null);
            assertNotNull(plugin, name + ": WAL archiving through the Barman Cloud plugin");
            assertEquals(Boolean.TRUE, Y.at(plugin, "isWALArchiver"), name + ": isWALArchiver");
            String store = Y.str(plugin, "parameters", "barmanObjectName");
            assertTrue(stores.contains(store), name + ": ObjectStore " + store + " is not in the render");
            assertTrue(
                    paths.add(Y.str(r.get("ObjectStore", store), "spec", "configuration", "destinationPath")),
                    name + ": one backup path per cluster");
            assertTrue(scheduled.contains(name), name + ": a ScheduledBackup");
        }
    }

    static Set<String> consumedTopics(Rendered r, String user) {
        Set<String> topics = new HashSet<>();
        for (Map<String, Object> acl : Y.maps(r.get("KafkaUser", user), "spec", "authorization", "acls")) {
            if ("topic".equals(Y.str(acl, "resource", "type"))
                    && Y.list(acl, "operations").contains("Read")) {
                topics.add(Y.str(acl, "resource", "name"));
            }
        }
        return topics;
    }
}
