package io.storefront.query.payment;

import io.storefront.api.shared.PlainText;
import io.storefront.query.NotFound;
import io.storefront.query.Page;
import io.storefront.query.ReadCache;
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

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.storefront.query.Times.instant;

@RestController
@RequestMapping("/api/payments")
class PaymentQueryController {

    /** A payment; {@code actionUrl} is where its customer confirms it while it awaits confirmation. */
    record PaymentSummary(String paymentId, String orderId, String status, BigDecimal amount, String currency,
                          String method, String gatewayReference, String reason, String actionUrl, Instant requestedAt,
                          Instant updatedAt) {
    }

    private static final String COLUMNS = "payment_id, order_id, status, amount, currency, method, gateway_reference, "
            + "reason, action_url, requested_at, updated_at";

    /** A payment as cached: with the customer whose order it pays, who may read it. */
    record CachedPayment(String customerId, PaymentSummary payment) {
    }

    static final String CACHE = "payments";

    private final JdbcClient jdbc;
    private final ReadCache cache;

    PaymentQueryController(JdbcClient jdbc, ReadCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    @GetMapping
    Page<PaymentSummary> list(Viewer viewer, @RequestParam(required = false) @PlainText String orderId,
                              @RequestParam(required = false)
                              @Pattern(regexp = "REQUESTED|AWAITING_CONFIRMATION|CAPTURED|DECLINED|REFUNDED|REFUND_REFUSED") String status,
                              @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                              @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Map<String, Object> filter = new HashMap<>();
        filter.put("orderId", orderId);
        filter.put("status", status);
        filter.put("customer", viewer.customerFilter());
        return Page.read(jdbc, COLUMNS, "FROM payment_view WHERE (CAST(:orderId AS VARCHAR) IS NULL OR order_id = :orderId)"
                        + " AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)"
                        + " AND " + Viewer.ownedThroughOrder("payment_view"),
                "requested_at DESC, payment_id", filter, PaymentQueryController::payment, page, size);
    }

    /** A payment's status is read often while a customer waits for it: it is cached, until it changes. */
    @GetMapping("/{paymentId}")
    PaymentSummary get(Viewer viewer, @PathVariable String paymentId) {
        return cache.read(CACHE, paymentId, CachedPayment.class, () -> fromView(paymentId),
                        // a payment whose order is not in the orders view yet is not cached: its customer would not see it
                        cached -> cached.customerId() != null)
                .filter(cached -> viewer.mayRead(cached.customerId()))
                .map(CachedPayment::payment)
                .orElseThrow(() -> new NotFound("payment", paymentId));
    }

    private Optional<CachedPayment> fromView(String paymentId) {
        return jdbc.sql("SELECT " + COLUMNS + ", (SELECT customer_id FROM order_view o WHERE o.order_id = payment_view.order_id) "
                        + "AS customer_id FROM payment_view WHERE payment_id = ?")
                .param(paymentId)
                .query((row, index) -> new CachedPayment(row.getString("customer_id"), payment(row, index)))
                .optional();
    }

    private static PaymentSummary payment(ResultSet row, int index) throws SQLException {
        return new PaymentSummary(row.getString("payment_id"), row.getString("order_id"), row.getString("status"),
                row.getBigDecimal("amount"), row.getString("currency"), row.getString("method"),
                row.getString("gateway_reference"), row.getString("reason"), row.getString("action_url"),
                instant(row, "requested_at"),
                instant(row, "updated_at"));
    }
}
