package io.tollgate.metering.internal.application;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.metering.internal.domain.UsageLine;
import io.tollgate.metering.internal.domain.UsageQuery;
import io.tollgate.metering.internal.persistence.LedgerRepository;
import io.tollgate.metering.internal.persistence.LedgerRepository.Entry;
import io.tollgate.metering.internal.persistence.RollupRepository;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.roles.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The usage API's reads: report lines from the rollups, single requests from the ledger (management role). */
@ApplicationScoped
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class UsageReports {

    private final Pool metering;
    private final RollupRepository rollups;
    private final LedgerRepository ledger;

    public UsageReports(@ReactiveDataSource("metering") Pool metering, RollupRepository rollups,
            LedgerRepository ledger) {
        this.metering = metering;
        this.rollups = rollups;
        this.ledger = ledger;
    }

    public Uni<List<UsageLine>> lines(UsageQuery query) {
        return rollups.lines(metering, query);
    }

    public Uni<Entry> request(UUID orgId, String requestId) {
        return ledger.latestByRequestId(metering, orgId, requestId)
                .map(found -> found.orElseThrow(() -> TollgateException.notFound("Request")));
    }
}
