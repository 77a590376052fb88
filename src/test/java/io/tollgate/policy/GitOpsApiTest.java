package io.tollgate.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Unique;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/v1/gitops} with GitOps not configured (the tests' default): dry-run plans in YAML and JSON through the
 * real kinds, their errors with file and line, bad input, and who may call what. The reconciler: GitOpsEngineTest.
 */
@QuarkusTest
class GitOpsApiTest {

    private Session root;

    @BeforeEach
    void root() {
        root = Accounts.superadmin();
    }

    @Test
    void yamlPlanListsTheChangesAndAppliesNothing() {
        String existing = Unique.slug("plan-a");
        String fresh = Unique.slug("plan-b");
        root.request().contentType("application/json").body(Map.of("slug", existing, "name", "Old name"))
                .post("/admin/v1/orgs").then().statusCode(201);

        yaml(root, organization(existing, "New name") + "---\n" + organization(fresh, "Fresh"))
                .post("/admin/v1/gitops/plan")
                .then().statusCode(200)
                .body("changes.size()", equalTo(2))
                .body("changes[0].action", equalTo("update"))
                .body("changes[0].name", equalTo(existing))
                .body("changes[0].fields[0].path", equalTo("/displayName"))
                .body("changes[0].fields[0].from", equalTo("Old name"))
                .body("changes[0].fields[0].to", equalTo("New name"))
                .body("changes[1].action", equalTo("create"))
                .body("changes[1].name", equalTo(fresh))
                .body("unchanged", equalTo(0));

        yaml(root, organization(fresh, "Fresh")).post("/admin/v1/gitops/plan")
                .then().statusCode(200).body("changes[0].action", equalTo("create"));
    }

    @Test
    void jsonPlanNamesDocumentsByPosition() {
        String name = Unique.slug("plan-json");
        root.request().contentType("application/json").body("""
                {"documents": [
                  {"apiVersion": "tollgate.io/v1", "kind": "Organization", "metadata": {"name": "%s"},
                   "spec": {"displayName": "Fine"}},
                  {"apiVersion": "tollgate.io/v1", "kind": "Organization", "metadata": {"name": "%s-b"},
                   "spec": {"displayName": 42}}
                ]}""".formatted(name, name))
                .post("/admin/v1/gitops/plan")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tollgate.io/problems/unprocessable"))
                .body("errors.'documents[1]'", startsWith("Organization/" + name + "-b: /spec/displayName: "));
    }

    @Test
    void invalidYamlAnswers422WithFileAndLine() {
        yaml(root, organization(Unique.slug("ok"), "Fine") + "---\n"
                + organization(Unique.slug("bad"), "Fine").replace("spec:\n", "spec:\n  colour: red\n")
                + "---\napiVersion: tollgate.io/v1\nkind: Gizmo\nmetadata: {name: g}\nspec: {}\n")
                .post("/admin/v1/gitops/plan")
                .then().statusCode(422)
                .body("errors", hasKey("request.yaml:12"))
                .body("errors.'request.yaml:12'", containsString("colour"))
                .body("errors.'request.yaml:17'", containsString("unknown kind 'Gizmo'"));

        yaml(root, "kind: [unclosed\n")
                .post("/admin/v1/gitops/plan")
                .then().statusCode(422)
                .body("errors.'request.yaml:1'", containsString("not valid YAML"));
    }

    @Test
    void badInputIsAClearClientError() {
        root.request().contentType("application/json").body("{\"documents\": [").post("/admin/v1/gitops/plan")
                .then().statusCode(400).contentType("application/problem+json");
        root.request().contentType("application/json").body("{\"documents\": []}").post("/admin/v1/gitops/plan")
                .then().statusCode(400).body("errors", hasKey("documents"));
        root.request().contentType("application/json").body("{\"documents\": [42]}").post("/admin/v1/gitops/plan")
                .then().statusCode(400).body("errors", hasKey("documents[0]"));
        root.request().contentType("application/json").body("{\"docs\": []}").post("/admin/v1/gitops/plan")
                .then().statusCode(400);
        yaml(root, "  ").post("/admin/v1/gitops/plan")
                .then().statusCode(400);
        root.request().contentType("text/plain").body("kind: X".getBytes(StandardCharsets.UTF_8))
                .post("/admin/v1/gitops/plan")
                .then().statusCode(415).contentType("application/problem+json");
        yaml(root, "a: b\n".repeat(3_000_000)).post("/admin/v1/gitops/plan")
                .then().statusCode(413);
    }

    @Test
    void withoutConfigurationStatusSaysDisabledAndSyncIsAConflict() {
        root.request().get("/admin/v1/gitops/status")
                .then().statusCode(200)
                .body("enabled", equalTo(false))
                .body("source", nullValue())
                .body("driftMode", equalTo("restore"));
        root.request().get("/admin/v1/gitops/drift").then().statusCode(200).body("objects.size()", equalTo(0));
        root.request().post("/admin/v1/gitops/sync").then().statusCode(409)
                .body("detail", containsString("not configured"));
    }

    @Test
    void withoutAWebhookSecretTheWebhookIsNotThere() {
        given().contentType("application/json").header("X-Gitlab-Token", "").body("{\"ref\": \"refs/heads/main\"}")
                .post("/admin/v1/gitops/webhook")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyPlatformAdminsMayUseGitOps() {
        Session orgOwner = Accounts.member(root, Accounts.org(root), "owner");
        orgOwner.request().get("/admin/v1/gitops/status").then().statusCode(403);
        orgOwner.request().get("/admin/v1/gitops/drift").then().statusCode(403);
        yaml(orgOwner, organization("x", "X")).post("/admin/v1/gitops/plan")
                .then().statusCode(403);
        orgOwner.request().post("/admin/v1/gitops/sync").then().statusCode(403);
        given().get("/admin/v1/gitops/status").then().statusCode(401);
    }

    private static String organization(String slug, String displayName) {
        return "apiVersion: tollgate.io/v1\nkind: Organization\nmetadata:\n  name: %s\nspec:\n  displayName: %s\n"
                .formatted(slug, displayName);
    }

    private static RequestSpecification yaml(Session session, String body) {
        return session.request().contentType("application/yaml").body(body.getBytes(StandardCharsets.UTF_8));
    }
}
