package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each check against a small manifest with one planted defect, and against the same manifest without it. */
class ManifestChecksTest {

    private static final String SECURE_POD = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: app }
            spec:
              template:
                metadata: { labels: { app: x } }
                spec:
                  securityContext: { runAsNonRoot: true, runAsUser: 1001, seccompProfile: { type: RuntimeDefault } }
                  containers:
                    - name: app
                      ports: [{ name: http, containerPort: 8080 }]
                      livenessProbe: { httpGet: { path: /health, port: http } }
                      readinessProbe: { httpGet: { path: /ready, port: http } }
                      env:
                        - { name: DB_PASSWORD, valueFrom: { secretKeyRef: { name: db, key: password } } }
                        - { name: DB_HOST, value: postgres }
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                        capabilities: { drop: [ALL] }
            """;
    private static final String DENY_ALL = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: deny }
            spec:
              podSelector: { matchLabels: { app: x } }
              policyTypes: [Ingress, Egress]
            """;

    private static List<KubeObject> parse(String yaml) {
        return KubeObject.parseAll(yaml);
    }

    @Test
    void secureManifestPassesEveryCheck() {
        List<KubeObject> objects = parse(SECURE_POD + DENY_ALL);
        assertThat(new PodSecurityCheck().violations(objects)).isEmpty();
        assertThat(new NetworkPolicyCheck().violations(objects)).isEmpty();
        assertThat(new ProbeCheck().violations(objects)).isEmpty();
        assertThat(new SecretCheck().violations(objects)).isEmpty();
    }

    @Test
    void rootContainerIsReported() {
        String root = SECURE_POD.replace("runAsNonRoot: true, runAsUser: 1001", "runAsNonRoot: false, runAsUser: 0");
        assertThat(new PodSecurityCheck().violations(parse(root)))
                .contains("Deployment/app container app: runAsNonRoot is not true", "Deployment/app container app: runs as user 0");
    }

    @Test
    void missingHardeningIsReported() {
        String weak = SECURE_POD.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true")
                .replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")
                .replace("drop: [ALL]", "drop: [NET_RAW], add: [NET_ADMIN]")
                .replace("type: RuntimeDefault", "type: Unconfined");
        assertThat(new PodSecurityCheck().violations(parse(weak))).hasSize(5);
    }

    @Test
    void podWithoutDefaultDenyPolicyIsReported() {
        assertThat(new NetworkPolicyCheck().violations(parse(SECURE_POD)))
                .containsExactly("Deployment/app: its pods ({app=x}) are selected by no default-deny NetworkPolicy");
        String otherPods = DENY_ALL.replace("{ app: x }", "{ app: y }");
        assertThat(new NetworkPolicyCheck().violations(parse(SECURE_POD + otherPods))).hasSize(1);
        String allowsEgress = DENY_ALL + "  egress: [{ ports: [{ port: 443 }] }]\n";
        assertThat(new NetworkPolicyCheck().violations(parse(SECURE_POD + allowsEgress))).hasSize(1);
    }

    @Test
    void ingressRuleFromAnywhereIsReported() {
        String open = DENY_ALL + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: { name: open }
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                  ingress: [{ ports: [{ port: 8080 }] }]
                """;
        assertThat(new NetworkPolicyCheck().violations(parse(SECURE_POD + open)))
                .containsExactly("NetworkPolicy/open: an ingress rule admits every source");
    }

    @Test
    void selectorExpressionsFollowKubernetes() {
        String byExpression = DENY_ALL.replace("{ matchLabels: { app: x } }",
                "{ matchExpressions: [{ key: app, operator: In, values: [x, z] }, { key: tier, operator: DoesNotExist }] }");
        assertThat(new NetworkPolicyCheck().violations(parse(SECURE_POD + byExpression))).isEmpty();
        String notIn = DENY_ALL.replace("{ matchLabels: { app: x } }",
                "{ matchExpressions: [{ key: app, operator: NotIn, values: [x] }] }");
        assertThat(new NetworkPolicyCheck().violations(parse(SECURE_POD + notIn))).hasSize(1);
    }

    @Test
    void wrongProbePathsAndPortsAreReported() {
        String wrong = SECURE_POD.replace("path: /ready, port: http", "path: /health, port: http")
                .replace("path: /health, port: http } }\n", "path: /health, port: 9000 } }\n");
        assertThat(new ProbeCheck().violations(parse(wrong))).containsExactlyInAnyOrder(
                "Deployment/app container app: livenessProbe targets port 9000, which the container does not declare",
                "Deployment/app container app: readinessProbe is not an HTTP GET of /ready");
    }

    @Test
    void literalSecretsAreReported() {
        String secret = """
                ---
                apiVersion: v1
                kind: Secret
                metadata: { name: creds }
                stringData: { password: hunter2 }
                """;
        String literalEnv = SECURE_POD.replace("{ name: DB_HOST, value: postgres }", "{ name: DB_PASSWORD_2, value: hunter2 }");
        assertThat(new SecretCheck().violations(parse(literalEnv + secret))).containsExactly(
                "Deployment/app container app: DB_PASSWORD_2 is a literal value, not a secretKeyRef",
                "Secret/creds: a Secret with literal values");
    }

    @Test
    void aVariableNamingTheSecretsVariableIsNoSecret() {
        String reference = SECURE_POD.replace("{ name: DB_HOST, value: postgres }",
                "{ name: TOLLGATE_GITOPS_WEBHOOK_SECRET_ENV, value: GITOPS_WEBHOOK_SECRET }");
        assertThat(new SecretCheck().violations(parse(reference))).isEmpty();
        assertThat(new SecretCheck().violations(parse(reference.replace("_SECRET_ENV", "_SECRET_ENVY")))).hasSize(1);
    }

    @Test
    void documentsThatAreNotKubernetesObjectsAreRejected() {
        assertThatThrownBy(() -> parse("kind: Deployment\nmetadata: { name: x }\n"))
                .hasMessageContaining("without apiVersion and kind");
        assertThatThrownBy(() -> parse("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: Not_Valid }\n"))
                .hasMessageContaining("no valid metadata.name");
        assertThatThrownBy(() -> parse("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x, labels: { a: 1 } }\n"))
                .hasMessageContaining("label a is not a string");
    }
}
