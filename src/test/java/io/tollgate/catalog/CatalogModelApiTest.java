package io.tollgate.catalog;

import static io.restassured.RestAssured.given;
import static io.tollgate.catalog.CatalogProviderApiTest.ORG_A;
import static io.tollgate.catalog.CatalogProviderApiTest.ORG_B;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.tollgate.platform.security.GrantsAugmentor;
import io.tollgate.testing.Unique;
import io.tollgate.catalog.api.Audience;
import io.tollgate.catalog.internal.application.ModelService;
import io.tollgate.catalog.internal.application.ProviderService;
import io.tollgate.catalog.internal.domain.CatalogAccess;
import io.tollgate.catalog.internal.domain.ModelDraft;
import io.tollgate.catalog.internal.domain.ProviderDraft;
import io.tollgate.platform.security.Grants;
import io.tollgate.platform.web.Actor;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogModelApiTest {

    @Inject
    ProviderService providers;

    @Inject
    ModelService models;

    static String platformProvider() {
        return given().contentType("application/json")
                .body(CatalogProviderApiTest.provider(Unique.slug("up"), null, "https://" + TestDns.PUBLIC_HOST + "/v1", "sk-model-test-0001"))
                .post("/admin/v1/providers").then().statusCode(201).extract().path("id");
    }

    static String model(String name, String orgId, String audienceOrg, String provider) {
        return "{" + (orgId == null ? "" : "\"orgId\":\"" + orgId + "\",") + "\"name\":\"" + name + "\","
                + (audienceOrg == null ? "" : "\"audience\":[{\"orgId\":\"" + audienceOrg + "\"}],")
                + "\"deployments\":[{\"provider\":\"" + provider + "\",\"upstreamModel\":\"gpt-4o\",\"weight\":1,\"priority\":0}]}";
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void modelIsCreatedReadUpdatedAndDeleted() {
        String provider = platformProvider();
        String name = Unique.slug("gpt");
        String id = given().contentType("application/json").body(model(name, null, null, provider))
                .post("/admin/v1/models").then().statusCode(201).header("etag", "\"1\"")
                .body("name", equalTo(name)).body("strategy", equalTo("weighted"))
                .body("deployments[0].upstreamModel", equalTo("gpt-4o")).body("unpriced", equalTo(true))
                .body("capabilities.chat", equalTo(true)).body("retry.attempts", equalTo(2))
                .extract().path("id");
        String deployment = given().get("/admin/v1/models/" + id).then().statusCode(200).extract().path("deployments[0].id");
        given().contentType("application/json").header("If-Match", "\"1\"")
                .body("{\"strategy\":\"least-busy\",\"deployments\":[{\"provider\":\"" + provider
                        + "\",\"upstreamModel\":\"gpt-4o\",\"weight\":3},{\"provider\":\"" + provider
                        + "\",\"upstreamModel\":\"gpt-4o-mini\",\"priority\":1}]}")
                .patch("/admin/v1/models/" + id).then().statusCode(200).header("etag", "\"2\"")
                .body("strategy", equalTo("least-busy")).body("deployments", hasSize(2))
                .body("deployments[0].id", equalTo(deployment)).body("deployments[0].weight", equalTo(3));
        given().contentType("application/json").header("If-Match", "\"1\"").body("{\"strategy\":\"weighted\"}")
                .patch("/admin/v1/models/" + id).then().statusCode(412);
        given().contentType("application/json").body(model(name, null, null, provider))
                .post("/admin/v1/models").then().statusCode(409);
        given().delete("/admin/v1/providers/" + provider).then().statusCode(409);
        given().delete("/admin/v1/models/" + id).then().statusCode(204);
        given().get("/admin/v1/models/" + id).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void badInputIsRejectedWithEveryField() {
        given().contentType("application/json").body("{\"name\":\"\",\"strategy\":\"random\",\"retry\":{\"attempts\":9},"
                + "\"deployments\":[{\"provider\":\"\",\"upstreamModel\":\"m\",\"weight\":-1,\"priority\":101}]}")
                .post("/admin/v1/models").then().statusCode(400)
                .body("errors", hasKey("name")).body("errors", hasKey("strategy")).body("errors", hasKey("retry.attempts"))
                .body("errors", hasKey("deployments[0].provider")).body("errors", hasKey("deployments[0].weight"))
                .body("errors", hasKey("deployments[0].priority"));
        given().contentType("application/json").body("{\"name\":\"empty\",\"deployments\":[]}")
                .post("/admin/v1/models").then().statusCode(400).body("errors", hasKey("deployments"));
        given().contentType("application/json").body("{\"name\":\"typed\",\"deployments\":[{\"weight\":\"heavy\"}]}")
                .post("/admin/v1/models").then().statusCode(400).body("errors", hasKey("deployments[0].weight"));
        given().contentType("application/json").body(model(Unique.slug("ghost"), null, null, "no-such-provider"))
                .post("/admin/v1/models").then().statusCode(422).body("errors", hasKey("deployments[0].provider"));
        given().contentType("application/json").body("{\"name\":\"" + Unique.slug("fb") + "\",\"fallbacks\":[\"missing-model\"],"
                + "\"deployments\":[{\"provider\":\"" + platformProvider() + "\",\"upstreamModel\":\"m\"}]}")
                .post("/admin/v1/models").then().statusCode(422).body("errors", hasKey("fallbacks[0]"));
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void priceHistoryIsKeptAndPastUsageRepricedExactly() {
        String id = given().contentType("application/json").body(model(Unique.slug("priced"), null, null, platformProvider()))
                .post("/admin/v1/models").then().statusCode(201).body("unpriced", equalTo(true)).extract().path("id");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant later = now.plus(1, ChronoUnit.DAYS);
        given().contentType("application/json").body("{\"inputPer1M\":2.50,\"outputPer1M\":\"10.0\",\"cachedInputPer1M\":1.25,\"currency\":\"USD\"}")
                .post("/admin/v1/models/" + id + "/prices").then().statusCode(201)
                .body("inputPer1M", equalTo("2.5")).body("outputPer1M", equalTo("10"));
        given().contentType("application/json").body("{\"inputPer1M\":\"0.000001\",\"outputPer1M\":3,\"currency\":\"USD\",\"effectiveFrom\":\"" + later + "\"}")
                .post("/admin/v1/models/" + id + "/prices").then().statusCode(201);
        given().get("/admin/v1/models/" + id).then().body("unpriced", equalTo(false));
        given().get("/admin/v1/models/" + id + "/prices").then().statusCode(200).body("items", hasSize(2));
        given().queryParam("at", now.plusSeconds(60).toString()).get("/admin/v1/models/" + id + "/prices")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].inputPer1M", equalTo("2.5"));
        given().queryParam("at", later.plusSeconds(1).toString()).get("/admin/v1/models/" + id + "/prices")
                .then().statusCode(200).body("items[0].inputPer1M", equalTo("0.000001"));
        given().queryParam("at", "yesterday").get("/admin/v1/models/" + id + "/prices").then().statusCode(400);
        given().contentType("application/json").body("{\"inputPer1M\":1,\"outputPer1M\":1,\"currency\":\"USD\",\"effectiveFrom\":\"" + later + "\"}")
                .post("/admin/v1/models/" + id + "/prices").then().statusCode(409);
        given().contentType("application/json").body("{\"inputPer1M\":-1,\"outputPer1M\":1,\"currency\":\"usd\",\"effectiveFrom\":\"2001-01-01T00:00:00Z\"}")
                .post("/admin/v1/models/" + id + "/prices").then().statusCode(400)
                .body("errors", hasKey("inputPer1M")).body("errors", hasKey("currency")).body("errors", hasKey("effectiveFrom"));
        given().contentType("application/json").body("{\"deploymentId\":\"0190a0b4-0000-7000-8000-000000000000\",\"inputPer1M\":1,\"outputPer1M\":1,\"currency\":\"EUR\"}")
                .post("/admin/v1/models/" + id + "/prices").then().statusCode(422).body("errors", hasKey("deploymentId"));
    }

    @Test
    @TestSecurity(user = "admin-a", roles = "admin@" + ORG_A, augmentors = GrantsAugmentor.class)
    void orgAdminManagesOwnModelsOnPlatformProvidersOnly() {
        String provider = given().contentType("application/json")
                .body(CatalogProviderApiTest.provider(Unique.slug("org-a"), ORG_A, "https://" + TestDns.PUBLIC_HOST, null))
                .post("/admin/v1/providers").then().statusCode(201).extract().path("id");
        String id = given().contentType("application/json").body(model(Unique.slug("a-private"), ORG_A, null, provider))
                .post("/admin/v1/models").then().statusCode(201).extract().path("id");
        given().get("/admin/v1/models/" + id).then().statusCode(200);
        given().contentType("application/json").body(model(Unique.slug("platform"), null, null, provider))
                .post("/admin/v1/models").then().statusCode(403);
        given().contentType("application/json").body(model(Unique.slug("b-model"), ORG_B, null, provider))
                .post("/admin/v1/models").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "viewer-b", roles = "viewer@" + ORG_B, augmentors = GrantsAugmentor.class)
    void modelRestrictedToAnotherOrganisationIsInvisible() {
        String name = Unique.slug("only-a");
        String restricted = restrictedModel(name);
        given().get("/admin/v1/models/" + restricted).then().statusCode(404);
        given().get("/admin/v1/models/" + restricted + "/prices").then().statusCode(404);
        given().queryParam("limit", 100).get("/admin/v1/models").then().statusCode(200)
                .body("items.name", not(hasItem(name)));
        given().contentType("application/json").body("{\"inputPer1M\":1,\"outputPer1M\":1,\"currency\":\"USD\"}")
                .post("/admin/v1/models/" + restricted + "/prices").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "dev-a", roles = "developer@" + ORG_A, augmentors = GrantsAugmentor.class)
    void developerSeesTheRestrictedModelButCannotChangeIt() {
        String restricted = restrictedModel(Unique.slug("only-a"));
        given().get("/admin/v1/models/" + restricted).then().statusCode(200);
        given().contentType("application/json").body("{\"strategy\":\"least-busy\"}")
                .patch("/admin/v1/models/" + restricted).then().statusCode(403);
        given().delete("/admin/v1/models/" + restricted).then().statusCode(403);
    }

    /** A platform model only org A may use, created in-process as the superadmin (the test's caller is not). */
    private String restrictedModel(String name) {
        CatalogAccess root = new CatalogAccess(Grants.of(Set.of(Grants.SUPERADMIN)), Set.of(), Actor.system("test"));
        var provider = providers.create(root, ProviderDraft.of(null, Unique.slug("p"), "openai",
                "https://" + TestDns.PUBLIC_HOST, null, null, null, null, null, false)).await().indefinitely();
        return models.create(root, ModelDraft.of(null, name, List.of(new Audience(UUID.fromString(ORG_A), null)), null,
                null, null, null, List.of(new ModelDraft.DeploymentFields(provider.id().toString(), "m", 1, 0, null, null, null))))
                .await().indefinitely().model().id().toString();
    }
}
