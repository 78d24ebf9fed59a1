package io.storefront.command.order;

import io.storefront.api.order.CancelOrder;
import io.storefront.api.order.VerifyOrderAccess;
import io.storefront.api.order.CancellationReason;
import io.storefront.api.order.LatePaymentReceived;
import io.storefront.api.order.MarkOrderDelivered;
import io.storefront.api.order.MarkOrderPaid;
import io.storefront.api.order.MarkOrderShipped;
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
import io.storefront.api.order.PlaceOrder;
import io.storefront.api.order.RecordLineReservation;
import io.storefront.api.order.RejectOrder;
import io.storefront.api.shared.Address;
import io.storefront.api.shared.Money;
import io.storefront.command.Actor;
import io.storefront.command.BusinessRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.storefront.api.order.OrderStatus.AWAITING_PAYMENT;
import static io.storefront.api.order.OrderStatus.CANCELLED;
import static io.storefront.api.order.OrderStatus.DELIVERED;
import static io.storefront.api.order.OrderStatus.PAID;
import static io.storefront.api.order.OrderStatus.PLACED;
import static io.storefront.api.order.OrderStatus.REJECTED;
import static io.storefront.api.order.OrderStatus.SHIPPED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer's order on its way from placed to delivered, or to rejected or cancelled. Each command
 * is allowed in some statuses only; a command repeated once its effect is in place changes nothing,
 * because the checkout's policies may deliver the same outcome twice.
 */
@Aggregate
class Order {

    static final String PAYMENT_DUE = "payment-due";

    /** The payload of the payment deadline, as it waits in the scheduler's table. */
    record PaymentDue(String orderId) {
    }

    private static final Set<OrderStatus> BEFORE_PAYMENT = EnumSet.of(PLACED, AWAITING_PAYMENT);
    private static final Set<OrderStatus> BEFORE_SHIPMENT = EnumSet.of(PLACED, AWAITING_PAYMENT, PAID);

    @AggregateIdentifier
    private String orderId;
    private String customerId;
    private OrderStatus status;
    private Money total;
    private final Set<String> products = new LinkedHashSet<>();
    private final Set<String> reserved = new LinkedHashSet<>();
    private Address shippingAddress;
    private String paymentId;
    private final Set<String> latePayments = new LinkedHashSet<>();
    private String shipmentId;

    Order() {
    }

    @CommandHandler
    Order(PlaceOrder command, Actor actor, Clock clock) {
        actor.requireOwner(command.customerId(), command.customerId());
        List<OrderLine> lines = command.lines();
        if (lines.stream().map(OrderLine::productId).distinct().count() < lines.size()) {
            throw new BusinessRuleViolation("Each product may appear in one line only; order more of it instead");
        }
        Money total = lines.getFirst().subtotal();
        for (OrderLine line : lines.subList(1, lines.size())) {
            if (!line.unitPrice().sameCurrencyAs(total)) {
                throw new BusinessRuleViolation("All lines of an order must be priced in one currency");
            }
            total = total.plus(line.subtotal());
        }
        apply(new OrderPlaced(command.orderId(), command.customerId(), List.copyOf(lines), command.shippingAddress(),
                total, clock.instant()));
    }

    @CommandHandler
    void handle(RecordLineReservation command, DeadlineManager deadlines, PaymentTerms terms) {
        if (!products.contains(command.productId())) {
            throw new BusinessRuleViolation("The order has no line for product " + command.productId());
        }
        if (reserved.contains(command.productId())) {
            return;
        }
        requireStatus(EnumSet.of(PLACED), "record a reservation for");
        apply(new OrderLineReserved(orderId, command.productId()));
        if (reserved.containsAll(products)) {
            apply(new OrderReadyForPayment(orderId, customerId, total));
            deadlines.schedule(terms.paymentTimeout(), PAYMENT_DUE, new PaymentDue(orderId));
        }
    }

    @CommandHandler
    void handle(RejectOrder command, Clock clock) {
        if (status == REJECTED) {
            return;
        }
        requireStatus(BEFORE_PAYMENT, "reject");
        apply(new OrderRejected(orderId, command.reason(), List.copyOf(products), clock.instant()));
    }

