package io.tollgate.identity.internal.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.application.AuthService;
import io.tollgate.identity.internal.application.AuthService.Tokens;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.web.CurrentActor;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /admin/v1/auth}: password login and refresh-token rotation. Public by nature: they are how one gets a token. */
@Path("/admin/v1/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class AuthResource {

    public record Login(String email, String password) {
        @Override
        public String toString() {
            return "Login[email=" + email + "]";
        }
    }

    public record RefreshRequest(@JsonProperty("refresh_token") String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[]";
        }
    }

    /** The OAuth 2.0 token response (RFC 6749 §5.1), hence snake_case. */
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
            @JsonProperty("refresh_token") String refreshToken, @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {
        static TokenResponse of(Tokens tokens) {
            return new TokenResponse(tokens.accessToken(), tokens.refreshToken(), "Bearer", tokens.expiresIn());
        }

        @Override
        public String toString() {
            return "TokenResponse[expiresIn=" + expiresIn + "]";
        }
    }

    private final AuthService auth;
    private final CurrentActor actor;

    public AuthResource(AuthService auth, CurrentActor actor) {
        this.auth = auth;
        this.actor = actor;
    }

    @POST
    @Path("/login")
    @PermitAll
    @APIResponse(responseCode = "200", description = "Tokens")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Invalid e-mail or password")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    @APIResponse(responseCode = "429", description = "Too many failed logins")
    public Uni<Response> login(Login body) {
        return auth.login(body == null ? null : body.email(), body == null ? null : body.password(), actor.anonymous())
                .map(tokens -> noStore(TokenResponse.of(tokens)));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @APIResponse(responseCode = "200", description = "New tokens; the presented refresh token is used up")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Invalid, expired, revoked or reused refresh token")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    public Uni<Response> refresh(RefreshRequest body) {
        return auth.refresh(body == null ? null : body.refreshToken(), actor.anonymous()).map(tokens -> noStore(TokenResponse.of(tokens)));
    }

    @POST
    @Path("/logout")
    @PermitAll
    @APIResponse(responseCode = "204", description = "The refresh token and its family are revoked")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    public Uni<Response> logout(RefreshRequest body) {
        return auth.logout(body == null ? null : body.refreshToken()).map(v -> Response.noContent().build());
    }

    private static Response noStore(Object entity) {
        return Response.ok(entity).header("cache-control", "no-store").header("pragma", "no-cache").build();
    }
}
