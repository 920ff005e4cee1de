package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invariants every overlay's render keeps, whatever the services' configuration says. */
class RenderedOverlaysTest {

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void rendersWithEveryKind(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        Map<String, Integer> atLeast = new HashMap<>();
        atLeast.put("Namespace", 1);
        atLeast.put("Deployment", 3);
        atLeast.put("Service", 3);
        atLeast.put("ServiceAccount", 3);
        atLeast.put("ConfigMap", 3);
        atLeast.put("Secret", 3);
        atLeast.put("NetworkPolicy", 3 + 3 + 1);
        atLeast.put("Ingress", 1);
        atLeast.put("Kafka", 1);
        atLeast.put("KafkaNodePool", 1);
        atLeast.put("KafkaTopic", 3);
        atLeast.put("KafkaUser", 3);
        atLeast.put("Cluster", 3);
        atLeast.forEach((kind, n) -> assertTrue(
                r.ofKind(kind).size() >= n,
                "[" + overlay + "] expected at least " + n + " " + kind + ", found " + r.names(kind)));
        for (String svc : Sys.SERVICE_NAMES) {
            r.get("Deployment", svc);
            r.get("Service", svc);
            r.get("ServiceAccount", svc);
            r.get("NetworkPolicy", svc);
            r.get("KafkaUser", svc);
            r.get("Secret", svc + "-config-creds");
            assertEquals(
                    1,
                    r.ofKind("ConfigMap").stream()
                            .filter(c -> isConfigMapOf(Y.name(c), svc))
                            .count(),
                    "[" + overlay + "] expected one ConfigMap " + svc + "-config, found " + r.names("ConfigMap"));
        }
        for (Map<String, Object> o : r.objects) {
            assertNotNull(o.get("apiVersion"), "object without apiVersion: " + o);
            assertNotNull(Y.name(o), "object without name: " + o);
        }
        assertEquals(
                r.objects.size(),
                new HashSet<>(r.objects.stream()
                                .map(o -> o.get("kind") + "/" + Y.name(o))
                                .toList())
                        .size(),
                "[" + overlay + "] duplicate objects in the render");
    }

