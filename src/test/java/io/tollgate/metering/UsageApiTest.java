package io.tollgate.metering;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.tollgate.catalog.api.PriceAdded;
import io.tollgate.gateway.api.UsageRecorded;
import io.tollgate.gateway.api.UsageRecorded.Tokens;
import io.tollgate.platform.events.EventPublisher;
import io.tollgate.platform.security.GrantsAugmentor;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.tollgate.testing.Unique;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The usage API: its numbers come from the rollups and must equal a direct sum over the ledger for any filter
 * and grouping; bad questions answer 400 naming the field; single requests by request id, within the org only.
 */
@QuarkusTest
class UsageApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] GROUPINGS = { null, "model", "key", "project", "hour", "day" };

    @Inject
    @ReactiveDataSource("metering")
    Pool metering;

    @Inject
    EventPublisher publisher;

    @Inject
    ObjectMapper json;

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void totalsAndGroupsEqualTheLedgerSumForRandomFilters() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        MeteringEvents events = new MeteringEvents(publisher, json);
        UUID org = UUID.randomUUID();
        List<UUID> projects = List.of(UUID.randomUUID(), UUID.randomUUID());
        List<UUID> keys = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        String priced = Unique.slug("priced");
        String unpriced = Unique.slug("unpriced");
        List<String> models = List.of(priced, unpriced);
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);
        PriceAdded price = MeteringEvents.price(priced, null, "0.15", "0.6", "0.075", start);
        events.publish(price);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM prices WHERE price_id = $1", price.priceId()) == 1);

        int n = 80;
        for (int i = 0; i < n; i++) {
            int project = random.nextInt(keys.size() + 1);
            events.publish(MeteringEvents.usage(org, project == keys.size() ? null : projects.get(project % 2),
                    keys.get(random.nextInt(keys.size())), models.get(random.nextInt(models.size())), null,
                    new Tokens(random.nextInt(5000), random.nextInt(2000), random.nextInt(500), 0, 0),
                    start.plusSeconds(random.nextInt(3 * 24 * 3600))));
        }
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_ledger WHERE org_id = $1", org) == n);

        int costed = 0;
        for (int q = 0; q < 30; q++) {
            Instant from = start.plus(random.nextInt(3 * 24), ChronoUnit.HOURS);
            Instant to = q % 5 == 0 ? start.plus(3, ChronoUnit.DAYS)
                    : from.plus(1 + random.nextInt(3 * 24), ChronoUnit.HOURS);
            if (q % 7 == 0) {
                from = start.plus(random.nextInt(2), ChronoUnit.DAYS);
                to = from.plus(1 + random.nextInt(2), ChronoUnit.DAYS);
            }
            String groupBy = GROUPINGS[random.nextInt(GROUPINGS.length)];
            UUID project = random.nextBoolean() ? projects.get(random.nextInt(2)) : null;
            UUID key = random.nextInt(3) == 0 ? keys.get(random.nextInt(keys.size())) : null;
            String model = random.nextInt(3) == 0 ? models.get(random.nextInt(models.size())) : null;
            String question = "seed " + seed + ", query " + q + ": " + from + ".." + to + " by " + groupBy + " project "
                    + project + " key " + key + " model " + model;

            var request = given().queryParam("from", from.toString()).queryParam("to", to.toString());
            if (groupBy != null) {
                request.queryParam("groupBy", groupBy);
            }
            if (project != null) {
                request.queryParam("projectId", project.toString());
            }
            if (key != null) {
                request.queryParam("keyId", key.toString());
            }
            if (model != null) {
                request.queryParam("model", model);
            }
            JsonPath answer = request.get("/admin/v1/orgs/{org}/usage", org).then().statusCode(200).extract().jsonPath();

            Map<String, Figures> expected = ledgerSums(org, from, to, groupBy, project, key, model);
            Figures total = expected.values().stream().reduce(Figures.ZERO, Figures::plus);
            assertThat(Figures.of(answer.getMap("totals"))).as(question).isEqualTo(total);
            costed += total.cost() == null ? 0 : 1;
            if (groupBy == null) {
                assertThat(answer.getList("groups")).as(question).isEmpty();
            } else {
                Map<String, Figures> groups = new HashMap<>();
                for (Map<String, Object> group : answer.<Map<String, Object>>getList("groups")) {
                    groups.put(String.valueOf(group.get("group")), Figures.of(group));
                }
                assertThat(groups).as(question).isEqualTo(expected);
            }
        }
        assertThat(costed).as("seed %d: questions whose answer has a cost", seed).isGreaterThan(10);
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void csvExportHasAHeaderAndALinePerGroupAndCurrency() {
        MeteringEvents events = new MeteringEvents(publisher, json);
        UUID org = UUID.randomUUID();
        String model = Unique.slug("csv");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        PriceAdded price = MeteringEvents.price(model, null, "1", "2", null, hour.minus(1, ChronoUnit.DAYS));
        events.publish(price);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM prices WHERE price_id = $1", price.priceId()) == 1);
        events.publish(MeteringEvents.usage(org, null, UUID.randomUUID(), model, null, new Tokens(1000, 500, 0, 0, 0), hour));
        String formula = "=" + Unique.slug("cmd");
        events.publish(MeteringEvents.usage(org, null, UUID.randomUUID(), formula, null,
                new Tokens(10, 5, 0, 0, 0), hour));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_ledger WHERE org_id = $1", org) == 2);

        String csv = given().queryParam("from", hour.toString()).queryParam("to", hour.plus(1, ChronoUnit.HOURS).toString())
                .queryParam("groupBy", "model").queryParam("format", "csv")
                .get("/admin/v1/orgs/{org}/usage", org).then().statusCode(200)
                .contentType(startsWith("text/csv")).header("content-disposition", containsString("usage.csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("group,currency,requests,prompt_tokens,completion_tokens,cached_tokens,unpriced_requests,cost");
        assertThat(lines).as("a leading = is quoted against spreadsheet formulas").contains("'" + formula + ",,1,10,5,0,1,");
        assertThat(lines).contains(model + ",USD,1,1000,500,0,0,0.002");
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void badQuestionsAnswer400NamingTheField() {
        UUID org = UUID.randomUUID();
        String path = "/admin/v1/orgs/" + org + "/usage";
        given().get(path).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors", hasKey("from")).body("errors", hasKey("to"));
        given().queryParam("from", "yesterday").queryParam("to", "2026-01-01T00:00:00Z").get(path).then()
                .statusCode(400).body("errors.from", containsString("ISO-8601"));
        given().queryParam("from", "2026-01-02T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z").get(path).then()
                .statusCode(400).body("errors.to", equalTo("must be after from"));
        given().queryParam("from", "2026-01-01T00:30:00Z").queryParam("to", "2026-01-02T00:00:00Z").get(path).then()
                .statusCode(400).body("errors.from", containsString("whole UTC hour"));
        given().queryParam("from", "2020-01-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z").get(path).then()
                .statusCode(400).body("errors.to", containsString("at most 400 days"));
        given().queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-03-01T00:00:00Z")
                .queryParam("groupBy", "hour").get(path).then()
                .statusCode(400).body("errors.groupBy", containsString("at most 31 days"));
        given().queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-01-02T00:00:00Z")
                .queryParam("groupBy", "week").queryParam("projectId", "p1").queryParam("keyId", "k1").get(path).then()
                .statusCode(400).body("errors.groupBy", containsString("model, key, project, hour, day"))
                .body("errors.projectId", equalTo("must be a UUID")).body("errors.keyId", equalTo("must be a UUID"));
        given().queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-01-02T00:00:00Z")
                .queryParam("format", "xml").get(path).then().statusCode(400).body("errors.format", equalTo("must be json or csv"));
        given().get("/admin/v1/orgs/not-a-uuid/usage/requests/x").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void requestLookupTakesTheMostRecentUseOfARequestIdInTheOrg() {
        MeteringEvents events = new MeteringEvents(publisher, json);
        UUID org = UUID.randomUUID();
        UUID otherOrg = UUID.randomUUID();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String requestId = "req-" + UUID.randomUUID();
        UsageRecorded older = reused(MeteringEvents.usage(org, null, UUID.randomUUID(), "m", null,
                new Tokens(1, 1, 0, 0, 0), hour.minusSeconds(60)), requestId);
        UsageRecorded newer = reused(MeteringEvents.usage(org, null, UUID.randomUUID(), "m", null,
                new Tokens(2, 2, 0, 0, 0), hour), requestId);
        UsageRecorded elsewhere = reused(MeteringEvents.usage(otherOrg, null, UUID.randomUUID(), "m", null,
                new Tokens(3, 3, 0, 0, 0), hour.plusSeconds(60)), requestId);
        events.publish(newer);
        events.publish(older);
        events.publish(elsewhere);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_ledger WHERE request_id = $1", requestId) == 3);

        given().get("/admin/v1/orgs/{org}/usage/requests/{id}", org, requestId).then().statusCode(200)
                .body("usageId", equalTo(newer.usageId().toString())).body("tokens.prompt", equalTo(2))
                .body("unpriced", equalTo(true)).body("cost", equalTo(null)).body("outcome", equalTo("ok"));
        given().get("/admin/v1/orgs/{org}/usage/requests/{id}", UUID.randomUUID(), requestId).then().statusCode(404);
        given().get("/admin/v1/orgs/{org}/usage/requests/{id}", org, "req-unknown").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void membersSeeTheirOrgsUsageAndNoOtherOrgs() {
        Session root = Accounts.superadmin();
        UUID mine = Accounts.org(root);
        UUID theirs = Accounts.org(root);
        Session viewer = Accounts.member(root, mine, "viewer");
        String range = "?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";
        viewer.request().get("/admin/v1/orgs/" + mine + "/usage" + range).then().statusCode(200)
                .body("totals.requests", equalTo(0)).body("totals.cost", equalTo(null));
        viewer.request().get("/admin/v1/orgs/" + theirs + "/usage" + range).then().statusCode(404);
        viewer.request().get("/admin/v1/orgs/" + theirs + "/usage/requests/r1").then().statusCode(404);
    }

    private static UsageRecorded reused(UsageRecorded u, String requestId) {
        return new UsageRecorded(u.usageId(), requestId, u.orgId(), u.projectId(), u.keyId(), u.model(), u.endpoint(),
                u.stream(), u.deploymentId(), u.providerId(), u.provider(), u.upstreamModel(), u.tokens(), u.estimated(),
                u.outcome(), u.httpStatus(), u.errorCode(), u.ttfbMs(), u.durationMs(), u.startedAt(), u.finishedAt());
    }

    /** The figures the API reports, compared exactly (costs as decimals, whatever their scale). */
    record Figures(long requests, long promptTokens, long completionTokens, long cachedTokens, BigDecimal cost,
            long unpricedRequests) {

        static final Figures ZERO = new Figures(0, 0, 0, 0, null, 0);

        static Figures of(Map<String, Object> json) {
            Object cost = json.get("cost");
            return new Figures(number(json, "requests"), number(json, "promptTokens"), number(json, "completionTokens"),
                    number(json, "cachedTokens"), cost == null ? null : new BigDecimal(cost.toString()).stripTrailingZeros(),
                    number(json, "unpricedRequests"));
        }

        Figures plus(Figures other) {
            BigDecimal sum = cost == null ? other.cost : other.cost == null ? cost : cost.add(other.cost);
            return new Figures(requests + other.requests, promptTokens + other.promptTokens,
                    completionTokens + other.completionTokens, cachedTokens + other.cachedTokens,
                    sum == null ? null : sum.stripTrailingZeros(), unpricedRequests + other.unpricedRequests);
        }

        private static long number(Map<String, Object> json, String field) {
            return ((Number) json.get(field)).longValue();
        }
    }

    /** The same question asked of the ledger directly, grouped as the API groups. */
    private Map<String, Figures> ledgerSums(UUID org, Instant from, Instant to, String groupBy, UUID project, UUID key,
            String model) {
        String group = groupBy == null ? "'all'" : switch (groupBy) {
            case "model" -> "model";
            case "key" -> "key_id::text";
            case "project" -> "coalesce(project_id::text, 'null')";
            case "hour" -> "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:00:00\"Z\"')";
            default -> "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
        };
        List<Row> rows = new ArrayList<>();
        metering.preparedQuery("""
                SELECT %s AS grp, count(*) AS requests, sum(prompt_tokens) AS prompt, sum(completion_tokens) AS completion,
                       sum(cached_tokens) AS cached, sum(cost) AS cost, count(*) FILTER (WHERE unpriced) AS unpriced
                  FROM usage_ledger
                 WHERE org_id = $1 AND started_at >= $2 AND started_at < $3
                   AND ($4::uuid IS NULL OR project_id = $4) AND ($5::uuid IS NULL OR key_id = $5)
                   AND ($6::text IS NULL OR model = $6)
                 GROUP BY grp""".formatted(group))
                .execute(Tuple.of(org, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), project, key, model))
                .await().indefinitely().forEach(rows::add);
        Map<String, Figures> sums = new HashMap<>();
        for (Row row : rows) {
            BigDecimal cost = row.getBigDecimal("cost");
            sums.put(row.getString("grp"), new Figures(row.getLong("requests"), row.getLong("prompt"),
                    row.getLong("completion"), row.getLong("cached"), cost == null ? null : cost.stripTrailingZeros(),
                    row.getLong("unpriced")));
        }
        return sums;
    }

    private long count(String sql, Object parameter) {
        return metering.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely().iterator().next().getLong(0);
    }

}
