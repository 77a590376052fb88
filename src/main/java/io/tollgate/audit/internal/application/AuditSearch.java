package io.tollgate.audit.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.audit.internal.domain.AuditFilter;
import io.tollgate.audit.internal.domain.RecordedEntry;
import io.tollgate.audit.internal.persistence.AuditEntryRepository;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Reads an organisation's audit trail, newest first. */
@ApplicationScoped
public class AuditSearch {

    private final Pool audit;
    private final AuditEntryRepository entries;

    public AuditSearch(@ReactiveDataSource("audit") Pool audit, AuditEntryRepository entries) {
        this.audit = audit;
        this.entries = entries;
    }

    public Uni<List<RecordedEntry>> page(UUID orgId, AuditFilter filter, UUID after, int limit) {
        return entries.page(audit, orgId, filter, after, limit);
    }
}