    static boolean isConfigMapOf(String name, String svc) {
        return Pattern.matches(Pattern.quote(svc + "-config") + "(-[a-z0-9]{10})?", name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void namespaceAndLabels(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        String ns = r.namespace();
        for (Map<String, Object> o : r.objects) {
            String id = "[" + overlay + "] " + o.get("kind") + "/" + Y.name(o);
            if (!CLUSTER_SCOPED.contains(o.get("kind"))) {
                assertEquals(ns, Y.str(o, "metadata", "namespace"), id + " is not in namespace " + ns);
            }
            assertEquals(
                    Sys.APPLICATION, Y.str(o, "metadata", "labels", "application"), id + " lacks label application");
            assertEquals(Sys.APPLICATION, Y.str(o, "metadata", "labels", "system"), id + " lacks label system");
        }
        for (String svc : Sys.SERVICE_NAMES) {
            for (String kind : List.of("Deployment", "Service", "ServiceAccount", "NetworkPolicy")) {
                assertEquals(
                        svc,
                        Y.str(r.get(kind, svc), "metadata", "labels", "app"),
                        "[" + overlay + "] " + kind + "/" + svc + " label app");
            }
            Map<String, Object> d = r.get("Deployment", svc);
            assertEquals(
                    Map.of("app", svc),
                    Y.map(d, "spec", "selector", "matchLabels"),
                    svc + ": selector must be app=" + svc);
            Map<String, Object> podLabels = Y.map(d, "spec", "template", "metadata", "labels");
            assertEquals(svc, podLabels.get("app"), svc + " pod label app");
            assertEquals(Sys.APPLICATION, podLabels.get("application"), svc + " pod label application");
            assertEquals(Sys.APPLICATION, podLabels.get("system"), svc + " pod label system");
            assertEquals(
                    Map.of("app", svc), Y.map(r.get("Service", svc), "spec", "selector"), svc + ": Service selector");
        }
        // only the services' pods carry an app=<service> label (the Services and policies select on it)
        for (Map<String, Object> c : r.ofKind("Cluster")) {
            assertFalse(
                    Y.map(c, "spec", "inheritedMetadata", "labels").containsKey("app"),
                    Y.name(c) + ": PostgreSQL pods must not carry an app label");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void deploymentsProbesResourcesAndSecurity(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        for (String svc : Sys.SERVICE_NAMES) {
            Map<String, Object> d = r.get("Deployment", svc);
            Map<String, Object> c = Rendered.container(d);
            String id = "[" + overlay + "] " + svc;
            assertEquals(Sys.HTTP_PORT, containerPort(c, "http"), id + ": container port http");
            assertEquals(
                    String.valueOf(Sys.HTTP_PORT), Sys.envValue(r, d, "QUARKUS_HTTP_PORT"), id + ": QUARKUS_HTTP_PORT");
            assertEquals(Sys.MANAGEMENT_PORT, containerPort(c, "management"), id + ": container port management");
            assertEquals(
                    String.valueOf(Sys.MANAGEMENT_PORT),
                    Sys.envValue(r, d, "QUARKUS_MANAGEMENT_PORT"),
                    id + ": QUARKUS_MANAGEMENT_PORT");
            assertProbe(c, "startupProbe", Sys.STARTED, id);
            assertProbe(c, "readinessProbe", Sys.READY, id);
            assertProbe(c, "livenessProbe", Sys.LIVE, id);
            assertTrue(
                    Y.number(c, "startupProbe", "failureThreshold") * Y.number(c, "startupProbe", "periodSeconds")
                            >= 60,
                    id + ": the startup probe must give the JVM at least a minute");

            for (String res : List.of("cpu", "memory")) {
                String req = Y.str(c, "resources", "requests", res);
                String lim = Y.str(c, "resources", "limits", res);
                assertNotNull(req, id + ": no " + res + " request");
                assertNotNull(lim, id + ": no " + res + " limit");
                assertTrue(Y.quantity(req) <= Y.quantity(lim), id + ": " + res + " request above limit");
            }

            Map<String, Object> podSec = Y.map(d, "spec", "template", "spec", "securityContext");
            Map<String, Object> sec = Y.map(c, "securityContext");
            assertTrue(
                    Boolean.TRUE.equals(sec.get("runAsNonRoot")) || Boolean.TRUE.equals(podSec.get("runAsNonRoot")),
                    id + ": runAsNonRoot");
            assertEquals(Boolean.TRUE, sec.get("readOnlyRootFilesystem"), id + ": readOnlyRootFilesystem");
            assertEquals(Boolean.FALSE, sec.get("allowPrivilegeEscalation"), id + ": allowPrivilegeEscalation");
            assertEquals(List.of("ALL"), Y.list(sec, "capabilities", "drop"), id + ": capabilities must drop ALL");
            assertEquals("RuntimeDefault", Y.str(podSec, "seccompProfile", "type"), id + ": seccompProfile");
            assertEquals(
                    Boolean.FALSE,
                    Y.at(d, "spec", "template", "spec", "automountServiceAccountToken"),
                    id + ": no service account token");
            assertEquals(svc, Y.str(d, "spec", "template", "spec", "serviceAccountName"), id + ": own service account");

            String tmpVolume = null;
            for (Map<String, Object> m : Y.maps(c, "volumeMounts")) {
                if ("/tmp".equals(Y.str(m, "mountPath"))) {
                    tmpVolume = Y.str(m, "name");
                }
            }
            assertNotNull(tmpVolume, id + ": a read-only root filesystem needs a writable /tmp");
            Map<String, Object> vol = volume(d, tmpVolume);
            assertNotNull(Y.at(vol, "emptyDir"), id + ": /tmp must be an emptyDir");

            // Services and Ingress reach the container's API port, and only that one: the management port is
            // for the kubelet (probes) and Prometheus (pod scraping), never behind a Service
            Map<String, Object> service = r.get("Service", svc);
            List<Map<String, Object>> servicePorts = Y.maps(service, "spec", "ports");
            assertEquals(1, servicePorts.size(), id + ": the Service has one port, the API");
            assertEquals(
                    Sys.HTTP_PORT,
                    resolvePort(c, Y.at(servicePorts.get(0), "targetPort")),
                    id + ": Service targetPort");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void configAndCredentialReferencesResolve(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        Map<String, Set<String>> generated = Sys.operatorSecrets(r);
        for (String svc : Sys.SERVICE_NAMES) {
            Map<String, Object> d = r.get("Deployment", svc);
            Map<String, Object> c = Rendered.container(d);
            String id = "[" + overlay + "] " + svc;
            Set<String> configMaps = new LinkedHashSet<>();
            Set<String> secrets = new LinkedHashSet<>();
            for (Map<String, Object> from : Y.maps(c, "envFrom")) {
                if (Y.at(from, "configMapRef") != null) {
                    configMaps.add(Y.str(from, "configMapRef", "name"));
                }
                if (Y.at(from, "secretRef") != null) {
                    secrets.add(Y.str(from, "secretRef", "name"));
                }
            }
            assertEquals(
                    1,
                    configMaps.stream().filter(n -> isConfigMapOf(n, svc)).count(),
                    id + ": envFrom " + svc + "-config; has " + configMaps);
            assertTrue(
                    secrets.contains(svc + "-config-creds"),
                    id + ": envFrom Secret " + svc + "-config-creds; has " + secrets);
            for (String cm : configMaps) {
                r.get("ConfigMap", cm);
            }
            for (String s : secrets) {
                r.get("Secret", s);
            }
            for (Map<String, Object> e : Y.maps(c, "env")) {
                Map<String, Object> ref = Y.map(e, "valueFrom", "secretKeyRef");
                if (!ref.isEmpty()) {
                    assertSecretKey(
                            r, generated, Y.str(ref, "name"), Y.str(ref, "key"), id + " env " + Y.str(e, "name"));
                }
                Map<String, Object> cmRef = Y.map(e, "valueFrom", "configMapKeyRef");
                if (!cmRef.isEmpty()) {
                    assertTrue(
                            Y.map(r.get("ConfigMap", Y.str(cmRef, "name")), "data")
                                    .containsKey(Y.str(cmRef, "key")),
                            id + ": " + cmRef);
                }
            }
            for (Map<String, Object> v : Y.maps(d, "spec", "template", "spec", "volumes")) {
                Map<String, Object> sv = Y.map(v, "secret");
                if (!sv.isEmpty()) {
                    List<Map<String, Object>> items = Y.maps(sv, "items");
                    assertFalse(
                            items.isEmpty(), id + ": mount only the needed keys of Secret " + Y.str(sv, "secretName"));
                    for (Map<String, Object> item : items) {
                        assertSecretKey(
                                r,
                                generated,
                                Y.str(sv, "secretName"),
                                Y.str(item, "key"),
                                id + " volume " + Y.str(v, "name"));
                    }
                }
            }

            Map<String, String> env = Sys.env(r, d);
            Set<String> missing = new LinkedHashSet<>(Sys.REQUIRED_ENV);
            missing.removeAll(env.keySet());
            assertTrue(missing.isEmpty(), id + ": environment misses " + missing);

            // the database credentials and host belong to the service's own PostgreSQL cluster
            String cluster = Sys.service(svc).database() + "-db";
            Map<String, Object> pg = r.get("Cluster", cluster);
            assertEquals(
                    cluster + "-rw", env.get("DB_HOST"), id + ": DB_HOST must be the primary service of " + cluster);
            assertEquals("5432", env.get("DB_PORT"), id + ": DB_PORT");
            assertEquals(
                    Y.str(pg, "spec", "bootstrap", "initdb", "database"),
                    env.get("DB_NAME"),
                    id + ": DB_NAME vs Cluster " + cluster);
            assertEquals(Sys.service(svc).database(), env.get("DB_NAME"), id + ": database name (CONVENTIONS.md)");
            assertEquals(cluster + "-app/username", secretKeyRef(c, "DB_USER"), id + ": DB_USER");
            assertEquals(cluster + "-app/password", secretKeyRef(c, "DB_PASSWORD"), id + ": DB_PASSWORD");
            // the Kafka credentials are the service's own KafkaUser's
            assertEquals(
                    svc + "/sasl.jaas.config",
                    secretKeyRef(c, "KAFKA_SASL_JAAS_CONFIG"),
                    id + ": KAFKA_SASL_JAAS_CONFIG");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void kafkaClientsMatchTheListener(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        List<Map<String, Object>> kafkas = r.ofKind("Kafka");
        assertEquals(1, kafkas.size(), "one Kafka cluster");
        Map<String, Object> kafka = kafkas.get(0);
        String cluster = Y.name(kafka);
        assertEquals("kafka.strimzi.io/v1", kafka.get("apiVersion"));
        assertEquals(
                "simple", Y.str(kafka, "spec", "kafka", "authorization", "type"), "ACLs need simple authorization");
        assertEquals(
                "false",
                Y.str(kafka, "spec", "kafka", "config", "auto.create.topics.enable"),
                "topics come from KafkaTopic only");
        assertTrue(Y.at(kafka, "spec", "zookeeper") == null, "KRaft: no ZooKeeper");
        assertTrue(
                Y.at(kafka, "spec", "entityOperator", "topicOperator") != null,
                "the Topic Operator manages the KafkaTopics");
        assertTrue(
                Y.at(kafka, "spec", "entityOperator", "userOperator") != null,
                "the User Operator manages the KafkaUsers");

        // KRaft node pools: controllers and brokers
        Set<String> roles = new HashSet<>();
        for (Map<String, Object> pool : r.ofKind("KafkaNodePool")) {
            assertEquals(
                    cluster,
                    Y.str(pool, "metadata", "labels", "strimzi.io/cluster"),
                    Y.name(pool) + ": strimzi.io/cluster");
            Y.list(pool, "spec", "roles").forEach(x -> roles.add(String.valueOf(x)));
            assertNotNull(Y.at(pool, "spec", "resources", "limits", "memory"), Y.name(pool) + ": resources");
            assertEquals("jbod", Y.str(pool, "spec", "storage", "type"), Y.name(pool) + ": storage");
        }
        assertEquals(Set.of("controller", "broker"), roles, "node pools must provide KRaft controllers and brokers");

        for (String svc : Sys.SERVICE_NAMES) {
            Map<String, Object> d = r.get("Deployment", svc);
            Map<String, String> env = Sys.env(r, d);
            String id = "[" + overlay + "] " + svc;
            String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
            String prefix = cluster + "-kafka-bootstrap:";
            assertTrue(
                    bootstrap.startsWith(prefix),
                    id + ": KAFKA_BOOTSTRAP_SERVERS must be Strimzi's " + prefix + "<port>, is " + bootstrap);
            int port = Integer.parseInt(bootstrap.substring(prefix.length()));
            Map<String, Object> listener = null;
            for (Map<String, Object> l : Y.maps(kafka, "spec", "kafka", "listeners")) {
                if (Y.number(l, "port") == port) {
                    listener = l;
                }
            }
            assertNotNull(listener, id + ": no Kafka listener on port " + port);
            assertEquals("internal", Y.str(listener, "type"), id + ": listener type");
            assertEquals("scram-sha-512", Y.str(listener, "authentication", "type"), id + ": listener authentication");
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), id + ": KAFKA_SASL_MECHANISM");
            boolean tls = Boolean.TRUE.equals(Y.at(listener, "tls"));
            assertEquals(
                    tls ? "SASL_SSL" : "SASL_PLAINTEXT",
                    env.get("KAFKA_SECURITY_PROTOCOL"),
                    id + ": KAFKA_SECURITY_PROTOCOL for listener " + Y.str(listener, "name"));
            if (tls) {
                String location = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
                assertNotNull(location, id + ": a TLS listener needs KAFKA_SSL_TRUSTSTORE_LOCATION");
                assertEquals("PEM", env.get("KAFKA_SSL_TRUSTSTORE_TYPE"), id + ": KAFKA_SSL_TRUSTSTORE_TYPE");
                assertEquals(
                        cluster + "-cluster-ca-cert/ca.crt",
                        mountedSecretFile(d, location),
                        id + ": the truststore must be Strimzi's cluster CA");
            }
            // Strimzi's NetworkPolicy for the listener admits the services
            String peers = String.valueOf(Y.at(listener, "networkPolicyPeers"));
            assertTrue(
                    peers.contains(svc),
                    id + ": listener " + Y.str(listener, "name") + " networkPolicyPeers must admit " + svc);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void topicsAreKeptForReplay(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        String cluster = Y.name(r.ofKind("Kafka").get(0));
        long brokers = 0;
        for (Map<String, Object> pool : r.ofKind("KafkaNodePool")) {
            if (Y.list(pool, "spec", "roles").contains("broker")) {
                brokers += Y.number(pool, "spec", "replicas");
            }
        }
        for (Map<String, Object> t : r.ofKind("KafkaTopic")) {
            String topic = topicName(t);
            String id = "[" + overlay + "] topic " + topic;
            assertEquals(cluster, Y.str(t, "metadata", "labels", "strimzi.io/cluster"), id + ": strimzi.io/cluster");
            long replicas = Y.number(t, "spec", "replicas");
            long partitions = Y.number(t, "spec", "partitions");
            long minIsr = Y.number(t, "spec", "config", "min.insync.replicas");
            assertTrue(replicas <= brokers, id + ": " + replicas + " replicas but " + brokers + " brokers");
            assertTrue(minIsr <= replicas, id + ": min.insync.replicas above replicas");
            assertTrue(
                    minIsr < replicas || replicas == 1,
                    id + ": min.insync.replicas = replicas blocks producers whenever one broker is down");
            String cleanup = Y.str(t, "spec", "config", "cleanup.policy");
            assertEquals(
                    "delete", cleanup, id + ": never compacted (key = aggregate id: compaction would drop events)");
            if (topic.endsWith(".events")) {
                assertEquals(
                        -1L,
                        Y.number(t, "spec", "config", "retention.ms"),
                        id + ": event topics are replayed from the start: retention.ms -1");
                Long bytes = Y.number(t, "spec", "config", "retention.bytes");
                assertTrue(bytes == null || bytes == -1L, id + ": no size-based deletion");
                assertTrue(partitions >= 3, id + ": at least 3 partitions");
            } else {
                assertTrue(topic.endsWith(".dlq"), id + ": unexpected topic (neither events nor dead letters)");
                assertTrue(
                        Y.number(t, "spec", "config", "retention.ms") >= 7L * 24 * 3600 * 1000,
                        id + ": keep dead letters a week at least");
            }
        }
        assertTrue(
                r.ofKind("KafkaTopic").stream().anyMatch(t -> topicName(t).endsWith(".dlq")),
                "[" + overlay + "] a dead-letter topic");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void kafkaUsersAreLeastPrivilege(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        Set<String> topics = new HashSet<>();
        r.ofKind("KafkaTopic").forEach(t -> topics.add(topicName(t)));
        Map<String, String> writerOf = new HashMap<>();
        for (Map<String, Object> u : r.ofKind("KafkaUser")) {
            String user = Y.name(u);
            String id = "[" + overlay + "] KafkaUser " + user;
            assertTrue(Sys.SERVICE_NAMES.contains(user), id + ": one user per service, named after it");
            assertEquals("scram-sha-512", Y.str(u, "spec", "authentication", "type"), id + ": authentication");
            assertEquals("simple", Y.str(u, "spec", "authorization", "type"), id + ": authorization");
            boolean writes = false;
            boolean idempotent = false;
            for (Map<String, Object> acl : Y.maps(u, "spec", "authorization", "acls")) {
                String type = Y.str(acl, "resource", "type");
                String name = Y.str(acl, "resource", "name");
                List<Object> ops = Y.list(acl, "operations");
                assertFalse(
                        ops.isEmpty(),
                        id + ": ACL without operations (use `operations`, the v1 API has no `operation`)");
                for (Object op : ops) {
                    assertTrue(
                            Set.of("Read", "Write", "Describe", "IdempotentWrite")
                                    .contains(String.valueOf(op)),
                            id + ": operation " + op + " on " + type + " " + name + " is more than the services need");
                }
                assertFalse("*".equals(name), id + ": no wildcard ACLs");
                switch (type) {
                    case "topic" -> {
                        assertEquals(
                                "literal", Y.str(acl, "resource", "patternType"), id + ": topic ACLs name one topic");
                        assertTrue(topics.contains(name), id + ": ACL on " + name + ", which no KafkaTopic declares");
                        if (ops.contains("Write")) {
                            writes = true;
                            String previous = writerOf.put(name, user);
                            assertTrue(
                                    previous == null,
                                    "topic " + name + " has two writers: " + previous + " and " + user);
                            assertFalse(
                                    ops.contains("Read"), id + ": a service reads the topics it consumes, not its own");
                        }
                        assertTrue(ops.contains("Describe"), id + ": clients need Describe on " + name);
                    }
                    case "group" -> {
                        assertEquals(List.of("Read"), ops, id + ": consumer groups need Read only");
                        assertTrue(
                                name.startsWith(user),
                                id + ": group " + name + " must be the service's own (prefixed " + user + ")");
                    }
                    case "cluster" -> {
                        assertEquals(List.of("IdempotentWrite"), ops, id + ": cluster ACLs");
                        idempotent = true;
                    }
                    default -> fail(id + ": unexpected ACL resource type " + type);
                }
            }
            assertEquals(
                    writes,
                    idempotent,
                    id + ": an idempotent producer needs IdempotentWrite on the cluster (and only a producer)");
        }
        for (String topic : topics) {
            assertTrue(writerOf.containsKey(topic), "[" + overlay + "] nobody may write topic " + topic);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesAllowOnlyTheSystemsFlows(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        // default deny
        boolean denyIngress = false;
        Set<String> egressDenied = new HashSet<>();
        for (Map<String, Object> np : r.ofKind("NetworkPolicy")) {
            List<Object> types = Y.list(np, "spec", "policyTypes");
            Map<String, Object> selector = Y.map(np, "spec", "podSelector");
            if (selector.isEmpty()
                    && types.contains("Ingress")
                    && Y.list(np, "spec", "ingress").isEmpty()) {
                denyIngress = true;
            }
            if (types.contains("Egress") && Y.list(np, "spec", "egress").isEmpty()) {
                egressDenied.addAll(selectedApps(selector));
            }
        }
        assertTrue(denyIngress, "[" + overlay + "] a default-deny ingress NetworkPolicy for the whole namespace");
        assertEquals(
                new HashSet<>(Sys.SERVICE_NAMES),
                egressDenied,
                "[" + overlay + "] default-deny egress for the services' pods");

        String kafka = Y.name(r.ofKind("Kafka").get(0));
        for (Sys.Service s : Sys.SERVICES) {
            String svc = s.name();
            String id = "[" + overlay + "] NetworkPolicy " + svc;
            Map<String, Object> np = r.get("NetworkPolicy", svc);
            assertEquals(
                    Map.of("app", svc),
                    Y.map(np, "spec", "podSelector", "matchLabels"),
                    id + ": selects the service's pods");
            assertEquals(
                    Set.of("Ingress", "Egress"),
                    new HashSet<>(Y.list(np, "spec", "policyTypes")),
                    id + ": policyTypes");
            Set<String> sources = new HashSet<>();
            for (Map<String, Object> rule : Y.maps(np, "spec", "ingress")) {
                assertFalse(Y.list(rule, "from").isEmpty(), id + ": an ingress rule without `from` admits everyone");
                Set<Integer> ports = new HashSet<>();
                Y.maps(rule, "ports").forEach(p -> ports.add(Y.number(p, "port").intValue()));
                for (Map<String, Object> from : Y.maps(rule, "from")) {
                    assertTrue(Y.at(from, "ipBlock") == null, id + ": no ipBlock sources");
                    String source = Y.str(from, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name");
                    sources.add(source);
                    // Prometheus reaches only the management port, the ingress controller only the API port
                    assertEquals(
                            "monitoring".equals(source) ? Set.of(Sys.MANAGEMENT_PORT) : Set.of(Sys.HTTP_PORT),
                            ports,
                            id + ": ports open to " + source);
                }
            }
            Set<String> expected = new HashSet<>(Set.of("monitoring"));
            if (s.exposed()) {
                expected.add("ingress-nginx");
            }
            assertEquals(
                    expected,
                    sources,
                    id + ": ingress sources (Prometheus" + (s.exposed() ? ", the ingress controller" : "") + ")");

            boolean dns = false;
            boolean toKafka = false;
            boolean toOwnDb = false;
            String bootstrapPort = Sys.envValue(r, r.get("Deployment", svc), "KAFKA_BOOTSTRAP_SERVERS")
                    .replaceAll(".*:", "");
            for (Map<String, Object> rule : Y.maps(np, "spec", "egress")) {
                List<Map<String, Object>> to = Y.maps(rule, "to");
                Set<Long> ports = new HashSet<>();
                Y.maps(rule, "ports").forEach(p -> ports.add(Y.number(p, "port")));
                if (to.isEmpty()) {
                    assertEquals(Set.of(443L), ports, id + ": the only egress to anywhere is HTTPS (OIDC public keys)");
                    continue;
                }
                for (Map<String, Object> peer : to) {
                    Map<String, Object> pods = Y.map(peer, "podSelector", "matchLabels");
                    if ("kube-dns".equals(pods.get("k8s-app"))) {
                        dns = ports.equals(Set.of(53L));
                    } else if (kafka.equals(pods.get("strimzi.io/cluster"))) {
                        toKafka = ports.contains(Long.parseLong(bootstrapPort));
                    } else if (pods.containsKey("cnpg.io/cluster")) {
                        assertEquals(
                                s.database() + "-db",
                                pods.get("cnpg.io/cluster"),
                                id + ": egress only to its own database");
                        toOwnDb = ports.equals(Set.of(5432L));
                    } else {
                        fail(id + ": unexpected egress peer " + peer);
                    }
                }
            }
            assertTrue(dns, id + ": egress to DNS (53)");
            assertTrue(toKafka, id + ": egress to the Kafka brokers on " + bootstrapPort);
            assertTrue(toOwnDb, id + ": egress to " + s.database() + "-db on 5432");

            // the database accepts the service and its schema migration Job, and only them among the services
            Map<String, Object> dbPolicy = r.get("NetworkPolicy", s.database() + "-db");
            assertEquals(
                    s.database() + "-db", Y.str(dbPolicy, "spec", "podSelector", "matchLabels", "cnpg.io/cluster"));
            Set<String> apps = new HashSet<>();
            for (Map<String, Object> rule : Y.maps(dbPolicy, "spec", "ingress")) {
                assertFalse(
                        Y.list(rule, "from").isEmpty(), "NetworkPolicy " + s.database() + "-db: rule without `from`");
                for (Map<String, Object> from : Y.maps(rule, "from")) {
                    String app = Y.str(from, "podSelector", "matchLabels", "app");
                    if (app != null) {
                        apps.add(app);
                    }
                }
            }
            assertEquals(
                    Set.of(svc, svc + "-schema"),
                    apps,
                    "NetworkPolicy " + s.database() + "-db: only " + svc + " and its migration Job connect");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void postgresClustersOnePerService(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        assertEquals(
                Sys.SERVICES.size(),
                r.ofKind("Cluster").size(),
                "[" + overlay + "] one CloudNativePG Cluster per service");
        for (Sys.Service s : Sys.SERVICES) {
            Map<String, Object> c = r.get("Cluster", s.database() + "-db");
            String id = "[" + overlay + "] Cluster " + Y.name(c);
            assertEquals("postgresql.cnpg.io/v1", c.get("apiVersion"), id);
            assertEquals(s.database(), Y.str(c, "spec", "bootstrap", "initdb", "database"), id + ": database");
            assertEquals(s.database(), Y.str(c, "spec", "bootstrap", "initdb", "owner"), id + ": owner");
            assertTrue(
                    Y.at(c, "spec", "bootstrap", "initdb", "secret") == null,
                    id
                            + ": the owner's password is generated by the operator (Secret <cluster>-app), not written here");
            assertNotNull(Y.str(c, "spec", "storage", "size"), id + ": storage");
            assertNotNull(Y.str(c, "spec", "resources", "limits", "memory"), id + ": resources");
            assertFalse(Boolean.TRUE.equals(Y.at(c, "spec", "enableSuperuserAccess")), id + ": no superuser secret");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheProjectionServiceIsExposed(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        List<Map<String, Object>> ingresses = r.ofKind("Ingress");
        assertEquals(1, ingresses.size(), "[" + overlay + "] one Ingress");
        Set<String> backends = new HashSet<>();
        for (Map<String, Object> rule : Y.maps(ingresses.get(0), "spec", "rules")) {
            assertNotNull(Y.str(rule, "host"), "Ingress rule without host");
            for (Map<String, Object> path : Y.maps(rule, "http", "paths")) {
                String svc = Y.str(path, "backend", "service", "name");
                backends.add(svc);
                Map<String, Object> port = Y.map(path, "backend", "service", "port");
                Map<String, Object> sp =
                        Y.maps(r.get("Service", svc), "spec", "ports").get(0);
                if (port.containsKey("name")) {
                    assertEquals(Y.str(sp, "name"), port.get("name"), "Ingress backend port name");
                } else {
                    assertEquals(Y.number(sp, "port"), Y.number(port, "number"), "Ingress backend port number");
                }
                // the Service port leads to the API port of the container (the API and the dashboard; /q/... is not
                // there)
                assertEquals(
                        Sys.HTTP_PORT,
                        resolvePort(Rendered.container(r.get("Deployment", svc)), Y.at(sp, "targetPort")),
                        "the Ingress leads to the API port");
            }
        }
        Set<String> exposed = new HashSet<>();
        Sys.SERVICES.stream().filter(Sys.Service::exposed).forEach(s -> exposed.add(s.name()));
        assertEquals(exposed, backends, "[" + overlay + "] only the projection service is behind the Ingress");
        for (Map<String, Object> s : r.ofKind("Service")) {
            assertEquals("ClusterIP", Y.str(s, "spec", "type"), Y.name(s) + ": Services stay internal");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void prometheusScrapesTheServices(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        for (String svc : Sys.SERVICE_NAMES) {
            Map<String, Object> d = r.get("Deployment", svc);
            Map<String, Object> ann = Y.map(d, "spec", "template", "metadata", "annotations");
            assertEquals("true", String.valueOf(ann.get("prometheus.io/scrape")), svc + ": prometheus.io/scrape");
            assertEquals(Sys.METRICS, ann.get("prometheus.io/path"), svc + ": prometheus.io/path");
            assertEquals(
                    String.valueOf(Sys.MANAGEMENT_PORT),
                    String.valueOf(ann.get("prometheus.io/port")),
                    svc + ": prometheus.io/port");
            assertEquals(
                    Sys.MANAGEMENT_PORT,
                    containerPort(Rendered.container(d), "management"),
                    svc + ": the scraped port");
        }
        assertNotNull(Y.at(r.ofKind("Kafka").get(0), "spec", "kafka", "metricsConfig"), "Kafka metrics");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void jwtIsVerifiedWithPublicKeysOnly(String overlay) {
        Rendered r = Kustomize.overlay(overlay);
        for (Map<String, Object> o : r.objects) {
            String text = String.valueOf(o);
            assertFalse(text.contains("PRIVATE KEY"), o.get("kind") + "/" + Y.name(o) + " contains a private key");
            assertFalse(
                    text.toUpperCase().contains("SIGN_KEY") || text.contains("smallrye.jwt.sign"),
                    o.get("kind") + "/" + Y.name(o) + " configures JWT signing");
        }
        for (String svc : Sys.SERVICE_NAMES) {
            Map<String, String> env = Sys.env(r, r.get("Deployment", svc));
            String issuer = env.get("MP_JWT_VERIFY_ISSUER");
            String keys = env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
            assertNotNull(issuer, svc + ": MP_JWT_VERIFY_ISSUER");
            assertNotNull(keys, svc + ": MP_JWT_VERIFY_PUBLICKEY_LOCATION");
            assertTrue(issuer.startsWith("https://"), svc + ": the issuer is an https URL");
            assertTrue(keys.startsWith(issuer + "/"), svc + ": the public keys are the issuer's (JWKS)");
        }
    }

    // ---------------------------------------------------------------------------------------------

    static String topicName(Map<String, Object> topic) {
        String n = Y.str(topic, "spec", "topicName");
        return n != null ? n : Y.name(topic);
    }

    static Set<String> selectedApps(Map<String, Object> podSelector) {
        Set<String> apps = new HashSet<>();
        Object app = Y.at(podSelector, "matchLabels", "app");
        if (app != null) {
            apps.add(String.valueOf(app));
        }
        for (Map<String, Object> expr : Y.maps(podSelector, "matchExpressions")) {
            if ("app".equals(Y.str(expr, "key")) && "In".equals(Y.str(expr, "operator"))) {
                Y.list(expr, "values").forEach(v -> apps.add(String.valueOf(v)));
            }
        }
        return apps;
    }

    static int containerPort(Map<String, Object> container, String name) {
        for (Map<String, Object> p : Y.maps(container, "ports")) {
            if (name.equals(Y.str(p, "name"))) {
                return Y.number(p, "containerPort").intValue();
            }
        }
        fail("container " + Y.str(container, "name") + " has no port named " + name);
        return -1;
    }

    static int resolvePort(Map<String, Object> container, Object port) {
        if (port instanceof Number n) {
            return n.intValue();
        }
        String s = String.valueOf(port);
        return s.matches("\\d+") ? Integer.parseInt(s) : containerPort(container, s);
    }

    private static void assertProbe(Map<String, Object> c, String probe, String path, String id) {
        Map<String, Object> p = Y.map(c, probe);
        assertFalse(p.isEmpty(), id + ": no " + probe);
        assertEquals(path, Y.str(p, "httpGet", "path"), id + ": " + probe + " path");
        assertEquals(
                Sys.MANAGEMENT_PORT,
                resolvePort(c, Y.at(p, "httpGet", "port")),
                id + ": " + probe + " port (management)");
    }

    static Map<String, Object> volume(Map<String, Object> deployment, String name) {
        for (Map<String, Object> v : Y.maps(deployment, "spec", "template", "spec", "volumes")) {
            if (name.equals(Y.str(v, "name"))) {
                return v;
            }
        }
        fail(Y.name(deployment) + ": no volume " + name);
        return null;
    }

    /** "secretName/key" of the file at path, or null when the path is not a mounted Secret item. */
    static String mountedSecretFile(Map<String, Object> deployment, String path) {
        for (Map<String, Object> m : Y.maps(Rendered.container(deployment), "volumeMounts")) {
            String dir = Y.str(m, "mountPath");
            if (path.startsWith(dir + "/")) {
                Map<String, Object> v = volume(deployment, Y.str(m, "name"));
                String file = path.substring(dir.length() + 1);
                for (Map<String, Object> item : Y.maps(v, "secret", "items")) {
                    if (file.equals(Y.str(item, "path"))) {
                        return Y.str(v, "secret", "secretName") + "/" + Y.str(item, "key");
                    }
                }
            }
        }
        return null;
    }

    static String secretKeyRef(Map<String, Object> container, String env) {
        for (Map<String, Object> e : Y.maps(container, "env")) {
            if (env.equals(Y.str(e, "name"))) {
                return Y.str(e, "valueFrom", "secretKeyRef", "name") + "/"
                        + Y.str(e, "valueFrom", "secretKeyRef", "key");
            }
        }
        return null;
    }

    private static void assertSecretKey(
            Rendered r, Map<String, Set<String>> generated, String secret, String key, String id) {
        if (r.find("Secret", secret).isPresent()) {
            Map<String, Object> s = r.get("Secret", secret);
            assertTrue(
                    Y.map(s, "data").containsKey(key) || Y.map(s, "stringData").containsKey(key),
                    id + ": Secret " + secret + " has no key " + key);
        } else if (generated.containsKey(secret)) {
            assertTrue(
                    generated.get(secret).contains(key),
                    id + ": the operator does not write key " + key + " into Secret " + secret + " (it writes "
                            + generated.get(secret) + ")");
        } else {
            List<String> known = new ArrayList<>(generated.keySet());
            fail(id + ": Secret " + secret
                    + " is neither in the render nor generated by an operator from a resource of the render (" + known
                    + ")");
        }
    }
}
