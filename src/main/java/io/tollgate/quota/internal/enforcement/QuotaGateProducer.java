package io.tollgate.quota.internal.enforcement;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.tollgate.platform.roles.Roles;
import io.tollgate.gateway.api.QuotaGate;
import io.tollgate.quota.internal.application.QuotaConfig;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import io.quarkus.runtime.StartupEvent;
import java.time.Clock;

/** The gateway's {@link QuotaGate}, on the default Redis client. */
@ApplicationScoped
@IfBuildProperty(name = Roles.GATEWAY, stringValue = "true", enableIfMissing = true)
public class QuotaGateProducer {

    /** Requests decided without Redis (admitted locally, or refused with 503 when failing closed). */
    public static final String DEGRADED_METRIC = "tollgate_quota_degraded_total";

    @Produces
    @ApplicationScoped
    QuotaGate quotaGate(Redis redis, QuotaConfig config, ObjectMapper json, Clock clock, MeterRegistry metrics) {
        return new RedisQuotaGate(redis, GateSettings.of(config), json, clock, degradedCounter(metrics));
    }

    void registerMetricAtStart(@Observes StartupEvent start, MeterRegistry metrics) {
        degradedCounter(metrics);
    }

    /** Registered at start, so that the dashboards see zero rather than nothing. */
    public static Counter degradedCounter(MeterRegistry metrics) {
        return Counter.builder(DEGRADED_METRIC).description("Quota decisions taken without Redis").register(metrics);
    }
}
