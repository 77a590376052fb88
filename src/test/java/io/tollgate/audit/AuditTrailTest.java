package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.tollgate.audit.internal.domain.AuditEntry;
import io.tollgate.audit.internal.persistence.AuditEntryRepository;
import io.tollgate.platform.Ids;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.events.EventPublisher;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail on the real database: the chain the database builds on every append, its verification
 * (including after tampering), the append-only guard, and the query API with its filters and pages.
 */
@QuarkusTest
class AuditTrailTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Inject
    @ReactiveDataSource("audit")
    Pool audit;

    @Inject
    AuditEntryRepository entries;

    @Inject
    EventPublisher publisher;

    private Session root;

    @BeforeEach
    void root() {
        root = Accounts.superadmin();
    }

    @Test
    void tamperingWithOneRowIsReportedAtExactlyThatLink() {
        UUID org = UUID.randomUUID();
        List<String> events = IntStream.range(0, 5).mapToObj(i -> append(org, "keys.key-issued.v1", "user-1", "key-" + i, T0)).toList();
        JsonPath sound = verify(org);
        assertThat(sound.getBoolean("intact")).isTrue();
        assertThat(sound.getInt("chains[0].verifiedEntries")).isEqualTo(5);
        assertThat(sound.getInt("chains[0].headSequence")).isEqualTo(5);
        assertThat(auditVerifyCommand(org)).startsWith("0\nintact\t" + org + "\t5 verified");

        String stored = hashAt(org, 3);
        asOwnerWithoutGuard("UPDATE audit_entries SET data = '{\"tampered\": true}' WHERE chain = $1 AND seq = 3", org);

        JsonPath tampered = verify(org);
        assertThat(tampered.getBoolean("intact")).isFalse();
        assertThat(tampered.getBoolean("chains[0].intact")).isFalse();
        assertThat(tampered.getInt("chains[0].verifiedEntries")).isEqualTo(2);
        Map<String, Object> link = tampered.getMap("chains[0].firstBrokenLink");
        assertThat(link).containsEntry("orgId", org.toString()).containsEntry("sequence", 3)
                .containsEntry("eventId", events.get(2)).containsEntry("problem", "hash-mismatch")
                .containsEntry("actualHash", stored);
        assertThat(link.get("expectedHash")).isNotEqualTo(stored);
        assertThat(auditVerifyCommand(org)).startsWith("1\nBROKEN\t" + org + "\t2 verified")
                .contains("first broken link: sequence 3 (hash-mismatch), event " + events.get(2), "actual   " + stored);
    }

    @Test
    void removingTheLastEntryIsReportedAsAHeadMismatch() {
        UUID org = UUID.randomUUID();
        append(org, "keys.key-issued.v1", "user-1", "a", T0);
        append(org, "keys.key-revoked.v1", "user-1", "a", T0);
        asOwnerWithoutGuard("DELETE FROM audit_entries WHERE chain = $1 AND seq = 2", org);

        Map<String, Object> link = verify(org).getMap("chains[0].firstBrokenLink");
        assertThat(link).containsEntry("problem", "head-mismatch").containsEntry("sequence", 2);
    }

    @Test
    void entriesAndHeadsCannotBeChangedOrRemoved() {
        UUID org = UUID.randomUUID();
        append(org, "keys.key-issued.v1", "user-1", "a", T0);
        for (String statement : List.of("UPDATE audit_entries SET actor = 'someone-else' WHERE chain = $1",
                "DELETE FROM audit_entries WHERE chain = $1", "UPDATE audit_chain_heads SET seq = 7 WHERE chain = $1",
                "DELETE FROM audit_chain_heads WHERE chain = $1")) {
            assertThatThrownBy(() -> audit.preparedQuery(statement).execute(Tuple.of(org.toString())).await().indefinitely())
                    .as(statement).hasMessageContaining("append-only").hasMessageContaining("refused");
        }
        assertThat(verify(org).getBoolean("intact")).isTrue();
    }

    @Test
    void concurrentAppendsToOneOrgKeepOneUnbrokenChain() {
        UUID org = UUID.randomUUID();
        // As several worker instances would: each append in its own transaction, all at once.
        List<Uni<Void>> appends = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            appends.add(audit.withTransaction(tx -> entries.append(tx, entry(org, "keys.key-issued.v1", "user-1", "k", T0))));
        }
        Uni.join().all(appends).andFailFast().await().atMost(Duration.ofSeconds(30));

        JsonPath report = verify(org);
        assertThat(report.getBoolean("intact")).isTrue();
        assertThat(report.getInt("chains[0].verifiedEntries")).isEqualTo(40);
        List<Long> seqs = audit.preparedQuery("SELECT seq FROM audit_entries WHERE chain = $1 ORDER BY seq")
                .execute(Tuple.of(org.toString())).await().indefinitely().stream().map(row -> row.getLong(0)).toList();
        assertThat(seqs).containsExactlyElementsOf(IntStream.rangeClosed(1, 40).mapToObj(Long::valueOf).toList());
    }

    @Test
    void eventsDeliveredTogetherFromTheBrokerFormAnUnbrokenChain() {
        UUID org = UUID.randomUUID();
        List<Uni<Void>> published = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // A type only the audit recorder is bound to, so that no other consumer dead-letters it.
            published.add(publisher.publish(CloudEvents.build(Ids.newId(), "identity", "identity.test-happened.v1", "t-" + i, org,
                    OffsetDateTime.now(ZoneOffset.UTC), "{\"i\":1}".getBytes(StandardCharsets.UTF_8))));
        }
        Uni.join().all(published).andFailFast().await().atMost(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> verify(org).getInt("chains[0].verifiedEntries") == 30);
        assertThat(verify(org).getBoolean("intact")).isTrue();
    }

    @Test
    void verificationCoversEveryChainWithoutAFilter() {
        UUID org = UUID.randomUUID();
        append(org, "keys.key-issued.v1", "user-1", "a", T0);
        JsonPath all = root.request().get("/admin/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("chains.chain", String.class)).contains(org.toString());
        assertThat(all.getList("chains.findAll { it.chain == '" + org + "' }.intact", Boolean.class)).containsExactly(true);
    }

    @Test
    void entriesAreFilteredByActorActionTargetAndTime() {
        UUID org = UUID.randomUUID();
        append(org, "identity.member-added.v1", "alice", "user-b", T0);
        String wanted = append(org, "keys.key-issued.v1", "alice", "key-1", T0.plusSeconds(60));
        append(org, "keys.key-issued.v1", "bob", "key-1", T0.plusSeconds(60));
        append(org, "keys.key-issued.v1", "alice", "key-2", T0.plusSeconds(60));
        append(org, "keys.key-issued.v1", "alice", "key-1", T0.plusSeconds(3600));

        JsonPath page = root.request().queryParam("actor", "alice").queryParam("action", "keys.key-issued.v1")
                .queryParam("target", "key-1").queryParam("from", T0.plusSeconds(30).toString())
                .queryParam("to", T0.plusSeconds(3600).toString())
                .get("/admin/v1/orgs/" + org + "/audit").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.eventId", String.class)).containsExactly(wanted);
        Map<String, Object> item = page.getMap("items[0]");
        assertThat(item).containsEntry("action", "keys.key-issued.v1").containsEntry("target", "key-1")
                .containsEntry("actor", "alice").containsEntry("requestId", "req-" + wanted)
                .containsEntry("sourceIp", "192.0.2.7").containsEntry("sequence", 2)
                .containsEntry("occurredAt", T0.plusSeconds(60).toString()).containsKeys("recordedAt", "hash");
        assertThat(page.getMap("items[0].data")).containsEntry("target", "key-1");
    }

    @Test
    void pagesRunNewestFirstWithoutOverlap() {
        UUID org = UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            append(org, "keys.key-issued.v1", "alice", "key-" + i, T0.plusSeconds(i));
        }
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = root.request().queryParam("limit", 3);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/admin/v1/orgs/" + org + "/audit").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.sequence", Integer.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(7, 6, 5, 4, 3, 2, 1);
    }

    @Test
    void badFiltersAnswer400NamingEachField() {
        UUID org = UUID.randomUUID();
        root.request().queryParam("from", "yesterday").queryParam("actor", " ").queryParam("action", "x".repeat(201))
                .get("/admin/v1/orgs/" + org + "/audit").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.from", equalTo("must be an RFC 3339 time, e.g. 2026-01-31T12:00:00Z"))
                .body("errors", hasKey("actor")).body("errors", hasKey("action"));
        root.request().queryParam("from", T0.toString()).queryParam("to", T0.toString())
                .get("/admin/v1/orgs/" + org + "/audit").then().statusCode(400).body("errors.to", equalTo("must be after from"));
        root.request().queryParam("limit", 0).get("/admin/v1/orgs/" + org + "/audit").then().statusCode(400)
                .body("errors", hasKey("limit"));
        root.request().queryParam("cursor", "!!").get("/admin/v1/orgs/" + org + "/audit").then().statusCode(400)
                .body("errors", hasKey("cursor"));
        root.request().get("/admin/v1/orgs/not-a-uuid/audit").then().statusCode(404);
        root.request().queryParam("orgId", "acme").get("/admin/v1/audit/verify").then().statusCode(400)
                .body("errors.orgId", equalTo("must be an organisation id (a UUID)"));
    }

    @Test
    void adminsReadTheirOwnOrgOnlyAndCannotVerify() {
        UUID mine = Accounts.org(root);
        UUID theirs = Accounts.org(root);
        Session admin = Accounts.member(root, mine, "admin");
        String event = append(mine, "keys.key-issued.v1", admin.userId().toString(), "key-1", T0);
        admin.request().get("/admin/v1/orgs/" + mine + "/audit").then().statusCode(200)
                .body("items.eventId", hasItem(event));
        admin.request().get("/admin/v1/orgs/" + theirs + "/audit").then().statusCode(404);
        admin.request().get("/admin/v1/audit/verify").then().statusCode(403);
        Accounts.member(root, mine, "developer").request().get("/admin/v1/orgs/" + mine + "/audit").then().statusCode(403);
    }

    /** The operator's command, scripts/audit-verify, against this application: its exit status, a newline, its output. */
    private String auditVerifyCommand(UUID org) {
        try {
            ProcessBuilder builder = new ProcessBuilder("scripts/audit-verify", "--org", org.toString()).redirectErrorStream(true);
            builder.environment().put("TOLLGATE_URL", "http://localhost:" + RestAssured.port);
            builder.environment().put("TOLLGATE_TOKEN", root.accessToken());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return process.exitValue() + "\n" + output;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonPath verify(UUID org) {
        return root.request().queryParam("orgId", org.toString()).get("/admin/v1/audit/verify").then().statusCode(200)
                .extract().jsonPath();
    }

    /** Appends one entry as the recorder would; returns its event id. */
    private String append(UUID org, String action, String actor, String target, Instant occurredAt) {
        AuditEntry entry = entry(org, action, actor, target, occurredAt);
        audit.withTransaction(tx -> entries.append(tx, entry)).await().indefinitely();
        return entry.eventId();
    }

    private static AuditEntry entry(UUID org, String action, String actor, String target, Instant occurredAt) {
        String eventId = Ids.newId().toString();
        return new AuditEntry(Ids.newId(), eventId, action, "/tollgate/test", target, org, occurredAt, actor,
                "req-" + eventId, "192.0.2.7", "{\"target\": \"" + target + "\", \"note\": \"Zoë ✓\"}");
    }

    private String hashAt(UUID org, long seq) {
        return audit.preparedQuery("SELECT hash FROM audit_entries WHERE chain = $1 AND seq = $2")
                .execute(Tuple.of(org.toString(), seq)).await().indefinitely().iterator().next().getString(0);
    }

    /** What someone with the owner's login can still do: switch the guard off for one statement. */
    private void asOwnerWithoutGuard(String statement, UUID org) {
        audit.withTransaction(tx -> tx.query("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only").execute()
                .flatMap(r -> tx.preparedQuery(statement).execute(Tuple.of(org.toString())))
                .flatMap(r -> tx.query("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only").execute()))
                .await().indefinitely();
    }
}
