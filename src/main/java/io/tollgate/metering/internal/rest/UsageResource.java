package io.tollgate.metering.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.tollgate.metering.internal.application.UsageReports;
import io.tollgate.metering.internal.domain.UsageLine;
import io.tollgate.metering.internal.domain.UsageQuery;
import io.tollgate.metering.internal.domain.UsageReport;
import io.tollgate.metering.internal.persistence.LedgerRepository.Entry;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.OrgPermission;
import io.tollgate.platform.security.Permissions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /admin/v1/orgs/{orgId}/usage}: an org's usage from the rollups (totals, groups, CSV with
 * {@code format=csv}) and single requests from the ledger.
 */
@Path("/admin/v1/orgs/{orgId}/usage")
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class UsageResource {

    static final String CSV = "text/csv";

    /**
     * The totals and the groups, each group's figures flattened beside its name. Registered for reflection: it
     * travels inside a {@link Response}, whose entity type a native build cannot see.
     */
    @RegisterForReflection(targets = { UsageView.class, GroupView.class, UsageReport.Figures.class })
    public record UsageView(UsageReport.Figures totals, List<GroupView> groups) {
        static UsageView of(UsageReport report) {
            return new UsageView(report.totals(), report.groups().stream().map(GroupView::of).toList());
        }
    }

    public record GroupView(String group, long requests, long promptTokens, long completionTokens, long cachedTokens,
            String cost, String currency, long unpricedRequests, Map<String, String> costs) {
        static GroupView of(UsageReport.Group group) {
            UsageReport.Figures f = group.figures();
            return new GroupView(group.group(), f.requests(), f.promptTokens(), f.completionTokens(), f.cachedTokens(),
                    f.cost(), f.currency(), f.unpricedRequests(), f.costs());
        }
    }

    public record Tokens(long prompt, long completion, long cached, long cacheWrite, long reasoning) {
    }

    /** One request as the ledger holds it. */
    public record RequestView(UUID usageId, String requestId, UUID orgId, UUID projectId, UUID keyId, String model,
            String endpoint, boolean stream, UUID deploymentId, UUID providerId, String provider, String upstreamModel,
            Tokens tokens, boolean estimated, String outcome, int httpStatus, String errorCode, Long ttfbMs,
            long durationMs, Instant startedAt, Instant finishedAt, String cost, String currency, boolean unpriced,
            UUID priceId) {
        static RequestView of(Entry e) {
            return new RequestView(e.usageId(), e.requestId(), e.orgId(), e.projectId(), e.keyId(), e.model(),
                    e.endpoint(), e.stream(), e.deploymentId(), e.providerId(), e.provider(), e.upstreamModel(),
                    new Tokens(e.promptTokens(), e.completionTokens(), e.cachedTokens(), e.cacheWriteTokens(),
                            e.reasoningTokens()),
                    e.estimated(), e.outcome(), e.httpStatus(), e.errorCode(), e.ttfbMs(), e.durationMs(),
                    e.startedAt(), e.finishedAt(), e.cost() == null ? null : UsageReport.text(e.cost()), e.currency(),
                    e.unpriced(), e.priceId());
        }
    }

    private final UsageReports reports;
    private final UsageQuery.Limits limits;

    public UsageResource(UsageReports reports,
            @ConfigProperty(name = "tollgate.metering.query.max-range") Duration maxRange,
            @ConfigProperty(name = "tollgate.metering.query.max-hourly-range") Duration maxHourlyRange) {
        this.reports = reports;
        this.limits = new UsageQuery.Limits(maxRange, maxHourlyRange);
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @PermissionsAllowed(value = Permissions.USAGE_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "Totals and groups (JSON), or one CSV line per group and currency")
    @APIResponse(responseCode = "400", description = "Invalid range, grouping, filter or format")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Uni<Response> usage(@PathParam("orgId") UUID orgId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("groupBy") String groupBy,
            @QueryParam("projectId") String projectId, @QueryParam("keyId") String keyId,
            @QueryParam("model") String model, @QueryParam("format") String format) {
        boolean csv = "csv".equals(format);
        if (format != null && !csv && !"json".equals(format)) {
            throw TollgateException.invalid(Map.of("format", "must be json or csv"));
        }
        UsageQuery query = switch (UsageQuery.parse(orgId, from, to, groupBy, projectId, keyId, model, limits)) {
            case UsageQuery.Valid valid -> valid.query();
            case UsageQuery.Invalid invalid -> throw TollgateException.invalid(invalid.errors());
        };
        return reports.lines(query).map(lines -> csv
                ? Response.ok(csv(lines), CSV + "; charset=utf-8")
                        .header("content-disposition", "attachment; filename=\"usage.csv\"").build()
                : Response.ok(UsageView.of(UsageReport.of(lines, query.groupBy() != null)), MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/requests/{requestId}")
    @Produces(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(value = Permissions.USAGE_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "The most recent request with this x-request-id in the organisation")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such request in this organisation")
    public Uni<RequestView> request(@PathParam("orgId") UUID orgId, @PathParam("requestId") String requestId) {
        return reports.request(orgId, requestId).map(RequestView::of);
    }

    private static String csv(List<UsageLine> lines) {
        StringBuilder out = new StringBuilder(
                "group,currency,requests,prompt_tokens,completion_tokens,cached_tokens,unpriced_requests,cost\r\n");
        for (UsageLine line : lines) {
            out.append(field(line.group())).append(',').append(field(line.currency())).append(',')
                    .append(line.requests()).append(',').append(line.promptTokens()).append(',')
                    .append(line.completionTokens()).append(',').append(line.cachedTokens()).append(',')
                    .append(line.unpricedRequests()).append(',')
                    .append(line.currency() == null ? "" : UsageReport.text(line.cost())).append("\r\n");
        }
        return out.toString();
    }

    /** A CSV field (RFC 4180), with a leading quote against formula injection in spreadsheets. */
    private static String field(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
