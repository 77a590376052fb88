package io.tollgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.events.CloudEvents;
import io.tollgate.platform.web.Cursors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KernelUtilitiesTest {

    @Test
    void idsAreVersion7AndTimeOrdered() {
        UUID earlier = Ids.newId(Instant.parse("2026-01-01T00:00:00Z"));
        UUID later = Ids.newId(Instant.parse("2026-01-01T00:00:00.001Z"));
        assertThat(earlier.version()).isEqualTo(7);
        assertThat(earlier.variant()).isEqualTo(2);
        assertThat(earlier.toString().compareTo(later.toString())).isNegative();
        assertThat(Ids.newId()).isNotEqualTo(Ids.newId());
    }

    @Test
    void cursorsRoundTripAndRejectForgeries() {
        UUID id = Ids.newId();
        var page = Cursors.page(List.of(id, Ids.newId(), Ids.newId()), 2, u -> u, UUID::toString);
        assertThat(page.items()).hasSize(2);
        assertThat(Cursors.decode(page.nextCursor())).isEqualTo(UUID.fromString(page.items().get(1)));
        assertThat(Cursors.page(List.of(id), 2, u -> u, UUID::toString).nextCursor()).isNull();
        assertThat(Cursors.decode(null)).isNull();
        assertThat(Cursors.decode("")).isNull();
        assertThatThrownBy(() -> Cursors.decode("bm90LWEtdXVpZA")).isInstanceOf(TollgateException.class);
        assertThatThrownBy(() -> Cursors.decode("%%")).isInstanceOf(TollgateException.class);
    }

    @Test
    void limitsAreBounded() {
        assertThat(Cursors.limit(null)).isEqualTo(Cursors.DEFAULT_LIMIT);
        assertThat(Cursors.limit(100)).isEqualTo(100);
        assertThatThrownBy(() -> Cursors.limit(0)).isInstanceOf(TollgateException.class);
        assertThatThrownBy(() -> Cursors.limit(101)).isInstanceOf(TollgateException.class);
    }

    @Test
    void cloudEventsRoundTripInStructuredJson() {
        UUID id = Ids.newId();
        UUID org = UUID.randomUUID();
        var event = CloudEvents.build(id, "identity", "identity.org-created.v1", "subject-1", org,
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        String json = new String(CloudEvents.serialize(event), StandardCharsets.UTF_8);
        assertThat(json).contains("\"specversion\":\"1.0\"").contains("\"type\":\"io.tollgate.identity.org-created.v1\"")
                .contains("\"data\":{\"a\":1}");

        var parsed = CloudEvents.deserialize(json.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.getId()).isEqualTo(id.toString());
        assertThat(parsed.getSource()).hasToString("/tollgate/identity");
        assertThat(CloudEvents.routingKey(parsed)).isEqualTo("identity.org-created.v1");
        assertThat(parsed.getExtension(CloudEvents.ORG_EXTENSION)).isEqualTo(org.toString());
        assertThatThrownBy(() -> CloudEvents.deserialize("nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuntimeException.class);
    }
}
