package io.storefront.command.order;

import io.storefront.api.order.CancelOrder;
import io.storefront.api.order.CancellationReason;
import io.storefront.api.order.CompleteCancellation;
import io.storefront.api.order.LatePaymentReceived;
import io.storefront.api.order.MarkOrderDelivered;
import io.storefront.api.order.MarkOrderPaid;
import io.storefront.api.order.MarkOrderShipped;
import io.storefront.api.order.OrderCancellationRequested;
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
import io.storefront.api.order.VerifyOrderAccess;
import io.storefront.api.shared.Address;
import io.storefront.api.shared.Money;
import io.storefront.command.Actor;
import io.storefront.command.BusinessRuleViolation;
import io.storefront.command.EventStoreConfiguration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 *
 * <p>The customer names the prices they agree to; the order goes on only if the catalog reserves every
 * line at exactly that price, and it is charged the total of the reserved prices. A paid order is
 * cancelled only once its parcel is stopped: until then nothing is refunded and no stock goes back.
 */
@Aggregate(cache = EventStoreConfiguration.AGGREGATE_CACHE)
class Order {

    static final String PAYMENT_DUE = "payment-due";

    /** The payload of the payment deadline, as it waits in the scheduler's table. */
    record PaymentDue(String orderId) {
    }

    private static final Set<OrderStatus> BEFORE_PAYMENT = EnumSet.of(PLACED, AWAITING_PAYMENT);
    private static final Set<OrderStatus> BEFORE_SHIPMENT = EnumSet.of(PLACED, AWAITING_PAYMENT, PAID);
    private static final String PRICE_CHANGED = "The price of product %s is %s now, not %s";

    @AggregateIdentifier
    private String orderId;
    private String customerId;
    private OrderStatus status;
    /** Each product's line, with the unit price the customer agreed to. */
    private final Map<String, OrderLine> lines = new LinkedHashMap<>();
    /** The unit price each reserved line is charged at: the catalog's, at its reservation. */
    private final Map<String, Money> reserved = new LinkedHashMap<>();
    private CancellationReason cancellationRequested;
    private Address shippingAddress;
    private String paymentId;
    private final Set<String> latePayments = new LinkedHashSet<>();
    private String shipmentId;

    Order() {
    }

    @CommandHandler
    Order(PlaceOrder command, Actor actor, Clock clock, UnpaidOrders unpaid, OrderTerms terms) {
        actor.requireOwner(command.customerId(), command.customerId());
        List<OrderLine> ordered = command.lines();
        if (ordered.stream().map(OrderLine::productId).distinct().count() < ordered.size()) {
            throw new BusinessRuleViolation("Each product may appear in one line only; order more of it instead");
        }
        Money total = ordered.getFirst().subtotal();
        for (OrderLine line : ordered.subList(1, ordered.size())) {
            if (!line.unitPrice().sameCurrencyAs(total)) {
                throw new BusinessRuleViolation("All lines of an order must be priced in one currency");
            }
            total = total.plus(line.subtotal());
        }
        int units = ordered.stream().mapToInt(OrderLine::quantity).sum();
        UnpaidOrders.Holdings held = unpaid.lockHoldingsOf(command.customerId());
        if (held.orders() >= terms.unpaid().orders()) {
            throw new BusinessRuleViolation("There are %d orders waiting for payment; pay or cancel one before ordering again"
                    .formatted(held.orders()));
        }
        if (held.units() + units > terms.unpaid().units()) {
            throw new BusinessRuleViolation("Unpaid orders may hold %d units in all; %d are held and %d more asked for"
                    .formatted(terms.unpaid().units(), held.units(), units));
        }
        unpaid.hold(command.customerId(), command.orderId(), units);
        apply(new OrderPlaced(command.orderId(), command.customerId(), List.copyOf(ordered), command.shippingAddress(),
                total, clock.instant()));
    }

