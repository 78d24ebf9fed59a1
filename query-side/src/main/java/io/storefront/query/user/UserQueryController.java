package io.storefront.query.user;

import io.storefront.query.NotFound;
import io.storefront.query.Page;
import io.storefront.query.Viewer;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.storefront.query.Times.instant;

@RestController
@RequestMapping("/api/users")
class UserQueryController {

    record UserSummary(String userId, String name, String email, String phone, boolean emailVerified,
                       boolean phoneVerified, Instant registeredAt, String language, List<String> optedOut) {
    }

    private static final String COLUMNS = "user_id, name, email, phone, email_verified, phone_verified, registered_at, "
            + "language, opted_out";

    private final JdbcClient jdbc;

    UserQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    Page<UserSummary> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                           @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return Page.read(jdbc, COLUMNS, "FROM user_view", "registered_at DESC, user_id", Map.of(),
                UserQueryController::user, page, size);
    }

    @GetMapping("/{userId}")
    UserSummary get(Viewer viewer, @PathVariable String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_view WHERE user_id = ?").param(userId)
                .query(UserQueryController::user).optional()
                .filter(user -> viewer.mayRead(user.userId()))
                .orElseThrow(() -> new NotFound("user", userId));
    }

    private static UserSummary user(ResultSet row, int index) throws SQLException {
        return new UserSummary(row.getString("user_id"), row.getString("name"), row.getString("email"),
                row.getString("phone"), row.getBoolean("email_verified"), row.getBoolean("phone_verified"),
                instant(row, "registered_at"), row.getString("language"), channels(row.getString("opted_out")));
    }

    private static List<String> channels(String optedOut) {
        return optedOut.isEmpty() ? List.of() : List.of(optedOut.split(","));
    }
}
