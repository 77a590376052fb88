package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Secrets only by reference: the chart renders no Secret with data, and no container gets a secret-looking
 * environment variable (password, token, key, secret, KEK) as a literal value instead of a secretKeyRef; variables
 * that name another variable ({@code *_ENV}) are references themselves.
 */
final class SecretCheck implements ManifestCheck {

    // "_KEY" as a word (API_KEY, SIGNING_KEY), not as in the keys context (QUARKUS_DATASOURCE_KEYS_…). A name ending
    // in _ENV holds the name of the variable that holds the secret (TOLLGATE_GITOPS_WEBHOOK_SECRET_ENV), not a secret.
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(?!.*_ENV$)(.*(PASSWORD|PASSWD|SECRET|TOKEN|KEK|CREDENTIAL).*|.*_KEY(_.*)?)");

    @Override
    public List<String> violations(List<KubeObject> objects) {
        List<String> violations = new ArrayList<>();
        for (KubeObject object : objects) {
            if (object.kind().equals("Secret")
                    && (!object.path("data").isEmpty() || !object.path("stringData").isEmpty())) {
                violations.add(object.id() + ": a Secret with literal values");
            }
            object.podTemplate().ifPresent(template -> {
                List<JsonNode> containers = new ArrayList<>();
                template.path("spec").path("initContainers").forEach(containers::add);
                template.path("spec").path("containers").forEach(containers::add);
                for (JsonNode container : containers) {
                    for (JsonNode env : container.path("env")) {
                        if (SECRET_NAME.matcher(env.path("name").asText()).matches() && env.has("value")) {
                            violations.add(object.id() + " container " + container.path("name").asText() + ": "
                                    + env.path("name").asText() + " is a literal value, not a secretKeyRef");
                        }
                    }
                }
            });
        }
        return violations;
    }
}
