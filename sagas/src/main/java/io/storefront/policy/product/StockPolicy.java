package io.storefront.policy.product;

import io.storefront.api.order.OrderCancelled;
import io.storefront.api.order.OrderLine;
import io.storefront.api.order.OrderPaid;
import io.storefront.api.order.OrderPlaced;
import io.storefront.api.order.OrderRejected;
import io.storefront.api.order.RejectOrder;
import io.storefront.api.product.CommitStock;
import io.storefront.api.product.ReleaseStock;
import io.storefront.api.product.ReserveStock;
import io.storefront.policy.PolicyCommands;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The Product context's part of the checkout: stock is reserved when an order is placed, released
 * when it is rejected or cancelled, and committed when it is paid. The events of one order arrive
 * in order, so every line's reservation is settled before its release is asked for.
 */
@Component
@ProcessingGroup("product-stock-policy")
class StockPolicy {

    private final PolicyCommands commands;

    StockPolicy(PolicyCommands commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(OrderPlaced event) {
        for (OrderLine line : event.lines()) {
            // no product aggregate can record a rejection for a product that does not exist, so the
            // policy tells the order itself; rejecting twice changes nothing
            commands.send(new ReserveStock(line.productId(), event.orderId(), line.quantity()),
                    () -> commands.send(new RejectOrder(event.orderId(), "No such product: " + line.productId())));
        }
    }

    @EventHandler
    void on(OrderRejected event) {
        release(event.orderId(), event.productIds());
    }

    @EventHandler
    void on(OrderCancelled event) {
        release(event.orderId(), event.productIds());
    }

    @EventHandler
    void on(OrderPaid event) {
        event.productIds().forEach(productId -> commands.send(new CommitStock(productId, event.orderId())));
    }

    private void release(String orderId, List<String> productIds) {
        productIds.forEach(productId -> commands.send(new ReleaseStock(productId, orderId)));
    }
}
