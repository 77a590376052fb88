package io.tollgate.audit.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.tollgate.audit.internal.application.AuditVerifier;
import io.tollgate.audit.internal.domain.BrokenLink;
import io.tollgate.audit.internal.domain.ChainReport;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.Permissions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /admin/v1/audit/verify}: recomputes the audit chains and reports the first broken link of each. */
@Path("/admin/v1/audit/verify")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class AuditVerificationResource {

    /** The verdict on every chain verified; {@code intact} when all of them hold. */
    public record VerificationView(boolean intact, List<ChainView> chains) {
    }

    /** One chain: {@code orgId} null for the platform chain. */
    public record ChainView(String chain, UUID orgId, long verifiedEntries, long headSequence, String headHash,
            boolean intact, BrokenLinkView firstBrokenLink) {
        static ChainView of(ChainReport r) {
            return new ChainView(r.chain(), r.orgId(), r.verifiedEntries(), r.headSequence(), r.headHash(), r.intact(),
                    r.firstBrokenLink() == null ? null : BrokenLinkView.of(r.firstBrokenLink()));
        }
    }

    public record BrokenLinkView(UUID orgId, long sequence, String eventId, String problem, String expectedHash,
            String actualHash) {
        static BrokenLinkView of(BrokenLink b) {
            return new BrokenLinkView(b.orgId(), b.sequence(), b.eventId(),
                    b.problem().name().toLowerCase(Locale.ROOT).replace('_', '-'), b.expectedHash(), b.actualHash());
        }
    }

    private final AuditVerifier verifier;

    public AuditVerificationResource(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    @GET
    @PermissionsAllowed(Permissions.AUDIT_VERIFY)
    @APIResponse(responseCode = "200", description = "The verdict per chain")
    @APIResponse(responseCode = "400", description = "Invalid orgId")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    public Uni<VerificationView> verify(@QueryParam("orgId") String orgId) {
        return verifier.verify(orgId(orgId)).map(reports -> new VerificationView(
                reports.stream().allMatch(ChainReport::intact), reports.stream().map(ChainView::of).toList()));
    }

    private static UUID orgId(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw TollgateException.invalid(Map.of("orgId", "must be an organisation id (a UUID)"));
        }
    }
}
