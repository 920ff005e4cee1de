package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DocumentationAndComponentsTest {

    @Test
    void readmeDocumentsWhatOpsMustProvide() throws IOException {
        Path readme = Kustomize.MODULE_DIR.resolve("README.md");
        assertTrue(Files.isRegularFile(readme), readme + " is missing");
        String text = Files.readString(readme);
        for (String secret : Sys.OPS_PROVIDED_SECRETS) {
            assertTrue(text.contains(secret), "README must tell ops to create Secret " + secret);
        }
        for (String must : List.of(
                "Strimzi",
                "CloudNativePG",
                "kubectl apply -k deploy/k8s/overlays/dev",
                "kubectl apply -k deploy/k8s/overlays/prod",
                "Upgrade",
                "Scaling",
                "Replaying a projection",
                "Backup and restore",
                "partitions",
                Sys.REBUILD_GROUP_PREFIX)) {
            assertTrue(text.contains(must), "README must cover: " + must);
        }
    }

    @Test
    void prometheusOperatorComponentSelectsTheServices() throws IOException {
        // a throw-away kustomization below target/ combining prod with the optional component
        Path dir = Kustomize.MODULE_DIR.resolve("target/kustomize-prod-with-podmonitors");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: negotiation-tracker
                resources:
                  - ../../overlays/prod
                components:
                  - ../../components/prometheus-operator
                """);
        Rendered r = Kustomize.render(dir);
        Map<String, Object> services = r.get("PodMonitor", "negotiation-tracker-services");
        assertEquals(
                new HashSet<>(Sys.SERVICE_NAMES),
                RenderedOverlaysTest.selectedApps(Y.map(services, "spec", "selector")),
                "the PodMonitor selects the three services");
        Map<String, Object> endpoint =
                Y.maps(services, "spec", "podMetricsEndpoints").get(0);
        assertEquals(Sys.METRICS, Y.str(endpoint, "path"));
        Map<String, Object> c = Rendered.container(r.get("Deployment", "projection-service"));
        assertEquals(
                Sys.MANAGEMENT_PORT,
                RenderedOverlaysTest.containerPort(c, Y.str(endpoint, "port")),
                "the PodMonitor scrapes the management port");
        Set<String> clusters = new HashSet<>();
        r.ofKind("Cluster").forEach(x -> clusters.add(Y.name(x)));
        Map<String, Object> pg = r.get("PodMonitor", "tracker-postgres");
        assertEquals(
                clusters,
                new HashSet<>(Y.list(
                        Y.maps(pg, "spec", "selector", "matchExpressions").get(0), "values")),
                "the PostgreSQL PodMonitor selects every Cluster");
        assertEquals("negotiation-tracker", Y.str(services, "metadata", "namespace"));
    }
}
