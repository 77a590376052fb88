package io.tollgate.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.quota.internal.application.DefinitionProjection;
import io.tollgate.quota.internal.domain.LimitDefinition;
import io.tollgate.quota.internal.domain.LimitLevel;
import io.tollgate.quota.internal.domain.Limits;
import io.tollgate.quota.internal.domain.QuotaKeys;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The management API of limits, budgets and consumption, and the projection it writes for the gateway. */
@QuarkusTest
class QuotaApiTest {

    @Inject
    RedisDataSource redis;

    @Inject
    DefinitionProjection projection;

    private Session root;
    private UUID org;

    @BeforeEach
    void org() {
        root = Accounts.superadmin();
        org = Accounts.org(root);
    }

    @Test
    void keyLimitsAreSetReadBackAndProjectedForTheGateway() {
        UUID key = UUID.randomUUID();
        String path = "/admin/v1/orgs/" + org + "/keys/" + key + "/limits";
        root.request().get(path).then().statusCode(200).header("etag", "\"0\"").body("version", equalTo(0))
                .body("requestsPerMinute", nullValue());

        root.request().contentType("application/json").header("If-Match", "\"0\"")
                .body(Map.of("requestsPerMinute", 60, "tokensPerMinute", 40000, "maxConcurrent", 4,
                        "models", Map.of("gpt-4o", Map.of("requestsPerMinute", 10))))
                .put(path).then().statusCode(200).header("etag", "\"1\"").body("level", equalTo("key"))
                .body("subjectId", equalTo(key.toString())).body("models.gpt-4o.requestsPerMinute", equalTo(10));
        root.request().get(path).then().statusCode(200).body("tokensPerMinute", equalTo(40000)).body("version", equalTo(1));

        String projected = redis.value(String.class).get(QuotaKeys.limits(org, LimitLevel.KEY, key));
        assertThat(projected).contains("\"version\":1").contains("\"requestsPerMinute\":60").contains("gpt-4o");
    }

    @Test
    void aRebuildThatReadAnOlderVersionNeverOverwritesANewerProjection() {
        UUID key = UUID.randomUUID();
        String path = "/admin/v1/orgs/" + org + "/keys/" + key + "/limits";
        root.request().contentType("application/json").body(Map.of("requestsPerMinute", 1)).put(path).then().statusCode(200);
        root.request().contentType("application/json").body(Map.of("requestsPerMinute", 2)).put(path).then().statusCode(200);

        projection.write(new LimitDefinition(org, LimitLevel.KEY, key, new Limits(1L, null, null, null), 1, Instant.now()))
                .await().indefinitely();

        assertThat(redis.value(String.class).get(QuotaKeys.limits(org, LimitLevel.KEY, key)))
                .contains("\"version\":2").contains("\"requestsPerMinute\":2");
    }

    @Test
    void anOrganisationWithoutLimitsShowsThePlatformDefaults() {
        root.request().get("/admin/v1/orgs/" + org + "/limits").then().statusCode(200).body("level", equalTo("org"))
                .body("requestsPerMinute", equalTo(60000)).body("version", equalTo(0));
    }

    @Test
    void aStaleIfMatchAnswers412() {
        String path = "/admin/v1/orgs/" + org + "/limits";
        root.request().contentType("application/json").body(Map.of("requestsPerMinute", 5)).put(path).then().statusCode(200);
        root.request().contentType("application/json").header("If-Match", "\"0\"").body(Map.of("requestsPerMinute", 6))
                .put(path).then().statusCode(412).contentType("application/problem+json");
    }

    @Test
    void badLimitsAnswer400NamingTheField() {
        String path = "/admin/v1/orgs/" + org + "/projects/" + UUID.randomUUID() + "/limits";
        root.request().contentType("application/json").body(Map.of("requestsPerMinute", -1)).put(path).then()
                .statusCode(400).body("errors", hasKey("requestsPerMinute"));
        root.request().contentType("application/json").body(Map.of("tokensPerMinute", 5_000_000_000L)).put(path).then()
                .statusCode(400).body("errors.tokensPerMinute", containsString("0 to 1000000000"));
        root.request().contentType("application/json").body(Map.of("models", Map.of("gpt-4o", Map.of("maxConcurrent", -2))))
                .put(path).then().statusCode(400).body("errors", hasKey("models.gpt-4o.maxConcurrent"));
        root.request().contentType("application/json").body(Map.of("models", Map.of("bad alias!", Map.of())))
                .put(path).then().statusCode(400).body("errors", hasKey("models.bad alias!"));
        root.request().contentType("application/json").body(Map.of("rpm", 5)).put(path).then().statusCode(400)
                .body("errors", hasKey("rpm"));
        root.request().contentType("application/json").body("{\"requestsPerMinute\": \"many\"}").put(path).then()
                .statusCode(400);
        root.request().contentType("application/json").body(Map.of("requestsPerMinute", 5))
                .put("/admin/v1/orgs/" + org + "/keys/not-a-uuid/limits").then().statusCode(404);
    }

