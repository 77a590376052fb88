package io.tollgate.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.tollgate.platform.security.GrantsAugmentor;
import io.tollgate.platform.Ids;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.events.EventPublisher;
import io.tollgate.testing.Broker;
import io.tollgate.testing.Unique;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The event path between two contexts on the real broker: identity writes an org and its event in one
 * transaction, the outbox relay publishes it with confirms, audit's consumer records it exactly once.
 */
@QuarkusTest
class EventRoundTripTest {

    private static final String DLQ = "tollgate.audit.recorder.dlq";

    @Inject
    @ReactiveDataSource("audit")
    Pool audit;

    @Inject
    EventPublisher publisher;

    @Test
    @TestSecurity(user = "root", roles = "superadmin", augmentors = GrantsAugmentor.class)
    void orgCreatedInIdentityIsRecordedByAudit() {
        String slug = Unique.slug("evented");
        String orgId = given().contentType("application/json").body("{\"slug\":\"" + slug + "\",\"name\":\"Evented\"}")
                .post("/admin/v1/orgs").then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(15)).until(() -> entriesAbout(orgId) == 1);
        var row = audit.preparedQuery("SELECT event_type, source, org_id, data->>'slug' AS slug FROM audit_entries WHERE subject = $1")
                .execute(Tuple.of(orgId)).await().indefinitely().iterator().next();
        assertThat(row.getString("event_type")).isEqualTo("identity.org-created.v1");
        assertThat(row.getString("source")).isEqualTo("/tollgate/identity");
        assertThat(row.getUUID("org_id")).hasToString(orgId);
        assertThat(row.getString("slug")).isEqualTo(slug);
    }

    @Test
    void duplicateDeliveryHasASingleEffect() {
        UUID eventId = Ids.newId();
        String subject = UUID.randomUUID().toString();
        var event = event(eventId, subject, UUID.randomUUID().toString());
        publisher.publish(event).await().indefinitely();
        publisher.publish(event).await().indefinitely();
        publisher.publish(event).await().indefinitely();
        // A later event on the same queue proves the duplicates before it were consumed (one at a time, in order).
        String sentinel = UUID.randomUUID().toString();
        publisher.publish(event(Ids.newId(), sentinel, UUID.randomUUID().toString())).await().indefinitely();

        await().atMost(Duration.ofSeconds(15)).until(() -> entriesAbout(sentinel) == 1);
        assertThat(entriesAbout(subject)).isEqualTo(1);
        long claims = audit.preparedQuery("SELECT count(*) FROM inbox WHERE consumer = 'audit.recorder' AND event_id = $1")
                .execute(Tuple.of(eventId.toString())).await().indefinitely().iterator().next().getLong(0);
        assertThat(claims).isEqualTo(1);
    }

    @Test
    void poisonMessageIsDeadLetteredAtOnceAndDoesNotBlockTheQueue() throws Exception {
        String marker = "not-a-cloud-event-" + UUID.randomUUID();
        try (Broker broker = Broker.connect()) {
            broker.publish("tollgate.events", "identity.garbage.v1", "application/cloudevents+json",
                    marker.getBytes(StandardCharsets.UTF_8));
            String after = UUID.randomUUID().toString();
            publisher.publish(event(Ids.newId(), after, UUID.randomUUID().toString())).await().indefinitely();

            await().atMost(Duration.ofSeconds(15)).until(() -> entriesAbout(after) == 1);
            assertThat(broker.awaitMessage(DLQ, m -> new String(m.getBody(), StandardCharsets.UTF_8).equals(marker),
                    Duration.ofSeconds(10))).isPresent();
        }
    }

    @Test
    void eventWhoseEffectKeepsFailingIsRetriedThenDeadLettered() throws Exception {
        // An org id that is no UUID makes the effect fail on every delivery.
        String subject = UUID.randomUUID().toString();
        var doomed = event(Ids.newId(), subject, "not-a-uuid");
        publisher.publish(doomed).await().indefinitely();
        try (Broker broker = Broker.connect()) {
            assertThat(broker.awaitMessage(DLQ, m -> new String(m.getBody(), StandardCharsets.UTF_8).contains(subject),
                    Duration.ofSeconds(30))).isPresent();
        }
        assertThat(entriesAbout(subject)).isZero();
    }

    private long entriesAbout(String subject) {
        return audit.preparedQuery("SELECT count(*) FROM audit_entries WHERE subject = $1").execute(Tuple.of(subject))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private static io.cloudevents.CloudEvent event(UUID id, String subject, String orgId) {
        var builder = io.cloudevents.core.builder.CloudEventBuilder.v1(CloudEvents.build(id, "identity",
                "identity.test-happened.v1", subject, null, OffsetDateTime.now(ZoneOffset.UTC),
                "{\"test\":true}".getBytes(StandardCharsets.UTF_8)));
        return builder.withExtension(CloudEvents.ORG_EXTENSION, orgId).build();
    }
}
