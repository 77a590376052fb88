package io.tollgate.audit.internal.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.tollgate.audit.internal.application.AuditSearch;
import io.tollgate.audit.internal.domain.AuditFilter;
import io.tollgate.audit.internal.domain.RecordedEntry;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.OrgPermission;
import io.tollgate.platform.security.Permissions;
import io.tollgate.platform.web.Cursors;
import io.tollgate.platform.web.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /admin/v1/orgs/{orgId}/audit}: an organisation's audit trail, newest first. */
@Path("/admin/v1/orgs/{orgId}/audit")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class AuditResource {

    /** One entry: the recorded event ({@code action} its type, {@code target} its subject) and its chain link. */
    public record AuditEntryView(UUID id, String eventId, String action, String target, String actor, String requestId,
            String sourceIp, String source, Instant occurredAt, Instant recordedAt, @JsonRawValue String data,
            long sequence, String hash) {
        static AuditEntryView of(RecordedEntry e) {
            return new AuditEntryView(e.id(), e.eventId(), e.eventType(), e.subject(), e.actor(), e.requestId(),
                    e.sourceIp(), e.source(), e.occurredAt(), e.recordedAt(), e.data(), e.seq(), e.hash());
        }
    }

    static final int MAX_FILTER_LENGTH = 200;

    private final AuditSearch search;

    public AuditResource(AuditSearch search) {
        this.search = search;
    }

    @GET
    @PermissionsAllowed(value = Permissions.AUDIT_READ, permission = OrgPermission.class, params = "orgId")
    @APIResponse(responseCode = "200", description = "A page of entries, newest first")
    @APIResponse(responseCode = "400", description = "Invalid filter, cursor or limit")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "404", description = "No such organisation, or not yours")
    public Uni<Page<AuditEntryView>> list(@PathParam("orgId") UUID orgId, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("target") String target,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        Map<String, String> errors = new LinkedHashMap<>();
        AuditFilter filter = new AuditFilter(text("actor", actor, errors), text("action", action, errors),
                text("target", target, errors), instant("from", from, errors), instant("to", to, errors));
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            errors.put("to", "must be after from");
        }
        if (!errors.isEmpty()) {
            throw TollgateException.invalid(errors);
        }
        int size = Cursors.limit(limit);
        return search.page(orgId, filter, Cursors.decode(cursor), size + 1)
                .map(entries -> Cursors.page(entries, size, RecordedEntry::id, AuditEntryView::of));
    }

    private static String text(String name, String value, Map<String, String> errors) {
        if (value != null && (value.isBlank() || value.length() > MAX_FILTER_LENGTH)) {
            errors.put(name, "must be 1 to " + MAX_FILTER_LENGTH + " characters, not blank");
        }
        return value;
    }

    private static Instant instant(String name, String value, Map<String, String> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.put(name, "must be an RFC 3339 time, e.g. 2026-01-31T12:00:00Z");
            return null;
        }
    }
}