    @Test
    void budgetsAreSetAndReadAsDecimalStrings() {
        String path = "/admin/v1/orgs/" + org + "/budgets";
        root.request().get(path).then().statusCode(200).body("version", equalTo(0)).body("currency", nullValue());
        root.request().contentType("application/json")
                .body(Map.of("daily", "25.50", "monthly", "500", "currency", "EUR", "softThresholdPercent", 90))
                .put(path).then().statusCode(200).header("etag", "\"1\"").body("daily", equalTo("25.5"))
                .body("monthly", equalTo("500")).body("currency", equalTo("EUR")).body("softThresholdPercent", equalTo(90));
        root.request().contentType("application/json").body(Map.of("monthly", "100", "currency", "USD")).put(path).then()
                .statusCode(200).body("daily", nullValue()).body("softThresholdPercent", equalTo(80)).body("version", equalTo(2));

        assertThat(redis.value(String.class).get(QuotaKeys.budget(org))).contains("\"monthlyMicros\":100000000")
                .contains("\"currency\":\"USD\"");
    }

    @Test
    void badBudgetsAnswer400NamingTheField() {
        String path = "/admin/v1/orgs/" + org + "/budgets";
        root.request().contentType("application/json").body("{}").put(path).then().statusCode(400)
                .body("errors", hasKey("currency"));
        root.request().contentType("application/json").body(Map.of("daily", "-1", "currency", "USD")).put(path).then()
                .statusCode(400).body("errors", hasKey("daily"));
        root.request().contentType("application/json").body(Map.of("monthly", "1.1234567", "currency", "USD")).put(path)
                .then().statusCode(400).body("errors", hasKey("monthly"));
        root.request().contentType("application/json").body(Map.of("daily", "1", "currency", "XYZ")).put(path).then()
                .statusCode(400).body("errors", hasKey("currency"));
        root.request().contentType("application/json").body(Map.of("daily", "1", "currency", "usd")).put(path).then()
                .statusCode(400).body("errors", hasKey("currency"));
        root.request().contentType("application/json").body(Map.of("currency", "USD", "softThresholdPercent", 0))
                .put(path).then().statusCode(400).body("errors", hasKey("softThresholdPercent"));
        root.request().contentType("application/json").body(Map.of("daily", 5, "currency", "USD")).put(path).then()
                .statusCode(400).body("errors.daily", containsString("not a JSON number"));
    }

    @Test
    void anotherOrganisationsLimitsAnswer404() {
        Session stranger = Accounts.member(root, Accounts.org(root), "owner");
        stranger.request().get("/admin/v1/orgs/" + org + "/limits").then().statusCode(404);
        stranger.request().contentType("application/json").body(Map.of("daily", "1", "currency", "USD"))
                .put("/admin/v1/orgs/" + org + "/budgets").then().statusCode(404);
    }

    @Test
    void billingSetsBudgetsButNotLimits() {
        Session billing = Accounts.member(root, org, "billing");
        billing.request().contentType("application/json").body(Map.of("daily", "3", "currency", "USD"))
                .put("/admin/v1/orgs/" + org + "/budgets").then().statusCode(200);
        billing.request().contentType("application/json").body(Map.of("requestsPerMinute", 5))
                .put("/admin/v1/orgs/" + org + "/limits").then().statusCode(403);
    }

    @Test
    void consumptionShowsEveryLimitedLevelAndTheBudget() {
        UUID key = UUID.randomUUID();
        root.request().contentType("application/json").body(Map.of("maxConcurrent", 3, "models", Map.of("m1", Map.of("requestsPerMinute", 2))))
                .put("/admin/v1/orgs/" + org + "/keys/" + key + "/limits").then().statusCode(200);
        root.request().contentType("application/json").body(Map.of("daily", "2", "currency", "USD"))
                .put("/admin/v1/orgs/" + org + "/budgets").then().statusCode(200);

        root.request().get("/admin/v1/orgs/" + org + "/consumption").then().statusCode(200)
                .body("levels.size()", equalTo(3))
                .body("levels[0].level", equalTo("org")).body("levels[0].requestsPerMinute.limit", equalTo(60000))
                .body("levels[0].requestsPerMinute.used", equalTo(0))
                .body("levels[1].level", equalTo("key")).body("levels[1].inFlight.limit", equalTo(3))
                .body("levels[1].inFlight.used", equalTo(0)).body("levels[1].requestsPerMinute.limit", nullValue())
                .body("levels[2].model", equalTo("m1"))
                .body("budget.currency", equalTo("USD")).body("budget.daily.limit", equalTo("2"))
                .body("budget.daily.spent", equalTo("0")).body("budget.monthly.limit", nullValue());
    }
}
