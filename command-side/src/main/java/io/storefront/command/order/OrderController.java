package io.storefront.command.order;

import io.storefront.api.order.CancelOrder;
import io.storefront.api.order.CancellationReason;
import io.storefront.api.order.MarkOrderDelivered;
import io.storefront.api.order.MarkOrderPaid;
import io.storefront.api.order.MarkOrderShipped;
import io.storefront.api.order.OrderLine;
import io.storefront.api.order.PlaceOrder;
import io.storefront.api.order.RecordLineReservation;
import io.storefront.api.order.RejectOrder;
import io.storefront.api.shared.Address;
import io.storefront.api.shared.Money;
import io.storefront.command.web.Created;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/orders")
class OrderController {

    record NewOrder(String customerId, List<OrderLine> lines, Address shippingAddress) {
    }

    record LineReservation(String productId, Money unitPrice) {
    }

    record Rejection(String reason) {
    }

    record Payment(String paymentId) {
    }

    record Shipment(String shipmentId) {
    }

    record Cancellation(CancellationReason reason) {
    }

    private final CommandGateway commands;

    OrderController(CommandGateway commands) {
        this.commands = commands;
    }

    /** A customer orders for themselves; the shop may place an order for a customer it names. */
    @PostMapping
    ResponseEntity<Created> place(@RequestBody NewOrder body, Principal caller) {
        String orderId = UUID.randomUUID().toString();
        String customerId = body.customerId() == null ? caller.getName() : body.customerId();
        commands.sendAndWait(new PlaceOrder(orderId, customerId, body.lines(), body.shippingAddress()));
        return Created.at(orderId);
    }

    @PostMapping("/{orderId}/line-reservations")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void recordReservation(@PathVariable String orderId, @RequestBody LineReservation body) {
        commands.sendAndWait(new RecordLineReservation(orderId, body.productId(), body.unitPrice()));
    }

    @PostMapping("/{orderId}/rejection")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reject(@PathVariable String orderId, @RequestBody Rejection body) {
        commands.sendAndWait(new RejectOrder(orderId, body.reason()));
    }

    @PostMapping("/{orderId}/payment")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markPaid(@PathVariable String orderId, @RequestBody Payment body) {
        commands.sendAndWait(new MarkOrderPaid(orderId, body.paymentId()));
    }

    @PostMapping("/{orderId}/shipment")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markShipped(@PathVariable String orderId, @RequestBody Shipment body) {
        commands.sendAndWait(new MarkOrderShipped(orderId, body.shipmentId()));
    }

    @PostMapping("/{orderId}/delivery")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markDelivered(@PathVariable String orderId) {
        commands.sendAndWait(new MarkOrderDelivered(orderId));
    }

    /**
     * Without a body, the customer cancels: 204 once the order is cancelled, 202 for a paid order, which is
     * cancelled (and refunded) when its parcel is stopped, or ships if the carrier has it already.
     */
    @PostMapping("/{orderId}/cancellation")
    ResponseEntity<Void> cancel(@PathVariable String orderId, @RequestBody(required = false) Cancellation body) {
        CancellationReason reason = body == null || body.reason() == null ? CancellationReason.CUSTOMER : body.reason();
        boolean cancelled = commands.sendAndWait(new CancelOrder(orderId, reason));
        return cancelled ? ResponseEntity.noContent().build() : ResponseEntity.accepted().build();
    }
}
