package io.tollgate.identity.internal.persistence;

import io.smallrye.mutiny.Uni;
import io.tollgate.identity.internal.domain.EmailAddress;
import io.tollgate.identity.internal.domain.User;
import io.tollgate.identity.internal.domain.UserStatus;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Users; e-mail addresses are unique case-insensitively (through {@code email_normalized}). */
@ApplicationScoped
public class UserRepository {

    private static final String COLUMNS = "id, email, display_name, status, superadmin, created_at";

    /** A user with the stored password hash, for verifying a login. */
    public record Credentials(User user, String passwordHash) {
        @Override
        public String toString() {
            return "Credentials[user=" + user.id() + "]";
        }
    }

    public Uni<User> insert(SqlClient tx, User user, String passwordHash) {
        return Rows.conflictOnDuplicate(tx.preparedQuery("""
                INSERT INTO users (id, email, email_normalized, display_name, password_hash, status, superadmin, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.from(new Object[] { user.id(), user.email(), EmailAddress.normalise(user.email()),
                        user.displayName(), passwordHash, user.status().name().toLowerCase(Locale.ROOT),
                        user.superadmin(), Rows.utc(user.createdAt()) }))
                .replaceWith(user), "A user with this e-mail address already exists");
    }

    public Uni<User> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, UserRepository::map));
    }

    public Uni<User> findByEmail(SqlClient client, String email) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE email_normalized = $1")
                .execute(Tuple.of(EmailAddress.normalise(email))).map(rows -> Rows.first(rows, UserRepository::map));
    }

    public Uni<Credentials> credentials(SqlClient client, String email) {
        return client.preparedQuery("SELECT " + COLUMNS + ", password_hash FROM users WHERE email_normalized = $1")
                .execute(Tuple.of(EmailAddress.normalise(email)))
                .map(rows -> Rows.first(rows, row -> new Credentials(map(row), row.getString("password_hash"))));
    }

    public Uni<List<User>> page(SqlClient client, UUID after, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2")
                .execute(Tuple.of(after, limit)).map(rows -> Rows.all(rows, UserRepository::map));
    }

    public Uni<Boolean> isEmpty(SqlClient client) {
        return client.query("SELECT NOT EXISTS (SELECT 1 FROM users)").execute().map(rows -> rows.iterator().next().getBoolean(0));
    }

    static User map(Row row) {
        return new User(row.getUUID("id"), row.getString("email"), row.getString("display_name"),
                UserStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)), row.getBoolean("superadmin"),
                Rows.instant(row, "created_at"));
    }
}
