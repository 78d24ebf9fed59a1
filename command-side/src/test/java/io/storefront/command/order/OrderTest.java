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
import io.storefront.api.order.PlaceOrder;
import io.storefront.api.order.RecordLineReservation;
import io.storefront.api.order.RejectOrder;
import io.storefront.api.shared.Address;
import io.storefront.api.shared.Money;
import io.storefront.command.Actor;
import io.storefront.command.BusinessRuleViolation;
import io.storefront.command.NotYours;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.storefront.api.order.CancellationReason.CUSTOMER;
import static io.storefront.api.order.CancellationReason.PAYMENT_DECLINED;
import static io.storefront.api.order.CancellationReason.PAYMENT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

class OrderTest {

    private static final String ORDER = "order-1";
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Address ADDRESS =
            new Address("Siti Rahma", "Jl. Sudirman 1", null, "Jakarta", "DKI Jakarta", "10220", "ID");
    private static final OrderLine COFFEE = new OrderLine("coffee", 2, Money.of("85000", "IDR"));
    private static final OrderLine BATIK = new OrderLine("batik", 1, Money.of("149000", "IDR"));

    private static final Money COFFEE_PRICE = COFFEE.unitPrice();
    private static final Money BATIK_PRICE = BATIK.unitPrice();

    private static final Duration PAYMENT_WINDOW = Duration.ofMinutes(15);
    private static final OrderTerms.Unpaid UNPAID_LIMIT = new OrderTerms.Unpaid(2, 5);

