package io.tollgate.catalog.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.tollgate.catalog.internal.application.CredentialVault;
import io.tollgate.catalog.internal.application.ProviderService;
import io.tollgate.catalog.internal.rest.ProviderResource.RotationView;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.web.CurrentActor;
import io.tollgate.platform.security.Permissions;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /admin/v1/credential-rotations}: re-encrypts every provider credential still under a retired
 * key-encryption key with the active one (ADR 0010). Idempotent; superadmin only.
 */
@Path("/admin/v1/credential-rotations")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class CredentialRotationResource {

    private final ProviderService providers;
    private final CredentialVault vault;

    private final CurrentActor actor;

    public CredentialRotationResource(ProviderService providers, CredentialVault vault, CurrentActor actor) {
        this.actor = actor;
        this.providers = providers;
        this.vault = vault;
    }

    @POST
    @PermissionsAllowed(Permissions.PROVIDERS_WRITE)
    @APIResponse(responseCode = "200", description = "Rotated; how many credentials were re-encrypted")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    public Uni<RotationView> rotate() {
        return providers.rotateCredentials(actor.get()).map(count -> new RotationView(vault.activeKeyId(), count));
    }
}
