package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** helm/tollgate renders, lints, and passes every manifest check for the default and each environment's values. */
class HelmChartTest {

    private static final List<ManifestCheck> CHECKS = List.of(new PodSecurityCheck(), new NetworkPolicyCheck(),
            new ProbeCheck(), new SecretCheck());
    private static final Path FIXTURES = Path.of("src/test/resources/ops");

    static Stream<Arguments> valueSets() {
        return Stream.of(Arguments.of("default", List.of()),
                Arguments.of("dev", List.of(Path.of("helm/environments/dev/values.yaml"))),
                Arguments.of("staging", List.of(Path.of("helm/environments/staging/values.yaml"))),
                Arguments.of("prod", List.of(Path.of("helm/environments/prod/values.yaml"))));
    }

    private static List<KubeObject> render(List<Path> files) {
        return HelmChart.render(files.toArray(Path[]::new));
    }

    @Test
    void lintPasses() {
        var result = HelmChart.lint();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).allMatch(m -> m.startsWith("[INFO]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyCheckHolds(String name, List<Path> files) {
        List<KubeObject> objects = render(files);
        for (ManifestCheck check : CHECKS) {
            assertThat(check.violations(objects)).as(check.getClass().getSimpleName()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void threeRolesWithTheirOwnResources(String name, List<Path> files) {
        List<KubeObject> objects = render(files);
        for (String role : List.of("gateway", "management", "worker")) {
            for (String kind : List.of("Deployment", "Service", "ServiceAccount")) {
                assertThat(objects).as(kind + " of " + role)
                        .anyMatch(o -> o.kind().equals(kind) && o.name().equals("tollgate-" + role));
            }
        }
        assertThat(kinds(objects)).contains("Ingress", "ServiceMonitor", "PrometheusRule", "NetworkPolicy",
                "ConfigMap", "PodDisruptionBudget", "Job");
    }

    @Test
    void productionValuesUseTlsExternalSecretsAndIrsa() {
        List<KubeObject> objects = render(List.of(Path.of("helm/environments/prod/values.yaml")));
        assertThat(objects.stream().filter(o -> o.kind().equals("ExternalSecret")).count()).isEqualTo(12);
        KubeObject gateway = find(objects, "Deployment", "tollgate-gateway");
        Map<String, String> env = literalEnv(gateway);
        assertThat(env).containsEntry("QUARKUS_REDIS_HOSTS", "rediss://master.tollgate-prod.cache.eu-west-1.amazonaws.com:6379")
                .containsEntry("RABBITMQ_SSL", "true").containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false");
        KubeObject management = find(objects, "Deployment", "tollgate-management");
        assertThat(literalEnv(management)).containsEntry("QUARKUS_DATASOURCE_IDENTITY_JDBC_URL",
                "jdbc:postgresql://tollgate-prod.cluster.eu-west-1.rds.amazonaws.com:5432/tollgate_identity?sslmode=require");
        assertThat(find(objects, "ServiceAccount", "tollgate-gateway").path("metadata", "annotations")
                .path("eks.amazonaws.com/role-arn").asText()).endsWith(":role/tollgate-prod-gateway");
        assertThat(gateway.path("spec").has("replicas")).as("the HPA owns the replica count").isFalse();
        assertThat(find(objects, "HorizontalPodAutoscaler", "tollgate-gateway").path("spec", "maxReplicas").asInt()).isEqualTo(30);
    }

    @Test
    void ingressTerminatesTlsWithCertManagerAndRoutesOnlyTheApis() {
        KubeObject ingress = find(render(List.of()), "Ingress", "tollgate");
        assertThat(ingress.path("metadata", "annotations", "cert-manager.io/cluster-issuer").asText()).isEqualTo("letsencrypt-prod");
        assertThat(ingress.path("spec", "tls").get(0).path("hosts")).hasSize(2);
        Set<String> paths = new TreeSet<>();
        ingress.path("spec", "rules").forEach(r -> r.path("http").path("paths").forEach(p -> paths.add(p.path("path").asText())));
        assertThat(paths).containsExactly("/admin/v1", "/v1");
    }

    @Test
    void gatewayAloneMayLeaveTheClusterOn443AndNeverToPrivateRanges() {
        List<KubeObject> objects = render(List.of());
        for (KubeObject policy : objects.stream().filter(o -> o.kind().equals("NetworkPolicy")).toList()) {
            for (JsonNode rule : policy.path("spec", "egress")) {
                for (JsonNode to : rule.path("to")) {
                    if (to.path("ipBlock").path("cidr").asText().equals("0.0.0.0/0")) {
                        assertThat(policy.name()).isEqualTo("tollgate-gateway-egress");
                        assertThat(to.path("ipBlock").path("except").toString()).contains("169.254.0.0/16", "10.0.0.0/8");
                        assertThat(rule.path("ports").get(0).path("port").asInt()).isEqualTo(443);
                    }
                }
            }
        }
    }

    @Test
    void migrationsRunInSyncWavesBeforeTheRoles() {
        List<KubeObject> objects = render(List.of());
        assertThat(wave(find(objects, "Job", "tollgate-db-bootstrap"))).isEqualTo(-2);
        assertThat(wave(find(objects, "Job", "tollgate-management-migrate"))).isEqualTo(-1);
        assertThat(wave(find(objects, "Job", "tollgate-worker-migrate"))).isEqualTo(-1);
        assertThat(wave(find(objects, "Deployment", "tollgate-management"))).isZero();
        assertThat(literalEnv(find(objects, "Job", "tollgate-worker-migrate"))).containsEntry("QUARKUS_INIT_AND_EXIT", "true");
        assertThat(objects).noneMatch(o -> o.kind().equals("Job") && o.name().startsWith("tollgate-gateway"));
    }

    @Test
    void everyAlertLinksToItsRunbookSection() throws java.io.IOException {
        String runbook = java.nio.file.Files.readString(Path.of("docs/runbooks/alerts.md"));
        KubeObject rule = find(render(List.of()), "PrometheusRule", "tollgate");
        List<String> alerts = new java.util.ArrayList<>();
        rule.path("spec", "groups").forEach(g -> g.path("rules").forEach(r -> {
            String alert = r.path("alert").asText();
            alerts.add(alert);
            assertThat(r.path("annotations").path("runbook_url").asText()).as(alert)
                    .isEqualTo("https://gitlab.com/tollgate/tollgate/-/blob/main/docs/runbooks/alerts.md#" + alert.toLowerCase());
            assertThat(runbook).as("runbook section of " + alert).contains("\n## " + alert + "\n");
            assertThat(r.path("labels").path("severity").asText()).isIn("warning", "critical");
        }));
        assertThat(alerts).contains("TollgateTtfbSloBurn", "TollgateUpstreamErrorRate", "TollgateUsageBufferDrops",
                "TollgateDeadLetterQueueNotEmpty", "TollgateUnpricedUsage", "TollgateQuotaDegradedMode",
                "TollgateReadinessFlapping", "TollgateGitOpsSyncStale", "TollgateGitOpsSyncErrors", "TollgateGitOpsDrift");
    }

    @Test
    void theGitOpsWebhookSecretGoesByReference() {
        List<KubeObject> objects = render(List.of(FIXTURES.resolve("gitops-webhook-values.yaml")));
        KubeObject management = find(objects, "Deployment", "tollgate-management");
        assertThat(literalEnv(management)).containsEntry("TOLLGATE_GITOPS_WEBHOOK_SECRET_ENV", "GITOPS_WEBHOOK_SECRET");
        assertThat(management.path("spec", "template", "spec", "containers").get(0).path("envFrom").toString())
                .contains("tollgate-gitops-webhook");
        assertThat(new SecretCheck().violations(objects)).isEmpty();
    }

    /** The planted defects of src/test/resources/ops/*-values.yaml, each caught by its check. */
    @Test
    void plantedDefectsInValuesAreCaught() {
        assertThat(new PodSecurityCheck().violations(render(List.of(FIXTURES.resolve("insecure-role-values.yaml")))))
                .contains("Deployment/tollgate-worker container worker: runAsNonRoot is not true",
                        "Deployment/tollgate-worker container worker: runs as user 0",
                        "Deployment/tollgate-worker container worker: readOnlyRootFilesystem is not true",
                        "Job/tollgate-worker-migrate container migrate: allowPrivilegeEscalation is not false")
                .noneMatch(v -> v.contains("gateway") || v.contains("management"));
        assertThat(new SecretCheck().violations(render(List.of(FIXTURES.resolve("literal-secret-values.yaml")))))
                .containsExactly("Deployment/tollgate-gateway container gateway: TOLLGATE_RABBITMQ_PASSWORD is a literal value, not a secretKeyRef");
        assertThat(new NetworkPolicyCheck().violations(render(List.of(FIXTURES.resolve("no-network-policy-values.yaml")))))
                .hasSize(6).allMatch(v -> v.endsWith("are selected by no default-deny NetworkPolicy"));
        assertThat(new ProbeCheck().violations(render(List.of(FIXTURES.resolve("wrong-probe-values.yaml")))))
                .hasSize(3).allMatch(v -> v.endsWith("readinessProbe is not an HTTP GET of /ready"));
    }

    private static Set<String> kinds(List<KubeObject> objects) {
        Set<String> kinds = new TreeSet<>();
        objects.forEach(o -> kinds.add(o.kind()));
        return kinds;
    }

    static KubeObject find(List<KubeObject> objects, String kind, String name) {
        return objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(kind + "/" + name + " is not rendered"));
    }

    private static int wave(KubeObject object) {
        return Integer.parseInt(object.path("metadata", "annotations", "argocd.argoproj.io/sync-wave").asText());
    }

    private static Map<String, String> literalEnv(KubeObject workload) {
        Map<String, String> env = new java.util.TreeMap<>();
        workload.path("spec", "template", "spec", "containers").get(0).path("env").forEach(e -> {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        });
        return env;
    }
}
