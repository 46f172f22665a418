package io.leadhandoff.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Parses every manifest under k8s/ with the fabric8 model and checks what a safe deployment needs. */
class KubernetesManifestsTest {

    private static final Path BASE = Path.of("k8s", "base");

    private static <T extends HasMetadata> T load(String file, Class<T> type) throws IOException {
        try (InputStream in = Files.newInputStream(BASE.resolve(file))) {
            return Serialization.unmarshal(in, type);
        }
    }

    private static Container container() throws IOException {
        return load("deployment.yaml", Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void everyManifestParsesAndKustomizationListsThemAll() throws IOException {
        Map<?, ?> kustomization = Serialization.unmarshal(Files.newInputStream(BASE.resolve("kustomization.yaml")), Map.class);
        @SuppressWarnings("unchecked")
        List<Object> resources = (List<Object>) kustomization.get("resources");
        try (Stream<Path> files = Files.list(BASE)) {
            List<String> manifests = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).sorted().toList();
            assertThat(resources).containsExactlyInAnyOrderElementsOf(new java.util.ArrayList<Object>(manifests));
            for (String manifest : manifests) {
                HasMetadata object = Serialization.unmarshal(Files.newInputStream(BASE.resolve(manifest)));
                assertThat(object.getMetadata().getName()).as(manifest).isNotBlank();
            }
        }
        try (Stream<Path> overlay = Files.walk(Path.of("k8s", "overlays"))) {
            for (Path p : overlay.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                assertThat((Object) Serialization.unmarshal(Files.newInputStream(p), Map.class)).as(p.toString()).isNotNull();
            }
        }
    }

    @Test
    void deploymentRollsOutWithoutLosingCapacity() throws IOException {
        Deployment d = load("deployment.yaml", Deployment.class);
        assertThat(d.getSpec().getReplicas()).isEqualTo(3);
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isPositive();
        assertThat(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                .extracting(c -> c.getTopologyKey())
                .contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
    }

    @Test
    void probesUseTheQuarkusHealthEndpoints() throws IOException {
        Container c = container();
        assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    }

    @Test
    void probesAndMetricsUseTheManagementPort() throws IOException {
        Container c = container();
        assertThat(c.getPorts()).anyMatch(p -> p.getName().equals("management") && p.getContainerPort() == 9000);
        assertThat(List.of(c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe()))
                .allSatisfy(p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
        Map<String, String> annotations = load("deployment.yaml", Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/port", "9000");
        Properties app = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            app.load(in);
        }
        assertThat(app.getProperty("quarkus.management.enabled")).isEqualTo("true");
        assertThat(app.getProperty("%prod.quarkus.swagger-ui.enabled")).as("Swagger UI off in production unless configured").isEqualTo("false");
    }

    @Test
    void runsLockedDown() throws IOException {
        Deployment d = load("deployment.yaml", Deployment.class);
        var pod = d.getSpec().getTemplate().getSpec();
        Container c = container();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
        assertThat(pod.getVolumes()).anyMatch(v -> v.getEmptyDir() != null);
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
    }

    @Test
    void givesInFlightRequestsTimeToFinish() throws IOException {
        Properties app = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            app.load(in);
        }
        long shutdown = Long.parseLong(app.getProperty("quarkus.shutdown.timeout").replaceAll("[^0-9]", ""));
        long grace = load("deployment.yaml", Deployment.class).getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(grace).isGreaterThan(shutdown + 5);
    }

    @Test
    void takesDatabaseCredentialsFromASecretReferenceOnly() throws IOException {
        List<EnvVar> env = container().getEnv();
        for (String name : List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            EnvVar var = env.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
            assertThat(var.getValue()).as(name).isNull();
            assertThat(var.getValueFrom().getSecretKeyRef().getName()).isEqualTo("lead-handoff-db");
        }
        ConfigMap config = load("configmap.yaml", ConfigMap.class);
        assertThat(config.getData().keySet()).noneMatch(k -> k.contains("PASSWORD") || k.contains("SECRET"));
        try (Stream<Path> all = Files.walk(Path.of("k8s"))) {
            for (Path p : all.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                assertThat(Files.readString(p)).as(p.toString()).doesNotContain("kind: Secret");
            }
        }
    }

    @Test
    void scalesAndSurvivesDrains() throws IOException {
        HorizontalPodAutoscaler hpa = load("hpa.yaml", HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("lead-handoff");
        PodDisruptionBudget pdb = load("pdb.yaml", PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        Service service = load("service.yaml", Service.class);
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void networkPolicyAdmitsTheApiFromAnywhereAndTheManagementPortFromTheClusterOnly() throws IOException {
        NetworkPolicy policy = load("networkpolicy.yaml", NetworkPolicy.class);
        assertThat(policy.getSpec().getIngress()).flatExtracting(r -> r.getPorts()).extracting(p -> p.getPort().getIntVal())
                .containsExactlyInAnyOrder(8080, 9000);
        var management = policy.getSpec().getIngress().stream()
                .filter(r -> r.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 9000)).toList();
        assertThat(management).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(9000);
            assertThat(rule.getFrom()).as("peers of the management port").isNotEmpty()
                    .allSatisfy(peer -> {
                        assertThat(peer.getIpBlock()).as("no address range: pods of the cluster only").isNull();
                        assertThat(peer.getNamespaceSelector()).isNotNull();
                    });
        });
    }

    @Test
    void networkPolicyReachesOnlyTheDatabaseAndDns() throws IOException {
        NetworkPolicy policy = load("networkpolicy.yaml", NetworkPolicy.class);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getEgress()).flatExtracting(r -> r.getPorts()).extracting(p -> p.getPort().getIntVal())
                .containsOnly(3306, 53);
    }
}
