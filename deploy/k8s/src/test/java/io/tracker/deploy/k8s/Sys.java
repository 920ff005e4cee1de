package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the tests know about the system independently of the manifests (CONVENTIONS.md and the services). */
final class Sys {

    record Service(String name, String database, boolean consumer, boolean exposed) {}

    static final List<Service> SERVICES = List.of(
            new Service("negotiation-service", "negotiation", false, false),
            new Service("investment-service", "investment", true, false),
            new Service("projection-service", "projection", true, true));

    static final List<String> SERVICE_NAMES =
            SERVICES.stream().map(Service::name).toList();

    static final String APPLICATION = "negotiation-tracker";
    static final int HTTP_PORT = 8080;
    /** The management interface (quarkus.management): health, metrics, OpenAPI; container port name "management". */
    static final int MANAGEMENT_PORT = 9000;

    static final String STARTED = "/q/health/started";
    static final String READY = "/q/health/ready";
    static final String LIVE = "/q/health/live";
    static final String METRICS = "/q/metrics";

    /** Environment every service container must get (docs/CONVENTIONS.md). */
    static final Set<String> REQUIRED_ENV = Set.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            "KAFKA_SECURITY_PROTOCOL",
            "KAFKA_SASL_MECHANISM",
            "KAFKA_SASL_JAAS_CONFIG",
            "DB_HOST",
            "DB_PORT",
            "DB_NAME",
            "DB_USER",
            "DB_PASSWORD",
            "QUARKUS_HTTP_PORT",
            "QUARKUS_MANAGEMENT_PORT",
            "MP_JWT_VERIFY_ISSUER",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION");

    /** Standard framework configuration names (Quarkus, MicroProfile JWT): read without a ${...} reference. */
    static final Set<String> FRAMEWORK_ENV = Set.of(
            "QUARKUS_HTTP_PORT", "QUARKUS_MANAGEMENT_PORT", "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_PUBLICKEY_LOCATION");

    /** Consumer-group prefix of the projection rebuilds. */
    static final String REBUILD_GROUP_PREFIX = "projection-service-rebuild-";

    /** Secrets the ops team creates before the first apply (documented in deploy/k8s/README.md). */
    static final Set<String> OPS_PROVIDED_SECRETS = Set.of("tracker-backup-s3", "projection-service-tls");

    /** Keys each service's application.properties must have (the contract of these manifests). */
    static final Map<String, List<String>> REQUIRED_KEYS = Map.of(
            "negotiation-service", List.of("tracker.outbox.topic"),
            "investment-service",
                    List.of(
                            "tracker.outbox.topic",
                            "mp.messaging.incoming.negotiation-events.topic",
                            "mp.messaging.incoming.negotiation-events.group.id"),
            "projection-service",
                    List.of(
                            "mp.messaging.incoming.negotiation-events.topic",
                            "mp.messaging.incoming.negotiation-events.group.id",
                            "mp.messaging.incoming.investment-events.topic",
                            "mp.messaging.incoming.investment-events.group.id",
                            "tracker.projection.dlq-topic"));

    static Service service(String name) {
        return SERVICES.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("unknown service " + name));
    }

    /**
     * The container environment a Deployment defines: ConfigMap entries with their values, Secret
     * entries and secretKeyRef variables with a placeholder value.
     */
    static Map<String, String> env(Rendered r, Map<String, Object> deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Object> c = Rendered.container(deployment);
        for (Map<String, Object> from : Y.maps(c, "envFrom")) {
            String prefix = Y.str(from, "prefix") == null ? "" : Y.str(from, "prefix");
            if (Y.at(from, "configMapRef") != null) {
                String cm = Y.str(from, "configMapRef", "name");
                Map<String, Object> data = Y.map(r.get("ConfigMap", cm), "data");
                data.forEach((k, v) -> env.put(prefix + k, String.valueOf(v)));
            } else if (Y.at(from, "secretRef") != null) {
                String sn = Y.str(from, "secretRef", "name");
                r.find("Secret", sn).ifPresent(s -> {
                    Y.map(s, "data").keySet().forEach(k -> env.put(prefix + k, "<secret " + sn + ">"));
                    Y.map(s, "stringData").keySet().forEach(k -> env.put(prefix + k, "<secret " + sn + ">"));
                });
            }
        }
        for (Map<String, Object> e : Y.maps(c, "env")) {
            String name = Y.str(e, "name");
            if (Y.at(e, "value") != null) {
                env.put(name, Y.str(e, "value"));
            } else if (Y.at(e, "valueFrom", "secretKeyRef") != null) {
                env.put(name, "<secret " + Y.str(e, "valueFrom", "secretKeyRef", "name") + ">");
            } else if (Y.at(e, "valueFrom", "configMapKeyRef") != null) {
                String cm = Y.str(e, "valueFrom", "configMapKeyRef", "name");
                env.put(name, Y.str(r.get("ConfigMap", cm), "data", Y.str(e, "valueFrom", "configMapKeyRef", "key")));
            } else {
                env.put(name, "<" + name + ">");
            }
        }
        return env;
    }

    static String envValue(Rendered r, Map<String, Object> deployment, String name) {
        String v = env(r, deployment).get(name);
        if (v == null) {
            fail("[" + r.name + "] " + Y.name(deployment) + " does not set " + name);
        }
        return v;
    }

    /** Secrets an operator generates from a custom resource of the render: name -> the keys it writes. */
    static Map<String, Set<String>> operatorSecrets(Rendered r) {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (Map<String, Object> c : r.ofKind("Cluster")) {
            // CloudNativePG: the application owner's credentials
            secrets.put(
                    Y.name(c) + "-app",
                    Set.of("username", "user", "password", "dbname", "host", "port", "uri", "jdbc-uri", "pgpass"));
        }
        for (Map<String, Object> u : r.ofKind("KafkaUser")) {
            if ("scram-sha-512".equals(Y.str(u, "spec", "authentication", "type"))) {
                // Strimzi User Operator
                secrets.put(Y.name(u), Set.of("password", "sasl.jaas.config"));
            }
        }
        for (Map<String, Object> k : r.ofKind("Kafka")) {
            // Strimzi Cluster Operator: the cluster CA that signs the broker certificates
            secrets.put(Y.name(k) + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
        }
        return secrets;
    }

    private Sys() {}
}
