package io.storefront.query.order;

import io.storefront.api.order.OrderCancelled;
import io.storefront.api.order.OrderDelivered;
import io.storefront.api.order.OrderLine;
import io.storefront.api.order.OrderLineReserved;
import io.storefront.api.order.OrderPaid;
import io.storefront.api.order.OrderPlaced;
import io.storefront.api.order.OrderReadyForPayment;
import io.storefront.api.order.OrderRejected;
import io.storefront.api.order.OrderShipped;
import io.storefront.api.order.OrderStatus;
import io.storefront.api.order.OrderTracking;
import io.storefront.api.order.TrackOrder;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static io.storefront.query.Times.instant;
import static io.storefront.query.Times.utc;

/**
 * Orders with their lines and the timeline of their statuses. Every write is keyed by the event that
 * causes it, so an event handled twice changes nothing, and the whole view can be rebuilt by replay.
 */
@Component
@ProcessingGroup("orders-view")
class OrderProjection {

    private final JdbcClient jdbc;
    private final QueryUpdateEmitter updates;
    private final CheckoutMetrics metrics;

    OrderProjection(JdbcClient jdbc, QueryUpdateEmitter updates, CheckoutMetrics metrics) {
        this.jdbc = jdbc;
        this.updates = updates;
        this.metrics = metrics;
    }

    @EventHandler
    void on(OrderPlaced event, @SequenceNumber long sequence, @Timestamp Instant at,
            ReplayStatus replay) {
        jdbc.sql("""
                        INSERT INTO order_view (order_id, customer_id, status, total_amount, currency, placed_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(event.orderId(), event.customerId(), OrderStatus.PLACED.name(), event.total().amount(),
                        event.total().currency().getCurrencyCode(), utc(event.placedAt()), utc(at))
                .update();
        List<OrderLine> lines = event.lines();
        for (int number = 0; number < lines.size(); number++) {
            OrderLine line = lines.get(number);
            jdbc.sql("""
                            INSERT INTO order_line_view (order_id, line_number, product_id, quantity, unit_amount, reserved)
                            VALUES (?, ?, ?, ?, ?, FALSE) ON CONFLICT DO NOTHING""")
                    .params(event.orderId(), number + 1, line.productId(), line.quantity(), line.unitPrice().amount())
                    .update();
        }
        recordOnTimeline(event.orderId(), sequence, OrderStatus.PLACED, at, null, replay);
    }

    @EventHandler
    void on(OrderLineReserved event) {
        jdbc.sql("UPDATE order_line_view SET reserved = TRUE WHERE order_id = ? AND product_id = ?")
                .params(event.orderId(), event.productId())
                .update();
    }

    @EventHandler
    void on(OrderReadyForPayment event, @SequenceNumber long sequence, @Timestamp Instant at,
            ReplayStatus replay) {
        moveTo(event.orderId(), OrderStatus.AWAITING_PAYMENT, sequence, at, null, replay);
    }

    @EventHandler
    void on(OrderRejected event, @SequenceNumber long sequence, @Timestamp Instant at,
            ReplayStatus replay) {
        moveTo(event.orderId(), OrderStatus.REJECTED, sequence, at, event.reason(), replay);
    }

    @EventHandler
    void on(OrderPaid event, @SequenceNumber long sequence, @Timestamp Instant at,
            ReplayStatus replay) {
        // the first time only: a redelivered event times nothing again
        jdbc.sql("UPDATE order_view SET payment_id = ?, paid_at = ? WHERE order_id = ? AND paid_at IS NULL RETURNING placed_at")
                .params(event.paymentId(), utc(at), event.orderId())
                .query((row, number) -> instant(row, "placed_at")).optional()
                .filter(placedAt -> !replay.isReplay())
                .ifPresent(placedAt -> metrics.paid(placedAt, at));
        moveTo(event.orderId(), OrderStatus.PAID, sequence, at, null, replay);
    }

    @EventHandler
    void on(OrderShipped event, @SequenceNumber long sequence, @Timestamp Instant at,
            ReplayStatus replay) {
        jdbc.sql("UPDATE order_view SET shipment_id = ? WHERE order_id = ?").params(event.shipmentId(), event.orderId()).update();
        moveTo(event.orderId(), OrderStatus.SHIPPED, sequence, at, null, replay);
    }

    @EventHandler
    void on(OrderDelivered event, @SequenceNumber long sequence, @Timestamp Instant at,
            ReplayStatus replay) {
        jdbc.sql("UPDATE order_view SET delivered_at = ? WHERE order_id = ?").params(utc(at), event.orderId()).update();
        moveTo(event.orderId(), OrderStatus.DELIVERED, sequence, at, null, replay);
    }

    @EventHandler
    void on(OrderCancelled event, @SequenceNumber long sequence, @Timestamp Instant at,
            ReplayStatus replay) {
        moveTo(event.orderId(), OrderStatus.CANCELLED, sequence, at, event.reason().name(), replay);
    }

    @ResetHandler
    void clearForReplay() {
        jdbc.sql("TRUNCATE order_view, order_line_view, order_timeline").update();
    }

    private void moveTo(String orderId, OrderStatus status, long sequence, Instant at, String reason,
                        ReplayStatus replay) {
        jdbc.sql("UPDATE order_view SET status = ?, updated_at = ?, reason = COALESCE(?, reason) WHERE order_id = ?")
                .params(status.name(), utc(at), reason, orderId)
                .update();
        recordOnTimeline(orderId, sequence, status, at, reason, replay);
    }

    /** A new status goes on the timeline and, once committed, to everyone following the order live. */
    private void recordOnTimeline(String orderId, long sequence, OrderStatus status, Instant at, String detail,
                                  ReplayStatus replay) {
        int added = jdbc.sql("""
                        INSERT INTO order_timeline (order_id, sequence_number, status, occurred_at, detail)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(orderId, sequence, status.name(), utc(at), detail)
                .update();
        if (added == 1 && !replay.isReplay()) {
            updates.emit(TrackOrder.class, query -> query.orderId().equals(orderId),
                    new OrderTracking.Step(status, at, detail));
        }
    }
}
