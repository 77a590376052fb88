package io.tollgate.identity.api;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** Identity's query interface for other contexts in the same process: does a project exist in an organisation? */
public interface Projects {

    Uni<Boolean> exists(UUID orgId, UUID projectId);
}
