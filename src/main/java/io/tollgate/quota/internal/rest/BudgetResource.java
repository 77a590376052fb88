package io.tollgate.quota.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.tollgate.platform.error.TollgateException;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.OrgPermission;
import io.tollgate.platform.security.Permissions;
import io.tollgate.platform.web.CurrentActor;
import io.tollgate.platform.web.ETags;
import io.tollgate.quota.internal.application.ConsumptionReader;
import io.tollgate.quota.internal.application.ConsumptionReader.Consumption;
import io.tollgate.quota.internal.application.DefinitionService;
import io.tollgate.quota.internal.domain.Budget;
import io.tollgate.quota.internal.domain.BudgetDefinition;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** An organisation's budget, and what it consumes now of its limits and budget. */
@Path("/admin/v1/orgs/{orgId}")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class BudgetResource {

    /**
     * What a caller sends: amounts as decimal strings (null: no limit), an ISO 4217 currency, a threshold (default
     * 80). Amounts are read as JSON nodes so that a number, which would lose exactness in many clients, is refused
     * rather than coerced.
     */
    public record BudgetBody(JsonNode daily, JsonNode monthly, String currency, Integer softThresholdPercent) {
        Budget budget() {
            Map<String, String> errors = new LinkedHashMap<>();
            String day = text("daily", daily, errors);
            String month = text("monthly", monthly, errors);
            if (!errors.isEmpty()) {
                throw TollgateException.invalid(errors);
            }
            return Budget.parse(day, month, currency, softThresholdPercent);
        }

        private static String text(String field, JsonNode node, Map<String, String> errors) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                errors.put(field, "must be a decimal string such as \"25.50\", not a JSON number");
                return null;
            }
            return node.textValue();
        }
    }

    /** The budget with its version (also the ETag); all null and version 0 when never set. */
    public record BudgetView(UUID orgId, String daily, String monthly, String currency, Integer softThresholdPercent,
            int version, Instant updatedAt) {
        static BudgetView of(BudgetDefinition d) {
            Budget b = d.budget();
            return b == null ? new BudgetView(d.orgId(), null, null, null, null, 0, null)
                    : new BudgetView(d.orgId(), text(b.daily()), text(b.monthly()), b.currency(),
                            b.softThresholdPercent(), d.version(), d.updatedAt());
        }
    }

    private final DefinitionService definitions;
    private final ConsumptionReader consumption;
    private final CurrentActor actor;

    public BudgetResource(DefinitionService definitions, ConsumptionReader consumption, CurrentActor actor) {
        this.definitions = definitions;
        this.consumption = consumption;
        this.actor = actor;
    }

    @GET
    @Path("/budgets")
    @PermissionsAllowed(value = Permissions.BUDGETS_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "The organisation's budget (all null until set)")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Uni<Response> budget(@PathParam("orgId") UUID orgId) {
        return definitions.budget(orgId).map(BudgetResource::ok);
    }

    @PUT
    @Path("/budgets")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(value = Permissions.BUDGETS_WRITE, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "Set")
    @APIResponse(responseCode = "400", description = "Invalid budget")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    public Uni<Response> setBudget(@PathParam("orgId") UUID orgId, @HeaderParam("If-Match") String ifMatch,
            BudgetBody body) {
        BudgetBody given = body == null ? new BudgetBody(null, null, null, null) : body;
        Budget budget = given.budget();
        return definitions.setBudget(orgId, budget, ETags.expectedVersion(ifMatch), actor.get()).map(BudgetResource::ok);
    }

    @GET
    @Path("/consumption")
    @PermissionsAllowed(value = Permissions.QUOTA_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "Current use of every limit and of the budget")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Uni<Consumption> consumption(@PathParam("orgId") UUID orgId) {
        return consumption.of(orgId);
    }

    private static Response ok(BudgetDefinition d) {
        return Response.ok(BudgetView.of(d)).header("etag", ETags.header(d.version())).build();
    }

    private static String text(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }
}