    /** A payment for a closed order is not refused but recorded, so that it is given back: no money is lost. */
    @CommandHandler
    void handle(MarkOrderPaid command, Clock clock) {
        if (command.paymentId().equals(paymentId) || latePayments.contains(command.paymentId())) {
            return;
        }
        if (status == REJECTED || status == CANCELLED) {
            apply(new LatePaymentReceived(orderId, command.paymentId(), clock.instant()));
            return;
        }
        requireStatus(EnumSet.of(AWAITING_PAYMENT), "take a payment for");
        apply(new OrderPaid(orderId, command.paymentId(), List.copyOf(products), shippingAddress, clock.instant()));
    }

    @CommandHandler
    void handle(MarkOrderShipped command, Clock clock) {
        if (command.shipmentId().equals(shipmentId)) {
            return;
        }
        requireStatus(EnumSet.of(PAID), "ship");
        apply(new OrderShipped(orderId, command.shipmentId(), clock.instant()));
    }

    @CommandHandler
    void handle(MarkOrderDelivered command, Clock clock) {
        if (status == DELIVERED) {
            return;
        }
        requireStatus(EnumSet.of(SHIPPED), "deliver");
        apply(new OrderDelivered(orderId, clock.instant()));
    }

    @CommandHandler
    void handle(CancelOrder command, Actor actor, Clock clock) {
        actor.requireOwner(customerId, orderId);
        boolean byCustomer = command.reason() == CancellationReason.CUSTOMER;
        if (actor.isCustomer() && !byCustomer) {
            throw new BusinessRuleViolation("A customer cancels an order as its customer, for no other reason");
        }
        if (status == CANCELLED) {
            return;
        }
        requireStatus(byCustomer ? BEFORE_SHIPMENT : BEFORE_PAYMENT, "cancel");
        apply(new OrderCancelled(orderId, command.reason(), status == PAID, List.copyOf(products), clock.instant()));
    }

    /** Only its customer (or the shop) may tell how an order is paid; nothing changes. */
    @CommandHandler
    void handle(VerifyOrderAccess command, Actor actor) {
        actor.requireOwner(customerId, orderId);
    }

    /** The payment deadline: an order still waiting for its payment is cancelled; a paid one is left alone. */
    @DeadlineHandler(deadlineName = PAYMENT_DUE)
    void on(PaymentDue deadline, Clock clock) {
        if (status == AWAITING_PAYMENT) {
            apply(new OrderCancelled(orderId, CancellationReason.PAYMENT_TIMEOUT, false, List.copyOf(products),
                    clock.instant()));
        }
    }

    private void requireStatus(Set<OrderStatus> allowed, String action) {
        if (!allowed.contains(status)) {
            throw new BusinessRuleViolation(
                    "Cannot " + action + " an order that is " + status.name().toLowerCase().replace('_', ' '));
        }
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId();
        customerId = event.customerId();
        total = event.total();
        shippingAddress = event.shippingAddress();
        status = PLACED;
        event.lines().forEach(line -> products.add(line.productId()));
    }

    @EventSourcingHandler
    void on(OrderLineReserved event) {
        reserved.add(event.productId());
    }

    @EventSourcingHandler
    void on(OrderReadyForPayment event) {
        status = AWAITING_PAYMENT;
    }

    @EventSourcingHandler
    void on(OrderRejected event) {
        status = REJECTED;
    }

    @EventSourcingHandler
    void on(OrderPaid event) {
        status = PAID;
        paymentId = event.paymentId();
    }

    @EventSourcingHandler
    void on(LatePaymentReceived event) {
        latePayments.add(event.paymentId());
    }

    @EventSourcingHandler
    void on(OrderShipped event) {
        status = SHIPPED;
        shipmentId = event.shipmentId();
    }

    @EventSourcingHandler
    void on(OrderDelivered event) {
        status = DELIVERED;
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        status = CANCELLED;
    }
}
