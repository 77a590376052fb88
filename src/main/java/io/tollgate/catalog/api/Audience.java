package io.tollgate.catalog.api;

import java.util.UUID;

/** Who may use a restricted model: an organisation, or one project of it when {@code projectId} is set. */
public record Audience(UUID orgId, UUID projectId) {

    public boolean includes(UUID org, UUID project) {
        return orgId.equals(org) && (projectId == null || projectId.equals(project));
    }
}
