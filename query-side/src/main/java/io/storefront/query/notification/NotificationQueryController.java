package io.storefront.query.notification;

import io.storefront.api.shared.PlainText;
import io.storefront.query.NotFound;
import io.storefront.query.Page;
import io.storefront.query.Viewer;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.storefront.query.Times.instant;

/** The messages sent to customers: each customer reads their own, administrators everybody's. */
@RestController
@RequestMapping("/api/notifications")
class NotificationQueryController {

    record NotificationSummary(String notificationId, String customerId, String channel, String kind, String orderId,
                               String recipient, String language, String status, int attempts, String lastError,
                               Instant queuedAt, Instant updatedAt) {
    }

    record Step(String step, Integer attempt, String reason, Instant occurredAt) {
    }

    record NotificationDetails(NotificationSummary notification, List<Step> steps) {
    }

    private static final String COLUMNS = "notification_id, customer_id, channel, kind, order_id, recipient, language, "
            + "status, attempts, last_error, queued_at, updated_at";
    private static final String STATUSES = "QUEUED|RETRYING|SENT|PARKED";

    private final JdbcClient jdbc;

    NotificationQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first; filtered by order, by status (PARKED: what waits for an operator) and, for administrators, by customer. */
    @GetMapping
    Page<NotificationSummary> list(Viewer viewer,
                                   @RequestParam(required = false) @PlainText String orderId,
                                   @RequestParam(required = false) @Pattern(regexp = STATUSES) String status,
                                   @RequestParam(required = false) @PlainText String customerId,
                                   @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                   @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Map<String, Object> filter = new HashMap<>();
        filter.put("orderId", orderId);
        filter.put("status", status);
        filter.put("customer", viewer.admin() ? customerId : viewer.userId());
        return Page.read(jdbc, COLUMNS, """
                        FROM notification_view WHERE (CAST(:orderId AS VARCHAR) IS NULL OR order_id = :orderId)
                        AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)
                        AND (CAST(:customer AS VARCHAR) IS NULL OR customer_id = :customer)""",
                "queued_at DESC, notification_id", filter, NotificationQueryController::summary, page, size);
    }

    @GetMapping("/{notificationId}")
    NotificationDetails get(Viewer viewer, @PathVariable String notificationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_view WHERE notification_id = ?")
                .param(notificationId)
                .query(NotificationQueryController::summary)
                .optional()
                .filter(summary -> viewer.mayRead(summary.customerId()))
                .map(summary -> new NotificationDetails(summary, steps(notificationId)))
                .orElseThrow(() -> new NotFound("notification", notificationId));
    }

    private List<Step> steps(String notificationId) {
        return jdbc.sql("SELECT step, attempt, reason, occurred_at FROM notification_step WHERE notification_id = ? ORDER BY sequence_number")
                .param(notificationId)
                .query((row, index) -> new Step(row.getString("step"), (Integer) row.getObject("attempt"),
                        row.getString("reason"), instant(row, "occurred_at")))
                .list();
    }

    private static NotificationSummary summary(ResultSet row, int index) throws SQLException {
        return new NotificationSummary(row.getString("notification_id"), row.getString("customer_id"),
                row.getString("channel"), row.getString("kind"), row.getString("order_id"), row.getString("recipient"),
                row.getString("language"), row.getString("status"), row.getInt("attempts"), row.getString("last_error"),
                instant(row, "queued_at"), instant(row, "updated_at"));
    }
}
