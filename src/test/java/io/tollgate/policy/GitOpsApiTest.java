package io.tollgate.policy;

import static io.restassured.RestAssured.given;
import static io.tollgate.policy.GitOpsEngineTest.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.platform.web.Actor;
import io.tollgate.policy.api.PolicyObject;
import io.tollgate.policy.api.ObjectRef;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Unique;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/v1/gitops} with GitOps not configured (the tests' default): dry-run plans in YAML and JSON, their
 * errors with file and line, bad input, and who may call what. The reconciler itself: GitOpsEngineTest.
 */
@QuarkusTest
class GitOpsApiTest {

    @Inject
    TestKinds.Widgets widgets;

    private Session root;

    @BeforeEach
    void root() {
        root = Accounts.superadmin();
    }

    @Test
    void yamlPlanListsTheChangesAndAppliesNothing() {
        String existing = Unique.slug("plan-a");
        String fresh = Unique.slug("plan-b");
        widgets.create(new PolicyObject(ObjectRef.platformWide("Widget", existing),
                widgets.normalise(JsonNodeFactory.instance.objectNode().put("colour", "red"))), Actor.system("test"))
                .await().indefinitely();

        yaml(root, widget(existing, "blue", "") + "---\n" + widget(fresh, "red", ""))
                .post("/admin/v1/gitops/plan")
                .then().statusCode(200)
                .body("changes.size()", equalTo(2))
                .body("changes[0].action", equalTo("update"))
                .body("changes[0].name", equalTo(existing))
                .body("changes[0].fields[0].path", equalTo("/colour"))
                .body("changes[0].fields[0].from", equalTo("red"))
                .body("changes[0].fields[0].to", equalTo("blue"))
                .body("changes[1].action", equalTo("create"))
                .body("changes[1].name", equalTo(fresh))
                .body("unchanged", equalTo(0));

        assertThat(widgets.stored(ObjectRef.platformWide("Widget", fresh))).isNull();
    }

    @Test
    void jsonPlanNamesDocumentsByPosition() {
        String name = Unique.slug("plan-json");
        root.request().contentType("application/json").body("""
                {"documents": [
                  {"apiVersion": "tollgate.io/v1", "kind": "Widget", "metadata": {"name": "%s"}, "spec": {}},
                  {"apiVersion": "tollgate.io/v1", "kind": "Widget", "metadata": {"name": "%s-b"},
                   "spec": {"size": "big"}}
                ]}""".formatted(name, name))
                .post("/admin/v1/gitops/plan")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tollgate.io/problems/unprocessable"))
                .body("errors.'documents[1]'", startsWith("Widget/" + name + "-b: /spec/size: "));
    }

    @Test
    void invalidYamlAnswers422WithFileAndLine() {
        yaml(root, widget(Unique.slug("ok"), "red", "") + "---\n" + widget(Unique.slug("bad"), "purple", "")
                + "---\napiVersion: tollgate.io/v1\nkind: Gizmo\nmetadata: {name: g}\nspec: {}\n")
                .post("/admin/v1/gitops/plan")
                .then().statusCode(422)
                .body("errors", hasKey("request.yaml:13"))
                .body("errors.'request.yaml:13'", containsString("/spec/colour"))
                .body("errors.'request.yaml:16'", containsString("unknown kind 'Gizmo'"));

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
        root.request().contentType("text/plain").body("kind: Widget".getBytes(StandardCharsets.UTF_8)).post("/admin/v1/gitops/plan")
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
    void onlyPlatformAdminsMayUseGitOps() {
        Session orgOwner = Accounts.member(root, Accounts.org(root), "owner");
        orgOwner.request().get("/admin/v1/gitops/status").then().statusCode(403);
        orgOwner.request().get("/admin/v1/gitops/drift").then().statusCode(403);
        yaml(orgOwner, widget("x", "red", "")).post("/admin/v1/gitops/plan")
                .then().statusCode(403);
        orgOwner.request().post("/admin/v1/gitops/sync").then().statusCode(403);
        given().get("/admin/v1/gitops/status").then().statusCode(401);
    }

    private static RequestSpecification yaml(Session session, String body) {
        return session.request().contentType("application/yaml").body(body.getBytes(StandardCharsets.UTF_8));
    }
}
