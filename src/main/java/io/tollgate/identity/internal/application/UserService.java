package io.tollgate.identity.internal.application;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.tollgate.identity.api.IdentityEvents.UserCreated;
import io.tollgate.identity.internal.domain.NewUser;
import io.tollgate.identity.internal.domain.User;
import io.tollgate.identity.internal.domain.UserStatus;
import io.tollgate.identity.internal.persistence.UserRepository;
import io.tollgate.platform.Ids;
import io.tollgate.platform.outbox.Outbox;
import io.tollgate.platform.web.Actor;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** User accounts: created by a superadmin (or the first-start bootstrap), listed by a superadmin. */
@ApplicationScoped
public class UserService {

    private final Pool identity;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Outbox outbox;
    private final Clock clock;

    public UserService(@ReactiveDataSource("identity") Pool identity, UserRepository users, PasswordHasher hasher,
            Outbox outbox, Clock clock) {
        this.identity = identity;
        this.users = users;
        this.hasher = hasher;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<User> create(NewUser request, boolean superadmin, Actor actor) {
        User user = new User(Ids.newId(), request.email(), request.displayName(), UserStatus.ACTIVE, superadmin,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        return hasher.hash(request.password()).flatMap(hash -> identity.withTransaction(tx -> users.insert(tx, user, hash)
                .call(created -> outbox.append(tx, new UserCreated(created.id(), created.email(), superadmin), actor))));
    }

    public Uni<List<User>> page(UUID after, int limit) {
        return users.page(identity, after, limit);
    }
}
