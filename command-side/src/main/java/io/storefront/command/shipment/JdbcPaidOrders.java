package io.storefront.command.shipment;

import io.storefront.api.order.OrderPaid;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Records paid orders as they are paid. Its processing group is subscribing, so the row is written in
 * the very transaction that stores {@link OrderPaid}: a shipment can be created the moment the order
 * is paid, and a redelivered event inserts nothing twice.
 */
@Component
@ProcessingGroup(JdbcPaidOrders.PROCESSING_GROUP)
class JdbcPaidOrders implements PaidOrders {

    static final String PROCESSING_GROUP = "shipment-paid-orders";

    private final JdbcClient jdbc;

    JdbcPaidOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrderPaid event) {
        jdbc.sql("INSERT INTO shipment_paid_order (order_id, paid_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(event.orderId(), Timestamp.from(event.paidAt()))
                .update();
    }

    @Override
    public boolean isPaid(String orderId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM shipment_paid_order WHERE order_id = ?)")
                .param(orderId)
                .query(Boolean.class)
                .single();
    }
}
