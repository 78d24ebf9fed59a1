package io.storefront.policy.shipment;

import io.storefront.api.order.CompleteCancellation;
import io.storefront.api.order.OrderCancellationRequested;
import io.storefront.api.order.OrderPaid;
import io.storefront.api.shipment.CancelShipment;
import io.storefront.api.shipment.CreateShipment;
import io.storefront.api.shipment.ShipmentId;
import io.storefront.policy.PolicyCommands;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Shipment context's part of the checkout: a paid order gets its parcel, with the shop's carrier, and
 * a paid order to be cancelled has its parcel stopped first. The events of one order arrive in order, so
 * its parcel exists by the time its cancellation is asked for, unless it could never be created.
 */
@Component
@ProcessingGroup("shipment-policy")
class ShippingPolicy {

    private final PolicyCommands commands;
    private final String carrier;

    ShippingPolicy(PolicyCommands commands, @Value("${storefront.shipment.carrier:Storefront Express}") String carrier) {
        this.commands = commands;
        this.carrier = carrier;
    }

    @EventHandler
    void on(OrderPaid event) {
        commands.send(new CreateShipment(ShipmentId.forOrder(event.orderId()), event.orderId(),
                event.shippingAddress(), carrier));
    }

    /** Refused once the carrier has the parcel: the order then ships, and is not cancelled. */
    @EventHandler
    void on(OrderCancellationRequested event) {
        commands.send(new CancelShipment(ShipmentId.forOrder(event.orderId())),
                () -> commands.send(new CompleteCancellation(event.orderId())));
    }
}