    /** Unpaid orders as the database keeps them, per customer. */
    private final Map<String, UnpaidOrders.Holdings> holdings = new HashMap<>();

    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new OrderTerms(PAYMENT_WINDOW, UNPAID_LIMIT));
        fixture.registerInjectableResource(new UnpaidOrders() {
            @Override
            public Holdings lockHoldingsOf(String customerId) {
                return holdings.getOrDefault(customerId, new Holdings(0, 0));
            }

            @Override
            public void hold(String customerId, String orderId, int units) {
                Holdings held = lockHoldingsOf(customerId);
                holdings.put(customerId, new Holdings(held.orders() + 1, held.units() + units));
            }
        });
    }

    private static OrderPlaced placed() {
        return new OrderPlaced(ORDER, "customer-1", List.of(COFFEE, BATIK), ADDRESS, Money.of("319000", "IDR"),
                NOW.minusSeconds(60));
    }

    private static Object[] awaitingPayment() {
        return new Object[]{placed(), new OrderLineReserved(ORDER, "coffee", COFFEE_PRICE), new OrderLineReserved(ORDER, "batik", BATIK_PRICE),
                new OrderReadyForPayment(ORDER, "customer-1", Money.of("319000", "IDR"))};
    }

    private static Object[] paid() {
        return append(awaitingPayment(), new OrderPaid(ORDER, "payment-1", List.of("coffee", "batik"), ADDRESS,
                NOW.minusSeconds(30)));
    }

    private static Object[] shipped() {
        return append(paid(), new OrderShipped(ORDER, "shipment-1", NOW.minusSeconds(20)));
    }

    private static Object[] append(Object[] events, Object event) {
        Object[] more = java.util.Arrays.copyOf(events, events.length + 1);
        more[events.length] = event;
        return more;
    }

    @Test
    void an_order_is_placed_with_its_total() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, "customer-1", List.of(COFFEE, BATIK), ADDRESS))
                .expectEvents(new OrderPlaced(ORDER, "customer-1", List.of(COFFEE, BATIK), ADDRESS,
                        Money.of("319000", "IDR"), NOW));
    }

    @Test
    void all_lines_are_priced_in_one_currency() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, "customer-1",
                        List.of(COFFEE, new OrderLine("batik", 1, Money.of("9.90", "USD"))), ADDRESS))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("All lines of an order must be priced in one currency");
    }

    @Test
    void a_product_appears_in_one_line_only() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, "customer-1", List.of(COFFEE, COFFEE), ADDRESS))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void its_customer_cancels_an_order_and_another_customer_cannot_even_see_it() {
        fixture.given(placed())
                .when(new CancelOrder(ORDER, CancellationReason.CUSTOMER), customer("customer-2"))
                .expectException(NotYours.class)
                .expectNoEvents();
        fixture.given(placed())
                .when(new CancelOrder(ORDER, CancellationReason.CUSTOMER), customer("customer-1"))
                .expectEvents(new OrderCancelled(ORDER, CancellationReason.CUSTOMER, false, List.of("coffee", "batik"), NOW));
    }

    @Test
    void a_customer_orders_only_for_themselves() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, "customer-1", List.of(COFFEE), ADDRESS), customer("customer-2"))
                .expectException(NotYours.class);
    }

    @Test
    void a_customer_cancels_for_no_reason_but_their_own() {
        fixture.given(placed())
                .when(new CancelOrder(ORDER, CancellationReason.PAYMENT_DECLINED), customer("customer-1"))
                .expectException(BusinessRuleViolation.class);
    }

    private static Map<String, String> customer(String userId) {
        return new Actor(userId, Actor.Role.CUSTOMER).metaData();
    }

    @Test
    void a_line_reserved_at_another_price_than_the_customer_agreed_to_rejects_the_order() {
        fixture.given(placed())
                .when(new RecordLineReservation(ORDER, "coffee", Money.of("95000", "IDR")))
                .expectEvents(new OrderRejected(ORDER, "The price of product coffee is 95000 IDR now, not 85000 IDR",
                        List.of("coffee", "batik"), NOW));
        fixture.given(placed(), new OrderLineReserved(ORDER, "coffee", COFFEE_PRICE))
                .when(new RecordLineReservation(ORDER, "batik", Money.of("1", "IDR")))
                .expectEvents(new OrderRejected(ORDER, "The price of product batik is 1 IDR now, not 149000 IDR",
                        List.of("coffee", "batik"), NOW));
    }

    @Test
    void a_line_reserved_before_reservations_carried_prices_is_charged_the_price_it_was_placed_with() {
        fixture.given(placed(), new OrderLineReserved(ORDER, "coffee", null))
                .when(new RecordLineReservation(ORDER, "batik", BATIK_PRICE))
                .expectEvents(new OrderLineReserved(ORDER, "batik", BATIK_PRICE),
                        new OrderReadyForPayment(ORDER, "customer-1", Money.of("319000", "IDR")));
    }

    @Test
    void a_customer_holds_only_so_many_unpaid_orders_and_units() {
        holdings.put("customer-1", new UnpaidOrders.Holdings(2, 2));
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, "customer-1", List.of(BATIK), ADDRESS))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("There are 2 orders waiting for payment; pay or cancel one before ordering again");
        holdings.put("customer-1", new UnpaidOrders.Holdings(1, 3));
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, "customer-1", List.of(COFFEE, BATIK), ADDRESS))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Unpaid orders may hold 5 units in all; 3 are held and 3 more asked for");
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, "customer-1", List.of(COFFEE), ADDRESS))
                .expectSuccessfulHandlerExecution();
        assertThat(holdings.get("customer-1")).isEqualTo(new UnpaidOrders.Holdings(2, 5));
    }

    @Test
    void a_reserved_line_is_recorded() {
        fixture.given(placed())
                .when(new RecordLineReservation(ORDER, "coffee", COFFEE_PRICE))
                .expectEvents(new OrderLineReserved(ORDER, "coffee", COFFEE_PRICE));
    }

    @Test
    void the_last_reserved_line_makes_the_order_ready_for_payment() {
        fixture.given(placed(), new OrderLineReserved(ORDER, "coffee", COFFEE_PRICE))
                .when(new RecordLineReservation(ORDER, "batik", BATIK_PRICE))
                .expectEvents(new OrderLineReserved(ORDER, "batik", BATIK_PRICE),
                        new OrderReadyForPayment(ORDER, "customer-1", Money.of("319000", "IDR")))
                .expectScheduledDeadlineWithName(PAYMENT_WINDOW, Order.PAYMENT_DUE);
    }

    @Test
    void an_order_not_paid_in_time_is_cancelled_by_its_deadline() {
        fixture.given(placed(), new OrderLineReserved(ORDER, "coffee", COFFEE_PRICE))
                .andGivenCommands(new RecordLineReservation(ORDER, "batik", BATIK_PRICE))
                .whenThenTimeElapses(PAYMENT_WINDOW)
                .expectTriggeredDeadlinesWithName(Order.PAYMENT_DUE)
                .expectEvents(new OrderCancelled(ORDER, PAYMENT_TIMEOUT, false, List.of("coffee", "batik"), NOW));
    }

    @Test
    void a_paid_order_ignores_its_payment_deadline() {
        fixture.given(placed(), new OrderLineReserved(ORDER, "coffee", COFFEE_PRICE))
                .andGivenCommands(new RecordLineReservation(ORDER, "batik", BATIK_PRICE), new MarkOrderPaid(ORDER, "payment-1"))
                .whenThenTimeElapses(PAYMENT_WINDOW)
                .expectTriggeredDeadlinesWithName(Order.PAYMENT_DUE)
                .expectNoEvents();
    }

    @Test
    void a_reservation_recorded_twice_changes_nothing() {
        fixture.given(awaitingPayment())
                .when(new RecordLineReservation(ORDER, "batik", BATIK_PRICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_reservation_of_a_product_not_ordered_is_refused() {
        fixture.given(placed())
                .when(new RecordLineReservation(ORDER, "sarong", COFFEE_PRICE))
                .expectException(BusinessRuleViolation.class);
    }

    @Test
    void a_reservation_for_a_rejected_order_is_refused() {
        fixture.given(placed(), new OrderRejected(ORDER, "Out of stock", List.of(), NOW))
                .when(new RecordLineReservation(ORDER, "coffee", COFFEE_PRICE))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot record a reservation for an order that is rejected");
    }

    @Test
    void an_order_is_rejected_with_all_its_lines_to_release() {
        fixture.given(placed(), new OrderLineReserved(ORDER, "coffee", COFFEE_PRICE))
                .when(new RejectOrder(ORDER, "Batik is out of stock"))
                .expectEvents(new OrderRejected(ORDER, "Batik is out of stock", List.of("coffee", "batik"), NOW));
    }

    @Test
    void rejecting_twice_changes_nothing() {
        fixture.given(placed(), new OrderRejected(ORDER, "Out of stock", List.of(), NOW))
                .when(new RejectOrder(ORDER, "Out of stock"))
                .expectNoEvents();
    }

    @Test
    void a_paid_order_is_not_rejected() {
        fixture.given(paid())
                .when(new RejectOrder(ORDER, "Out of stock"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot reject an order that is paid");
    }

    @Test
    void an_order_awaiting_payment_is_paid() {
        fixture.given(awaitingPayment())
                .when(new MarkOrderPaid(ORDER, "payment-1"))
                .expectEvents(new OrderPaid(ORDER, "payment-1", List.of("coffee", "batik"), ADDRESS, NOW));
    }

    @Test
    void an_order_is_not_paid_before_its_stock_is_reserved() {
        fixture.given(placed())
                .when(new MarkOrderPaid(ORDER, "payment-1"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot take a payment for an order that is placed");
    }

    @Test
    void the_same_payment_twice_changes_nothing_but_another_payment_is_refused() {
        fixture.given(paid())
                .when(new MarkOrderPaid(ORDER, "payment-1"))
                .expectNoEvents();
        fixture.given(paid())
                .when(new MarkOrderPaid(ORDER, "payment-2"))
                .expectException(BusinessRuleViolation.class);
    }

    @Test
    void a_paid_order_ships_and_is_delivered() {
        fixture.given(paid())
                .when(new MarkOrderShipped(ORDER, "shipment-1"))
                .expectEvents(new OrderShipped(ORDER, "shipment-1", NOW));
        fixture.given(shipped())
                .when(new MarkOrderDelivered(ORDER))
                .expectEvents(new OrderDelivered(ORDER, NOW));
    }

    @Test
    void an_unpaid_order_does_not_ship() {
        fixture.given(awaitingPayment())
                .when(new MarkOrderShipped(ORDER, "shipment-1"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot ship an order that is awaiting payment");
    }

    @Test
    void shipping_or_delivering_twice_changes_nothing() {
        fixture.given(shipped())
                .when(new MarkOrderShipped(ORDER, "shipment-1"))
                .expectNoEvents();
        fixture.given(append(shipped(), new OrderDelivered(ORDER, NOW)))
                .when(new MarkOrderDelivered(ORDER))
                .expectNoEvents();
    }

    @Test
    void an_order_is_delivered_only_after_it_ships() {
        fixture.given(paid())
                .when(new MarkOrderDelivered(ORDER))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot deliver an order that is paid");
    }

    @Test
    void a_paid_order_is_not_cancelled_before_its_parcel_is_stopped_and_nothing_is_refunded_meanwhile() {
        fixture.given(paid())
                .when(new CancelOrder(ORDER, CUSTOMER))
                .expectResultMessagePayload(false)
                .expectEvents(new OrderCancellationRequested(ORDER, CUSTOMER, NOW));
        fixture.given(append(paid(), new OrderCancellationRequested(ORDER, CUSTOMER, NOW)))
                .when(new CancelOrder(ORDER, CUSTOMER))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void a_paid_order_whose_parcel_is_stopped_is_cancelled_to_be_refunded() {
        fixture.given(append(paid(), new OrderCancellationRequested(ORDER, CUSTOMER, NOW)))
                .when(new CompleteCancellation(ORDER))
                .expectEvents(new OrderCancelled(ORDER, CUSTOMER, true, List.of("coffee", "batik"), NOW));
    }

    @Test
    void nobody_completes_a_cancellation_nobody_asked_for() {
        fixture.given(paid())
                .when(new CompleteCancellation(ORDER))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_paid_order_whose_parcel_the_carrier_took_ships_although_its_cancellation_was_asked_for() {
        Object[] requested = append(paid(), new OrderCancellationRequested(ORDER, CUSTOMER, NOW));
        fixture.given(requested)
                .when(new MarkOrderShipped(ORDER, "shipment-1"))
                .expectEvents(new OrderShipped(ORDER, "shipment-1", NOW));
        fixture.given(append(requested, new OrderShipped(ORDER, "shipment-1", NOW)))
                .when(new CompleteCancellation(ORDER))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot cancel an order that is shipped");
    }

    @Test
    void the_customer_cannot_cancel_a_shipped_order() {
        fixture.given(shipped())
                .when(new CancelOrder(ORDER, CUSTOMER))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot cancel an order that is shipped");
    }

    @Test
    void the_payment_deadline_cancels_an_order_awaiting_payment() {
        fixture.given(awaitingPayment())
                .when(new CancelOrder(ORDER, PAYMENT_TIMEOUT))
                .expectEvents(new OrderCancelled(ORDER, PAYMENT_TIMEOUT, false, List.of("coffee", "batik"), NOW));
    }

    @Test
    void a_paid_order_is_not_cancelled_for_want_of_payment() {
        fixture.given(paid())
                .when(new CancelOrder(ORDER, PAYMENT_TIMEOUT))
                .expectException(BusinessRuleViolation.class);
        fixture.given(paid())
                .when(new CancelOrder(ORDER, PAYMENT_DECLINED))
                .expectException(BusinessRuleViolation.class);
    }

    @Test
    void cancelling_twice_changes_nothing() {
        fixture.given(append(awaitingPayment(), new OrderCancelled(ORDER, PAYMENT_DECLINED, false, List.of(), NOW)))
                .when(new CancelOrder(ORDER, CUSTOMER))
                .expectNoEvents();
    }

    @Test
    void a_rejected_order_cannot_be_cancelled() {
        fixture.given(placed(), new OrderRejected(ORDER, "Out of stock", List.of(), NOW))
                .when(new CancelOrder(ORDER, CUSTOMER))
                .expectException(BusinessRuleViolation.class);
    }

    @Test
    void an_order_awaiting_payment_is_rejected() {
        fixture.given(awaitingPayment())
                .when(new RejectOrder(ORDER, "Fraud suspected"))
                .expectEvents(new OrderRejected(ORDER, "Fraud suspected", List.of("coffee", "batik"), NOW));
    }

    @Test
    void another_shipment_for_a_shipped_order_is_refused() {
        fixture.given(shipped())
                .when(new MarkOrderShipped(ORDER, "shipment-2"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot ship an order that is shipped");
    }

    @Test
    void the_customer_cancels_an_unpaid_order_and_nothing_is_to_be_refunded() {
        fixture.given(placed())
                .when(new CancelOrder(ORDER, CUSTOMER))
                .expectEvents(new OrderCancelled(ORDER, CUSTOMER, false, List.of("coffee", "batik"), NOW));
    }

    @Test
    void a_declined_payment_cancels_an_order_awaiting_payment() {
        fixture.given(awaitingPayment())
                .when(new CancelOrder(ORDER, PAYMENT_DECLINED))
                .expectEvents(new OrderCancelled(ORDER, PAYMENT_DECLINED, false, List.of("coffee", "batik"), NOW));
    }

    @Test
    void a_delivered_order_cannot_be_cancelled() {
        fixture.given(append(shipped(), new OrderDelivered(ORDER, NOW)))
                .when(new CancelOrder(ORDER, CUSTOMER))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot cancel an order that is delivered");
    }

    @Test
    void a_cancelled_order_is_not_rejected_reserved_shipped_or_delivered() {
        Object[] cancelled = append(new Object[]{placed()}, new OrderCancelled(ORDER, CUSTOMER, false, List.of(), NOW));
        fixture.given(cancelled)
                .when(new RejectOrder(ORDER, "Out of stock"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot reject an order that is cancelled");
        fixture.given(cancelled)
                .when(new RecordLineReservation(ORDER, "coffee", COFFEE_PRICE))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot record a reservation for an order that is cancelled");
        fixture.given(cancelled)
                .when(new MarkOrderShipped(ORDER, "shipment-1"))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot ship an order that is cancelled");
        fixture.given(cancelled)
                .when(new MarkOrderDelivered(ORDER))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("Cannot deliver an order that is cancelled");
    }

    @Test
    void a_payment_for_a_closed_order_is_recorded_to_be_given_back_once() {
        Object[] cancelled = append(awaitingPayment(), new OrderCancelled(ORDER, PAYMENT_TIMEOUT, false, List.of(), NOW));
        fixture.given(cancelled)
                .when(new MarkOrderPaid(ORDER, "payment-1"))
                .expectEvents(new LatePaymentReceived(ORDER, "payment-1", NOW));
        fixture.given(append(cancelled, new LatePaymentReceived(ORDER, "payment-1", NOW)))
                .when(new MarkOrderPaid(ORDER, "payment-1"))
                .expectNoEvents();
    }
}
