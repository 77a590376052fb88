package io.tollgate.keys.api;

import io.smallrye.mutiny.Uni;
import io.tollgate.platform.web.Actor;
import java.util.UUID;

/** The keys context's interface for in-process callers that set up tenants (first-start seeding). */
public interface KeyIssuing {

    /** Issues a key with the {@code inference} scope on behalf of the platform; emits its secret, to show once. */
    Uni<String> issueInferenceKey(UUID orgId, UUID projectId, String name, Actor actor);
}
