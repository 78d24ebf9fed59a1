package io.storefront.query.user;

import io.storefront.api.user.ContactVerified;
import io.storefront.api.user.NotificationPreferencesChanged;
import io.storefront.api.user.UserProfileUpdated;
import io.storefront.api.user.UserRegistered;
import io.storefront.api.user.VerificationChannel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.stream.Collectors;

import static io.storefront.query.Times.utc;

/**
 * Users: who they are, which contacts they proved to own and how they want their messages. Credentials and
 * codes never come here.
 */
@Component
@ProcessingGroup("users-view")
class UserProjection {

    private final JdbcClient jdbc;

    UserProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserRegistered event) {
        jdbc.sql("""
                        INSERT INTO user_view (user_id, name, email, phone, email_verified, phone_verified, registered_at)
                        VALUES (?, ?, ?, ?, FALSE, FALSE, ?) ON CONFLICT DO NOTHING""")
                .params(event.userId(), event.name(), event.email(), event.phone(), utc(event.registeredAt()))
                .update();
    }

    /** A new phone number is not verified, as in the User aggregate. */
    @EventHandler
    void on(UserProfileUpdated event) {
        jdbc.sql("""
                        UPDATE user_view SET name = ?, phone_verified = phone_verified AND phone IS NOT DISTINCT FROM ?,
                        phone = ? WHERE user_id = ?""")
                .params(event.name(), event.phone(), event.phone(), event.userId())
                .update();
    }

    @EventHandler
    void on(ContactVerified event) {
        String column = event.channel() == VerificationChannel.EMAIL ? "email_verified" : "phone_verified";
        jdbc.sql("UPDATE user_view SET " + column + " = TRUE WHERE user_id = ?").param(event.userId()).update();
    }

    /** In the enum's order, so that a rebuilt view reads the same as the one before. */
    @EventHandler
    void on(NotificationPreferencesChanged event) {
        String optedOut = event.optedOut().stream().sorted().map(Enum::name).collect(Collectors.joining(","));
        jdbc.sql("UPDATE user_view SET language = ?, opted_out = ? WHERE user_id = ?")
                .params(event.language(), optedOut, event.userId())
                .update();
    }

    @ResetHandler
    void clearForReplay() {
        jdbc.sql("TRUNCATE user_view").update();
    }
}