    /**
     * A line reserved at another price than the customer agreed to rejects the order (its reserved stock is
     * then released): nobody pays what they did not agree to, and nobody pays less than the catalog asks.
     */
    @CommandHandler
    void handle(RecordLineReservation command, DeadlineManager deadlines, OrderTerms terms, Clock clock) {
        OrderLine line = lines.get(command.productId());
        if (line == null) {
            throw new BusinessRuleViolation("The order has no line for product " + command.productId());
        }
        if (reserved.containsKey(command.productId())) {
            return;
        }
        requireStatus(EnumSet.of(PLACED), "record a reservation for");
        if (!command.unitPrice().isSameAs(line.unitPrice())) {
            apply(new OrderRejected(orderId, PRICE_CHANGED.formatted(line.productId(), command.unitPrice(),
                    line.unitPrice()), List.copyOf(lines.keySet()), clock.instant()));
            return;
        }
        apply(new OrderLineReserved(orderId, command.productId(), command.unitPrice()));
        if (reserved.keySet().containsAll(lines.keySet())) {
            apply(new OrderReadyForPayment(orderId, customerId, reservedTotal()));
            deadlines.schedule(terms.paymentTimeout(), PAYMENT_DUE, new PaymentDue(orderId));
        }
    }

    private Money reservedTotal() {
        return lines.values().stream()
                .map(line -> reserved.get(line.productId()).times(line.quantity()))
                .reduce(Money::plus)
                .orElseThrow();
    }

    @CommandHandler
    void handle(RejectOrder command, Clock clock) {
        if (status == REJECTED) {
            return;
        }
        requireStatus(BEFORE_PAYMENT, "reject");
        apply(new OrderRejected(orderId, command.reason(), List.copyOf(lines.keySet()), clock.instant()));
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
        apply(new OrderPaid(orderId, command.paymentId(), List.copyOf(lines.keySet()), shippingAddress, clock.instant()));
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

    /**
     * Answers whether the order is cancelled now; a paid order is not, its parcel is to be stopped first
     * (see {@link OrderCancellationRequested}).
     */
    @CommandHandler
    boolean handle(CancelOrder command, Actor actor, Clock clock) {
        actor.requireOwner(customerId, orderId);
        boolean byCustomer = command.reason() == CancellationReason.CUSTOMER;
        if (actor.isCustomer() && !byCustomer) {
            throw new BusinessRuleViolation("A customer cancels an order as its customer, for no other reason");
        }
        if (status == CANCELLED) {
            return true;
        }
        requireStatus(byCustomer ? BEFORE_SHIPMENT : BEFORE_PAYMENT, "cancel");
        if (status == PAID) {
            if (cancellationRequested == null) {
                apply(new OrderCancellationRequested(orderId, command.reason(), clock.instant()));
            }
            return false;
        }
        apply(new OrderCancelled(orderId, command.reason(), false, List.copyOf(lines.keySet()), clock.instant()));
        return true;
    }

    /** The parcel is stopped (or never was): the paid order is cancelled, to be refunded and its stock put back. */
    @CommandHandler
    void handle(CompleteCancellation command, Clock clock) {
        if (status == CANCELLED) {
            return;
        }
        if (cancellationRequested == null) {
            throw new BusinessRuleViolation("Nobody asked to cancel this order");
        }
        requireStatus(EnumSet.of(PAID), "cancel");
        apply(new OrderCancelled(orderId, cancellationRequested, true, List.copyOf(lines.keySet()), clock.instant()));
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
            apply(new OrderCancelled(orderId, CancellationReason.PAYMENT_TIMEOUT, false, List.copyOf(lines.keySet()),
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
        shippingAddress = event.shippingAddress();
        status = PLACED;
        event.lines().forEach(line -> lines.put(line.productId(), line));
    }

    /** A line reserved before reservations carried prices is charged the price it was placed with. */
    @EventSourcingHandler
    void on(OrderLineReserved event) {
        reserved.put(event.productId(), event.unitPrice() != null ? event.unitPrice()
                : lines.get(event.productId()).unitPrice());
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
    void on(OrderCancellationRequested event) {
        cancellationRequested = event.reason();
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        status = CANCELLED;
    }
}
