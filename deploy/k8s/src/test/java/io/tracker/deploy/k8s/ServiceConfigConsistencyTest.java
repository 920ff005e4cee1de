package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The names that must agree between the manifests and the services' own configuration
 * ({@code <service>/src/main/resources/application.properties}): topics, consumer groups, the HTTP
 * port and the environment variables. A rename on either side fails here instead of in the cluster.
 */
class ServiceConfigConsistencyTest {

    static Stream<Arguments> overlayAndService() {
        List<Arguments> args = new ArrayList<>();
        for (String overlay : Kustomize.OVERLAYS) {
            for (String svc : Sys.SERVICE_NAMES) {
                args.add(Arguments.of(overlay, svc));
            }
        }
        return args.stream();
    }

    /** The topics a service writes and reads, and its consumer groups, as its properties say. */
    record Usage(Set<String> writes, Set<String> reads, Set<String> groups) {}

    static Usage usage(ServiceProperties props, Map<String, String> env) {
        for (String key : Sys.REQUIRED_KEYS.get(props.service)) {
            props.require(key);
        }
        Set<String> writes = new LinkedHashSet<>();
        Set<String> reads = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        props.resolvedOptional("tracker.outbox.topic", env).ifPresent(writes::add);
        props.resolvedOptional("tracker.projection.dlq-topic", env).ifPresent(writes::add);
        props.resolvedOptional("tracker.negotiation-events.dlq-topic", env).ifPresent(writes::add);
        writes.addAll(props.channels("outgoing", env).values());
        for (Map.Entry<String, String> in : props.channels("incoming", env).entrySet()) {
            reads.add(in.getValue());
            String prefix = "mp.messaging.incoming." + in.getKey() + ".";
            groups.add(props.resolved(prefix + "group.id", env));
            props.resolvedOptional(prefix + "dead-letter-queue.topic", env).ifPresent(writes::add);
        }
        return new Usage(writes, reads, groups);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlayAndService")
    void httpPortAgrees(String overlay, String svc) {
        ServiceProperties props = ServiceProperties.of(svc);
        Rendered r = Kustomize.overlay(overlay);
        Map<String, Object> d = r.get("Deployment", svc);
        Map<String, String> env = Sys.env(r, d);
        int containerPort = RenderedOverlaysTest.containerPort(Rendered.container(d), "http");
        String port = props.resolvedOptional("quarkus.http.port", env).orElse("8080");
        assertEquals(
                String.valueOf(containerPort),
                port,
                "[" + overlay + "] " + svc + ": the service listens on " + port
                        + " in the container, the Deployment expects " + containerPort);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlayAndService")
    void managementPortAgrees(String overlay, String svc) {
        ServiceProperties props = ServiceProperties.of(svc);
        Rendered r = Kustomize.overlay(overlay);
        Map<String, Object> d = r.get("Deployment", svc);
        Map<String, String> env = Sys.env(r, d);
        assertEquals(
                "true",
                props.resolved("quarkus.management.enabled", env),
                svc + ": health and metrics on the management interface (quarkus.management.enabled)");
        int containerPort = RenderedOverlaysTest.containerPort(Rendered.container(d), "management");
        assertEquals(
                String.valueOf(containerPort),
                props.resolved("quarkus.management.port", env),
                "[" + overlay + "] " + svc + ": the management interface listens where the probes and Prometheus look");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlayAndService")
    void servicesDoNotCreateTopics(String overlay, String svc) {
        ServiceProperties props = ServiceProperties.of(svc);
        Rendered r = Kustomize.overlay(overlay);
        Map<String, String> env = Sys.env(r, r.get("Deployment", svc));
        props.resolvedOptional("tracker.outbox.create-topic", env)
                .ifPresent(create -> assertEquals(
                        "false",
                        create,
                        "[" + overlay + "] " + svc
                                + ": topics are KafkaTopic resources and the KafkaUser has no Create ACL: "
                                + "tracker.outbox.create-topic must resolve to false in the cluster"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlayAndService")
    void environmentVariablesAreTheOnesTheServiceReads(String overlay, String svc) {
        ServiceProperties props = ServiceProperties.of(svc);
        Rendered r = Kustomize.overlay(overlay);
        Map<String, String> env = Sys.env(r, r.get("Deployment", svc));
        Set<String> read = props.envReferences();
        Set<String> unread = new TreeSet<>();
        for (String name : env.keySet()) {
            if (!read.contains(name) && !Sys.FRAMEWORK_ENV.contains(name)) {
                unread.add(name);
            }
        }
        assertTrue(
                unread.isEmpty(),
                "[" + overlay + "] " + svc + " gets " + unread + " but " + props.file
                        + " never reads them as ${NAME...} (renamed on one side? see deploy/k8s/README.md, \"What the manifests expect from the services\")");
        Set<String> missing = new TreeSet<>(props.envReferencesWithoutDefault());
        missing.removeAll(env.keySet());
        assertTrue(
                missing.isEmpty(),
                "[" + overlay + "] " + props.file + " needs " + missing
                        + " (no default) but the Deployment does not set them");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlayAndService")
    void topicsGroupsAndAclsAgree(String overlay, String svc) {
        ServiceProperties props = ServiceProperties.of(svc);
        Rendered r = Kustomize.overlay(overlay);
        Map<String, String> env = Sys.env(r, r.get("Deployment", svc));
        Usage usage = usage(props, env);
        String id = "[" + overlay + "] " + svc;

        Set<String> declared = new HashSet<>();
        r.ofKind("KafkaTopic").forEach(t -> declared.add(RenderedOverlaysTest.topicName(t)));
        for (String topic : union(usage.writes(), usage.reads())) {
            assertTrue(
                    declared.contains(topic),
                    id + ": " + props.file + " uses topic " + topic + ", which no KafkaTopic declares " + declared);
        }

        Set<String> aclWrites = new LinkedHashSet<>();
        Set<String> aclReads = new LinkedHashSet<>();
        Set<String> literalGroups = new LinkedHashSet<>();
        Set<String> prefixGroups = new LinkedHashSet<>();
        for (Map<String, Object> acl : Y.maps(r.get("KafkaUser", svc), "spec", "authorization", "acls")) {
            String type = Y.str(acl, "resource", "type");
            String name = Y.str(acl, "resource", "name");
            List<Object> ops = Y.list(acl, "operations");
            if ("topic".equals(type)) {
                if (ops.contains("Write")) {
                    aclWrites.add(name);
                }
                if (ops.contains("Read")) {
                    aclReads.add(name);
                }
            } else if ("group".equals(type)) {
                ("prefix".equals(Y.str(acl, "resource", "patternType")) ? prefixGroups : literalGroups).add(name);
            }
        }
        assertEquals(usage.writes(), aclWrites, id + ": KafkaUser may write exactly the topics the service writes");
        assertEquals(usage.reads(), aclReads, id + ": KafkaUser may read exactly the topics the service consumes");
        for (String group : usage.groups()) {
            assertTrue(
                    literalGroups.contains(group) || prefixGroups.stream().anyMatch(group::startsWith),
                    id + ": consumer group " + group + " has no Read ACL (groups: " + literalGroups + ", prefixes: "
                            + prefixGroups + ")");
        }
        Set<String> unusedGroups = new TreeSet<>(literalGroups);
        unusedGroups.removeAll(usage.groups());
        assertTrue(unusedGroups.isEmpty(), id + ": ACLs for consumer groups the service does not use: " + unusedGroups);
        if (svc.equals("projection-service")) {
            assertEquals(Set.of(Sys.REBUILD_GROUP_PREFIX), prefixGroups, id + ": rebuild consumer groups (prefix)");
        } else {
            assertTrue(prefixGroups.isEmpty(), id + ": no prefixed group ACLs");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicIsUsedAndEveryConsumedTopicHasAWriter(String overlay) {
        Sys.SERVICE_NAMES.forEach(ServiceProperties::of);
        Rendered r = Kustomize.overlay(overlay);
        Map<String, Usage> usages = new LinkedHashMap<>();
        for (String svc : Sys.SERVICE_NAMES) {
            usages.put(svc, usage(ServiceProperties.of(svc), Sys.env(r, r.get("Deployment", svc))));
        }
        Set<String> used = new TreeSet<>();
        Set<String> written = new TreeSet<>();
        usages.values().forEach(u -> {
            used.addAll(u.writes());
            used.addAll(u.reads());
            written.addAll(u.writes());
        });
        Set<String> declared = new TreeSet<>();
        r.ofKind("KafkaTopic").forEach(t -> declared.add(RenderedOverlaysTest.topicName(t)));
        assertEquals(used, declared, "[" + overlay + "] the KafkaTopics are exactly the topics the services use");
        for (Map.Entry<String, Usage> e : usages.entrySet()) {
            for (String topic : e.getValue().reads()) {
                if (!written.contains(topic)) {
                    fail("[" + overlay + "] " + e.getKey() + " consumes " + topic + ", which no service writes");
                }
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }
}
