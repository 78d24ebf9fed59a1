package io.storefront.command.user;

import io.storefront.command.Conflict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcEmailRegistry implements EmailRegistry {

    private final JdbcClient jdbc;

    JdbcEmailRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(String email, String userId) {
        // ON CONFLICT waits for a concurrent claim of the same email to commit or roll back
        int claimed = jdbc.sql("INSERT INTO user_email (email, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(email, userId)
                .update();
        if (claimed == 0) {
            throw new Conflict("The email address is registered already");
        }
    }
}
