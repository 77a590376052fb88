package io.tollgate.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Unique;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MembersAndOrgsApiTest {

    private Session root;
    private UUID org;

    @BeforeEach
    void orgWithSuperadmin() {
        root = Accounts.superadmin();
        org = Accounts.org(root);
    }

    @Test
    void ownerAddsMembersWhoThenSeeOnlyTheirOrganisation() {
        Session owner = Accounts.member(root, org, "owner");
        UUID other = Accounts.org(root);
        Session developer = Accounts.user(root);
        owner.request().contentType("application/json").body(Map.of("email", developer.email(), "role", "developer"))
                .post("/admin/v1/orgs/" + org + "/members").then().statusCode(201)
                .body("role", equalTo("developer")).body("userId", equalTo(developer.userId().toString()));

        developer.request().get("/admin/v1/orgs").then().statusCode(200)
                .body("items.id", hasItem(org.toString())).body("items.id", not(hasItem(other.toString())));
        developer.request().get("/admin/v1/orgs/" + org + "/members").then().statusCode(200)
                .body("items.email", hasItem(owner.email()));
        developer.request().get("/admin/v1/orgs/" + other).then().statusCode(404);
        developer.request().get("/admin/v1/orgs/" + other + "/members").then().statusCode(404);
    }

    @Test
    void nobodyGrantsARoleAboveTheirOwn() {
        Session admin = Accounts.member(root, org, "admin");
        Session someone = Accounts.user(root);
        admin.request().contentType("application/json").body(Map.of("email", someone.email(), "role", "owner"))
                .post("/admin/v1/orgs/" + org + "/members").then().statusCode(403);
        admin.request().contentType("application/json").body(Map.of("email", someone.email(), "role", "admin"))
                .post("/admin/v1/orgs/" + org + "/members").then().statusCode(201);

        Session owner = Accounts.member(root, org, "owner");
        admin.request().contentType("application/json").body(Map.of("role", "viewer"))
                .patch("/admin/v1/orgs/" + org + "/members/" + owner.userId()).then().statusCode(403);
        admin.request().delete("/admin/v1/orgs/" + org + "/members/" + owner.userId()).then().statusCode(403);
    }

    @Test
    void developersCannotManageMembers() {
        Session developer = Accounts.member(root, org, "developer");
        Session someone = Accounts.user(root);
        developer.request().contentType("application/json").body(Map.of("email", someone.email(), "role", "viewer"))
                .post("/admin/v1/orgs/" + org + "/members").then().statusCode(403)
                .body("type", equalTo("https://tollgate.io/problems/forbidden"));
    }

    @Test
    void theLastOwnerStays() {
        Session owner = Accounts.member(root, org, "owner");
        owner.request().delete("/admin/v1/orgs/" + org + "/members/" + owner.userId()).then().statusCode(409);
        owner.request().contentType("application/json").body(Map.of("role", "admin"))
                .patch("/admin/v1/orgs/" + org + "/members/" + owner.userId()).then().statusCode(409);
    }

    @Test
    void aRemovedMemberLosesAccessAtOnce() {
        Session viewer = Accounts.member(root, org, "viewer");
        viewer.request().get("/admin/v1/orgs/" + org).then().statusCode(200);
        root.request().delete("/admin/v1/orgs/" + org + "/members/" + viewer.userId()).then().statusCode(204);
        viewer.request().get("/admin/v1/orgs/" + org).then().statusCode(404);
    }

    @Test
    void memberBadInput() {
        root.request().contentType("application/json").body(Map.of("email", "nobody-" + UUID.randomUUID() + "@x.io", "role", "viewer"))
                .post("/admin/v1/orgs/" + org + "/members").then().statusCode(400).body("errors.email", notNullValue());
        root.request().contentType("application/json").body(Map.of("email", root.email(), "role", "emperor"))
                .post("/admin/v1/orgs/" + org + "/members").then().statusCode(400).body("errors.role", notNullValue());
        root.request().contentType("application/json").body(Map.of("role", "viewer"))
                .patch("/admin/v1/orgs/" + org + "/members/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void updatesHonourIfMatch() {
        String etag = root.request().get("/admin/v1/orgs/" + org).then().statusCode(200).extract().header("etag");
        assertThat(etag).isEqualTo("\"1\"");
        root.request().contentType("application/json").header("If-Match", etag).body(Map.of("name", "Renamed"))
                .patch("/admin/v1/orgs/" + org).then().statusCode(200).header("etag", "\"2\"").body("name", equalTo("Renamed"));
        root.request().contentType("application/json").header("If-Match", etag).body(Map.of("name", "Stale"))
                .patch("/admin/v1/orgs/" + org).then().statusCode(412).body("type", equalTo("https://tollgate.io/problems/precondition-failed"));
        root.request().contentType("application/json").header("If-Match", "garbage").body(Map.of("name", "X"))
                .patch("/admin/v1/orgs/" + org).then().statusCode(412);
        root.request().contentType("application/json").body(Map.of("status", "suspended"))
                .patch("/admin/v1/orgs/" + org).then().statusCode(200).body("status", equalTo("suspended"));
        root.request().contentType("application/json").body(Map.of("status", "gone"))
                .patch("/admin/v1/orgs/" + org).then().statusCode(400);
        root.request().contentType("application/json").body(Map.of("slug", "read-only"))
                .patch("/admin/v1/orgs/" + org).then().statusCode(400);
    }

    @Test
    void deletedOrganisationsDisappear() {
        root.request().delete("/admin/v1/orgs/" + org).then().statusCode(204);
        root.request().get("/admin/v1/orgs/" + org).then().statusCode(404);
        root.request().delete("/admin/v1/orgs/" + org).then().statusCode(404);
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponseAndRefusesAnotherBody() {
        String key = UUID.randomUUID().toString();
        String slug = Unique.slug("idem");
        var first = root.request().contentType("application/json").header("Idempotency-Key", key)
                .body(Map.of("slug", slug, "name", "Once")).post("/admin/v1/orgs").then().statusCode(201).extract();
        var replay = root.request().contentType("application/json").header("Idempotency-Key", key)
                .body(Map.of("slug", slug, "name", "Once")).post("/admin/v1/orgs").then().statusCode(201)
                .header("idempotent-replayed", "true").extract();
        assertThat(replay.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        root.request().contentType("application/json").header("Idempotency-Key", key)
                .body(Map.of("slug", slug, "name", "Twice")).post("/admin/v1/orgs").then().statusCode(422);
        root.request().contentType("application/json").header("Idempotency-Key", "bad key with spaces")
                .body(Map.of("slug", Unique.slug("idem"), "name", "X")).post("/admin/v1/orgs").then().statusCode(400);
    }

    @Test
    void projectsLiveInTheirOrganisation() {
        Session developer = Accounts.member(root, org, "developer");
        Session admin = Accounts.member(root, org, "admin");
        String slug = Unique.slug("proj");
        developer.request().contentType("application/json").body(Map.of("slug", slug, "name", "P"))
                .post("/admin/v1/orgs/" + org + "/projects").then().statusCode(403);
        admin.request().contentType("application/json").body(Map.of("slug", slug, "name", "P"))
                .post("/admin/v1/orgs/" + org + "/projects").then().statusCode(201).body("orgId", equalTo(org.toString()));
        admin.request().contentType("application/json").body(Map.of("slug", slug, "name", "P"))
                .post("/admin/v1/orgs/" + org + "/projects").then().statusCode(409);
        developer.request().get("/admin/v1/orgs/" + org + "/projects").then().statusCode(200).body("items.slug", hasItem(slug));
        admin.request().contentType("application/json").body(Map.of("slug", "Bad Slug"))
                .post("/admin/v1/orgs/" + org + "/projects").then().statusCode(400);
    }
}
