package io.xoal.events.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.xoal.events.common.ReadmeConfigTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both overlays of {@code k8s/}, rendered and read by the Kubernetes model, against the running
 * application: probes answer on the paths and port they name, every environment name is a key of
 * README's configuration table and every key of the table is set, images, resources and the
 * security settings are there, and the grace period outlasts the shutdown.
 */
@QuarkusTest
class DeploymentManifestsTest {

    private static final String SECRET_TEMPLATE = "k8s/base/secret.template.yaml";

    /** The ports of the production profile (the test profile listens on random ones). */
    private static final SmallRyeConfig PROD = new SmallRyeConfigBuilder().withProfile("prod").addDefaultSources().build();
    private final int httpPort = PROD.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
    private final int httpsPort = PROD.getOptionalValue("quarkus.http.ssl-port", Integer.class).orElse(8443);

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void probesNameEndpointsTheApplicationServes(String overlay) throws Exception {
        Container container = container(RenderedManifests.overlay(overlay).one(Deployment.class));
        Map<String, Integer> ports = container.getPorts().stream()
                .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
        assertEquals(Map.of("http", httpPort, "https", httpsPort), ports);
        Map<String, HTTPGetAction> probes = Map.of(
                "/q/health/started", container.getStartupProbe().getHttpGet(),
                "/q/health/ready", container.getReadinessProbe().getHttpGet(),
                "/q/health/live", container.getLivenessProbe().getHttpGet());
        probes.forEach((path, probe) -> {
            assertEquals(path, probe.getPath());
            assertEquals(httpPort, ports.get(probe.getPort().getStrVal()), path + " probes the HTTP port");
            given().get(probe.getPath()).then().statusCode(200);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyEnvironmentNameIsAConfigurationKey(String overlay) throws Exception {
        RenderedManifests manifests = RenderedManifests.overlay(overlay);
        Set<String> names = new TreeSet<>(manifests.one(ConfigMap.class).getData().keySet());
        manifests.all(Secret.class).forEach(secret -> names.addAll(secret.getStringData().keySet()));
        names.addAll(RenderedManifests.file(SECRET_TEMPLATE).one(Secret.class).getStringData().keySet());
        List<EnvVar> env = container(manifests.one(Deployment.class)).getEnv();
        env.forEach(variable -> names.add(variable.getName()));
        names.removeAll(readmeVariables());
        assertEquals(Set.of(), names, "environment names that no key of README's configuration table reads");
    }

    @Test
    void productionSetsEveryKeyOfTheConfigurationTable() throws Exception {
        Set<String> set = new TreeSet<>(RenderedManifests.overlay("prod").one(ConfigMap.class).getData().keySet());
        set.addAll(RenderedManifests.file(SECRET_TEMPLATE).one(Secret.class).getStringData().keySet());
        Set<String> missing = readmeVariables();
        missing.removeAll(set);
        assertEquals(Set.of(), missing, "README keys neither in the prod ConfigMap nor in " + SECRET_TEMPLATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void podRunsLockedDownWithImageAndResources(String overlay) throws Exception {
        RenderedManifests manifests = RenderedManifests.overlay(overlay);
        Deployment deployment = manifests.one(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = container(deployment);
        assertTrue(container.getImage().matches("[a-z0-9./-]+/[a-z0-9-]+:[A-Za-z0-9.-]+") && !container.getImage().endsWith(":latest"),
                "a named, tagged image: " + container.getImage());
        for (String resource : List.of("cpu", "memory")) {
            assertNotNull(container.getResources().getRequests().get(resource), "request " + resource);
            assertNotNull(container.getResources().getLimits().get(resource), "limit " + resource);
        }
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(1001L, pod.getSecurityContext().getRunAsUser());
        SecurityContext security = container.getSecurityContext();
        assertTrue(security.getReadOnlyRootFilesystem());
        assertFalse(security.getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), security.getCapabilities().getDrop());
        String tmpVolume = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst().orElseThrow().getName();
        assertNotNull(pod.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst().orElseThrow().getEmptyDir());
        assertFalse(pod.getTopologySpreadConstraints().isEmpty(), "replicas spread over zones and nodes");
        assertTrue(manifests.one(Namespace.class).getMetadata().getName().equals(deployment.getMetadata().getNamespace()));

        Map<String, String> config = manifests.one(ConfigMap.class).getData();
        Duration shutdown = Duration.parse(config.get("QUARKUS_SHUTDOWN_DELAY")).plus(Duration.parse(config.get("QUARKUS_SHUTDOWN_TIMEOUT")));
        assertTrue(pod.getTerminationGracePeriodSeconds() > shutdown.toSeconds(),
                "grace period " + pod.getTerminationGracePeriodSeconds() + " s outlasts the shutdown " + shutdown);
        // A flush stuck on the database answers its requests 503 before Quarkus stops waiting for them.
        assertTrue(Duration.parse(config.get("XOAL_INGEST_FLUSH_TIMEOUT")).compareTo(Duration.parse(config.get("QUARKUS_SHUTDOWN_TIMEOUT"))) < 0,
                "xoal.ingest.flush-timeout is shorter than quarkus.shutdown.timeout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void serviceAutoscalerAndBudgetPointAtTheDeployment(String overlay) throws Exception {
        RenderedManifests manifests = RenderedManifests.overlay(overlay);
        Deployment deployment = manifests.one(Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Set<String> portNames = container(deployment).getPorts().stream().map(ContainerPort::getName).collect(Collectors.toSet());
        Service service = manifests.one(Service.class);
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()), "the Service selects the pods");
        for (ServicePort port : service.getSpec().getPorts()) {
            assertTrue(portNames.contains(port.getTargetPort().getStrVal()), "Service port " + port.getName() + " targets a container port");
        }
        HorizontalPodAutoscaler hpa = manifests.one(HorizontalPodAutoscaler.class);
        assertEquals(deployment.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
        assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName());
        PodDisruptionBudget pdb = manifests.one(PodDisruptionBudget.class);
        assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()), "the budget selects the pods");
        assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal(), "a node drain evicts one pod at a time, never blocks");
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static Set<String> readmeVariables() throws Exception {
        return ReadmeConfigTable.keys().stream().map(ReadmeConfigTable::environmentName).collect(Collectors.toCollection(TreeSet::new));
    }
}
