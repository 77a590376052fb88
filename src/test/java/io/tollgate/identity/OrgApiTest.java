package io.tollgate.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.tollgate.platform.security.GrantsAugmentor;
import io.tollgate.testing.Unique;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrgApiTest {

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void createdOrgCanBeReadBack() {
        String slug = Unique.slug("acme");
        String id = given().contentType("application/json").body("{\"slug\":\"" + slug + "\",\"name\":\"  Acme  \"}")
                .when().post("/admin/v1/orgs")
                .then().statusCode(201)
                .header("location", org.hamcrest.Matchers.containsString("/admin/v1/orgs/"))
                .body("slug", equalTo(slug)).body("name", equalTo("Acme")).body("status", equalTo("active"))
                .body("createdAt", notNullValue())
                .extract().path("id");

        given().when().get("/admin/v1/orgs/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("slug", equalTo(slug));
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void duplicateSlugIsAConflict() {
        String body = "{\"slug\":\"" + Unique.slug("twice") + "\",\"name\":\"Twice\"}";
        given().contentType("application/json").body(body).post("/admin/v1/orgs").then().statusCode(201);
        given().contentType("application/json").body(body).post("/admin/v1/orgs")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://tollgate.io/problems/conflict"));
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void invalidFieldsAreAllListed() {
        given().contentType("application/json").body("{\"slug\":\"Not A Slug\",\"name\":\"\"}")
                .when().post("/admin/v1/orgs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://tollgate.io/problems/validation"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/admin/v1/orgs"))
                .body("errors", hasKey("slug")).body("errors", hasKey("name"));
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void unknownAndReadOnlyFieldsAreRejected() {
        given().contentType("application/json").body("{\"slug\":\"ok-slug\",\"name\":\"Ok\",\"id\":\"x\"}")
                .when().post("/admin/v1/orgs")
                .then().statusCode(400).body("errors.id", equalTo("unknown or read-only field"));
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void malformedJsonIsABadRequestWithoutEchoingTheBody() {
        given().contentType("application/json").body("{\"slug\": \"secret-content")
                .when().post("/admin/v1/orgs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("Malformed JSON"))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret-content")));
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void wrongTypesAndNonObjectBodiesAreBadRequests() {
        given().contentType("application/json").body("{\"slug\":[1],\"name\":\"x\"}").post("/admin/v1/orgs")
                .then().statusCode(400).body("errors", hasKey("slug"));
        given().contentType("application/json").body("[]").post("/admin/v1/orgs").then().statusCode(400);
        given().contentType("application/json").body("").post("/admin/v1/orgs").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void nonJsonBodyIsUnsupported() {
        given().contentType("text/plain").body("slug=x").post("/admin/v1/orgs")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "someone", roles = "viewer@0190a0b4-0000-7000-8000-000000000000", augmentors = GrantsAugmentor.class)
    void missingPermissionIsForbidden() {
        given().contentType("application/json").body("{\"slug\":\"nope-nope\",\"name\":\"No\"}")
                .post("/admin/v1/orgs")
                .then().statusCode(403).body("type", equalTo("https://tollgate.io/problems/forbidden"));
    }

    @Test
    void anonymousCallerIsUnauthenticated() {
        given().get("/admin/v1/orgs").then().statusCode(401).contentType("application/problem+json")
                .header("www-authenticate", "Bearer");
    }

    @Test
    @TestSecurity(user = "stranger", roles = "owner@0190a0b4-0000-7000-8000-000000000001", augmentors = GrantsAugmentor.class)
    void anotherOrganisationIsNotFoundNotForbidden() {
        given().get("/admin/v1/orgs/0190a0b4-0000-7000-8000-000000000000").then().statusCode(404)
                .body("type", equalTo("https://tollgate.io/problems/not-found"));
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void unknownOrMalformedOrgIdIsNotFound() {
        given().get("/admin/v1/orgs/0190a0b4-0000-7000-8000-000000000000").then().statusCode(404)
                .body("type", equalTo("https://tollgate.io/problems/not-found"));
        given().get("/admin/v1/orgs/not-a-uuid").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void listIsCursorPaginated() {
        for (int i = 0; i < 3; i++) {
            given().contentType("application/json").body("{\"slug\":\"" + Unique.slug("page") + "\",\"name\":\"P\"}")
                    .post("/admin/v1/orgs").then().statusCode(201);
        }
        String cursor = given().queryParam("limit", 2).get("/admin/v1/orgs")
                .then().statusCode(200).body("items.size()", equalTo(2)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().queryParam("limit", 2).queryParam("cursor", cursor).get("/admin/v1/orgs")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().queryParam("limit", 0).get("/admin/v1/orgs").then().statusCode(400).body("errors", hasKey("limit"));
        given().queryParam("limit", 101).get("/admin/v1/orgs").then().statusCode(400);
        given().queryParam("cursor", "%%%").get("/admin/v1/orgs").then().statusCode(400).body("errors", hasKey("cursor"));
    }
}
