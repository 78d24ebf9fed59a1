package io.storefront.query.order;

import io.storefront.api.order.OrderStatus;
import io.storefront.api.order.OrderTracking;
import io.storefront.api.order.TrackOrder;
import io.storefront.query.Page;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.storefront.query.Times.instant;

/** Reads of the orders view. */
@Component
class OrderQueries {

    record OrderSummary(String orderId, String customerId, OrderStatus status, BigDecimal total, String currency,
                        Instant placedAt, Instant updatedAt, String paymentId, String shipmentId, String reason) {
    }

    record Line(String productId, int quantity, BigDecimal unitPrice, boolean reserved) {
    }

    record OrderDetails(OrderSummary order, List<Line> lines) {
    }

    private static final String COLUMNS = "order_id, customer_id, status, total_amount, currency, placed_at, updated_at, "
            + "payment_id, shipment_id, reason";

    private final JdbcClient jdbc;

    OrderQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first, optionally one customer's, optionally in one status. */
    Page<OrderSummary> list(String customerId, OrderStatus status, int page, int size) {
        Map<String, Object> filter = new HashMap<>();
        filter.put("customer", customerId);
        filter.put("status", status == null ? null : status.name());
        return Page.read(jdbc, COLUMNS, "FROM order_view WHERE (CAST(:customer AS VARCHAR) IS NULL OR customer_id = :customer)"
                        + " AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)",
                "placed_at DESC, order_id", filter, OrderQueries::summary, page, size);
    }

    /** The answer to a tracking subscription's first question; null for an order the view does not know. */
    @QueryHandler
    OrderTracking handle(TrackOrder query) {
        return tracking(query.orderId()).orElse(null);
    }

    Optional<String> ownerOf(String orderId) {
        return jdbc.sql("SELECT customer_id FROM order_view WHERE order_id = ?").param(orderId).query(String.class).optional();
    }

    Optional<OrderDetails> details(String orderId) {
        return summary(orderId).map(order -> new OrderDetails(order, jdbc.sql("""
                        SELECT product_id, quantity, unit_amount, reserved FROM order_line_view
                        WHERE order_id = ? ORDER BY line_number""")
                .param(orderId)
                .query((row, index) -> new Line(row.getString("product_id"), row.getInt("quantity"),
                        row.getBigDecimal("unit_amount"), row.getBoolean("reserved")))
                .list()));
    }

    Optional<OrderTracking> tracking(String orderId) {
        return summary(orderId).map(order -> new OrderTracking(orderId, order.status(), jdbc.sql("""
                        SELECT status, occurred_at, detail FROM order_timeline
                        WHERE order_id = ? ORDER BY sequence_number""")
                .param(orderId)
                .query((row, index) -> new OrderTracking.Step(OrderStatus.valueOf(row.getString("status")),
                        instant(row, "occurred_at"), row.getString("detail")))
                .list()));
    }

    private Optional<OrderSummary> summary(String orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM order_view WHERE order_id = ?").param(orderId).query(OrderQueries::summary).optional();
    }

    private static OrderSummary summary(java.sql.ResultSet row, int index) throws java.sql.SQLException {
        return new OrderSummary(row.getString("order_id"), row.getString("customer_id"),
                OrderStatus.valueOf(row.getString("status")), row.getBigDecimal("total_amount"),
                row.getString("currency"), instant(row, "placed_at"),
                instant(row, "updated_at"), row.getString("payment_id"),
                row.getString("shipment_id"), row.getString("reason"));
    }
}
