package io.storefront.policy.order;

import io.storefront.api.order.CancelOrder;
import io.storefront.api.order.CancellationReason;
import io.storefront.api.order.CompleteCancellation;
import io.storefront.api.order.MarkOrderDelivered;
import io.storefront.api.order.MarkOrderPaid;
import io.storefront.api.order.MarkOrderShipped;
import io.storefront.api.order.RecordLineReservation;
import io.storefront.api.order.RejectOrder;
import io.storefront.api.payment.PaymentCaptured;
import io.storefront.api.payment.PaymentDeclined;
import io.storefront.api.product.StockReservationRejected;
import io.storefront.api.product.StockReserved;
import io.storefront.api.shipment.ShipmentCancelled;
import io.storefront.api.shipment.ShipmentTracked;
import io.storefront.api.shipment.TrackingStatus;
import io.storefront.policy.PolicyCommands;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The Order context's part of the checkout: it follows what happens to its stock, its payment and
 * its parcel. The order itself decides what each outcome means for its status.
 */
@Component
@ProcessingGroup("order-fulfilment-policy")
class FulfilmentPolicy {

    private final PolicyCommands commands;

    FulfilmentPolicy(PolicyCommands commands) {
        this.commands = commands;
    }

    /** A reservation stored before reservations carried the catalog's price cannot be charged: the order is rejected. */
    @EventHandler
    void on(StockReserved event) {
        if (event.unitPrice() == null) {
            commands.send(new RejectOrder(event.orderId(), "The stock was reserved without a price; please order again"));
            return;
        }
        commands.send(new RecordLineReservation(event.orderId(), event.productId(), event.unitPrice()));
    }

    @EventHandler
    void on(StockReservationRejected event) {
        commands.send(new RejectOrder(event.orderId(), event.reason() + " for product " + event.productId()));
    }

    @EventHandler
    void on(PaymentCaptured event) {
        commands.send(new MarkOrderPaid(event.orderId(), event.paymentId()));
    }

    @EventHandler
    void on(PaymentDeclined event) {
        commands.send(new CancelOrder(event.orderId(), CancellationReason.PAYMENT_DECLINED));
    }

    /** The parcel of a paid order whose cancellation was asked for is stopped: the cancellation completes. */
    @EventHandler
    void on(ShipmentCancelled event) {
        commands.send(new CompleteCancellation(event.orderId()));
    }

    /** Once the carrier has the parcel the order is shipped; a missed scan still ships it before delivery. */
    @EventHandler
    void on(ShipmentTracked event) {
        if (event.status() == TrackingStatus.EXCEPTION || event.status() == TrackingStatus.LABEL_CREATED) {
            return;
        }
        commands.send(new MarkOrderShipped(event.orderId(), event.shipmentId()));
        if (event.status() == TrackingStatus.DELIVERED) {
            commands.send(new MarkOrderDelivered(event.orderId()));
        }
    }
}
