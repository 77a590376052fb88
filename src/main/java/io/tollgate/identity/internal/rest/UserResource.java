package io.tollgate.identity.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.application.UserService;
import io.tollgate.identity.internal.domain.NewUser;
import io.tollgate.identity.internal.domain.User;
import io.tollgate.platform.roles.Roles;
import io.tollgate.platform.security.Permissions;
import io.tollgate.platform.web.CurrentActor;
import io.tollgate.platform.web.Cursors;
import io.tollgate.platform.web.IdempotentCreates;
import io.tollgate.platform.web.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /admin/v1/users}: user accounts, managed by superadmins. */
@Path("/admin/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = Roles.MANAGEMENT, stringValue = "true", enableIfMissing = true)
public class UserResource {

    public record CreateUser(String email, String displayName, String password) {
        @Override
        public String toString() {
            return "CreateUser[email=" + email + "]";
        }
    }

    public record UserView(UUID id, String email, String displayName, String status, boolean superadmin, Instant createdAt) {
        static UserView of(User user) {
            return new UserView(user.id(), user.email(), user.displayName(), user.status().name().toLowerCase(Locale.ROOT),
                    user.superadmin(), user.createdAt());
        }
    }

    /** The fields of a create request that identify it for Idempotency-Key, without the password. */
    private record IdempotencyView(String email, String displayName, int passwordHash) {
    }

    private final UserService users;
    private final IdempotentCreates idempotency;
    private final CurrentActor actor;

    public UserResource(UserService users, IdempotentCreates idempotency, CurrentActor actor) {
        this.users = users;
        this.idempotency = idempotency;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.USERS_WRITE)
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid request, including a weak or over-long password")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    @APIResponse(responseCode = "409", description = "E-mail taken, or the same Idempotency-Key is in progress")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not JSON")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body")
    public Uni<Response> create(CreateUser body, @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey) {
        NewUser request = NewUser.of(body == null ? null : body.email(), body == null ? null : body.displayName(),
                body == null ? null : body.password());
        var fingerprint = new IdempotencyView(request.email(), request.displayName(), request.password().hashCode());
        return idempotency.run(idempotencyKey, "users", actor.get().principal(), fingerprint,
                () -> users.create(request, false, actor.get()).map(user -> Response
                        .created(java.net.URI.create("/admin/v1/users/" + user.id())).entity(UserView.of(user)).build()));
    }

    @GET
    @PermissionsAllowed(Permissions.USERS_READ)
    @APIResponse(responseCode = "200", description = "A page of users")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not permitted")
    public Uni<Page<UserView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        return users.page(Cursors.decode(cursor), size + 1).map(page -> Cursors.page(page, size, User::id, UserView::of));
    }
}
