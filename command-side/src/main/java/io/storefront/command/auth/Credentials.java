package io.storefront.command.auth;

import io.storefront.command.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Login names and password hashes, in the auth context's own table: never in an event. */
@Component
class Credentials {

    record Credential(String userId, String passwordHash, Actor.Role role) {

        @Override
        public String toString() {
            return "Credential[userId=" + userId + ", role=" + role + "]";
        }
    }

    private final JdbcClient jdbc;

    Credentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String userId, String email, String passwordHash, Actor.Role role, Instant at) {
        jdbc.sql("INSERT INTO credential (user_id, email, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(userId, normalized(email), passwordHash, role.name(), Timestamp.from(at))
                .update();
    }

    Optional<Credential> forEmail(String email) {
        return jdbc.sql("SELECT user_id, password_hash, role FROM credential WHERE email = ?")
                .param(normalized(email))
                .query((row, index) -> new Credential(row.getString("user_id"), row.getString("password_hash"),
                        Actor.Role.valueOf(row.getString("role"))))
                .optional();
    }

    static String normalized(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
