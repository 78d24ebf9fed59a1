package io.storefront.command.order;

import io.storefront.api.order.OrderCancelled;
import io.storefront.api.order.OrderPaid;
import io.storefront.api.order.OrderRejected;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Holds in PostgreSQL, written in the transaction that places the order; the lock is the transaction's,
 * so two orders of one customer placed at once are weighed one after the other. The processing group is
 * subscribing: a hold ends in the transaction that pays or closes its order.
 */
@Component
@ProcessingGroup(JdbcUnpaidOrders.PROCESSING_GROUP)
class JdbcUnpaidOrders implements UnpaidOrders {

    static final String PROCESSING_GROUP = "order-unpaid-holds";

    private final JdbcClient jdbc;

    JdbcUnpaidOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Holdings lockHoldingsOf(String customerId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param("unpaid-orders:" + customerId).query().singleRow();
        return jdbc.sql("SELECT count(*), coalesce(sum(units), 0) FROM order_unpaid_hold WHERE customer_id = ?")
                .param(customerId)
                .query((row, number) -> new Holdings(row.getInt(1), row.getInt(2)))
                .single();
    }

    @Override
    public void hold(String customerId, String orderId, int units) {
        jdbc.sql("INSERT INTO order_unpaid_hold (order_id, customer_id, units) VALUES (?, ?, ?)")
                .params(orderId, customerId, units)
                .update();
    }

    @EventHandler
    void on(OrderPaid event) {
        release(event.orderId());
    }

    @EventHandler
    void on(OrderRejected event) {
        release(event.orderId());
    }

    @EventHandler
    void on(OrderCancelled event) {
        release(event.orderId());
    }

    private void release(String orderId) {
        jdbc.sql("DELETE FROM order_unpaid_hold WHERE order_id = ?").param(orderId).update();
    }
}
