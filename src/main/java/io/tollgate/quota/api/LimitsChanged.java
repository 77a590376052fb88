package io.tollgate.quota.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.util.Map;
import java.util.UUID;

/**
 * The limits of an organisation, project or key ({@code level}) were set; null values are unlimited. For the
 * audit trail.
 */
@RegisterForReflection
public record LimitsChanged(UUID orgId, String level, UUID subjectId, Long requestsPerMinute, Long tokensPerMinute,
        Long maxConcurrent, Map<String, ModelLimits> models, int version) implements IntegrationEvent {

    public static final String TYPE = "quota.limits-changed.v1";

    /** One model's limits at that level. */
    @RegisterForReflection
    public record ModelLimits(Long requestsPerMinute, Long tokensPerMinute, Long maxConcurrent) {
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String subject() {
        return subjectId.toString();
    }
}
