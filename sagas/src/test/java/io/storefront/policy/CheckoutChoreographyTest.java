package io.storefront.policy;

import io.storefront.command.ActingAsAdmin;
import io.storefront.command.StoredEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.storefront.policy.Shop.APPROVED_CARD;
import static io.storefront.policy.Shop.DECLINED_CARD;
import static io.storefront.policy.Shop.paymentOf;
import static io.storefront.policy.Shop.shipmentOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each outcome of a checkout, carried by the contexts' policies alone, with no orchestrator. */
@CheckoutTest
class CheckoutChoreographyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    Shop shop;

    @Autowired
    StoredEvents stored;

    private void awaitEvent(String aggregateId, String type) {
        await().atMost(PATIENCE).until(() -> stored.types(aggregateId).contains(type));
    }

    @Test
    void a_paid_order_ships_and_is_delivered() {
        String coffee = shop.productWithStock(5);
        String tea = shop.productWithStock(5);
        String orderId = shop.order(2, APPROVED_CARD, coffee, tea);

        awaitEvent(shipmentOf(orderId), "ShipmentCreated");
        shop.track(orderId, "IN_TRANSIT", "2030-01-01T08:00:00Z");
        shop.track(orderId, "OUT_FOR_DELIVERY", "2030-01-01T12:00:00Z");
        shop.track(orderId, "DELIVERED", "2030-01-01T15:00:00Z");
        awaitEvent(orderId, "OrderDelivered");

        assertThat(stored.types(orderId)).containsExactly("OrderPlaced", "OrderLineReserved", "OrderLineReserved",
                "OrderReadyForPayment", "OrderPaid", "OrderShipped", "OrderDelivered");
        assertThat(stored.types(paymentOf(orderId))).containsExactly("PaymentRequested", "PaymentChargeStarted", "PaymentCaptured");
        await().atMost(PATIENCE).until(() -> stored.types(coffee).contains("StockCommitted")
                && stored.types(tea).contains("StockCommitted"));
        assertThat(shop.available(coffee)).isEqualTo(3);
        assertThat(shop.available(tea)).isEqualTo(3);

        // one conversation: from the order to its payment and parcel, every event names the same request
        String placement = stored.metadata(orderId, "traceId").getFirst();
        assertThat(stored.metadata(orderId, "traceId").subList(0, 5)).containsOnly(placement);
        assertThat(stored.metadata(paymentOf(orderId), "traceId")).containsOnly(placement);
        assertThat(stored.metadata(shipmentOf(orderId), "traceId").getFirst()).isEqualTo(placement);
        assertThat(stored.metadata(paymentOf(orderId), "actingUser")).containsOnly(ActingAsAdmin.ADMIN_ID);
    }

    @Test
    void an_order_with_a_line_out_of_stock_is_rejected_and_the_reserved_lines_released() {
        String coffee = shop.productWithStock(5);
        String soldOut = shop.productWithStock(0);
        String orderId = shop.order(2, APPROVED_CARD, coffee, soldOut);

        awaitEvent(orderId, "OrderRejected");
        await().atMost(PATIENCE).until(() -> stored.types(coffee).contains("StockReleased"));

        assertThat(shop.available(coffee)).as("no stock left reserved").isEqualTo(5);
        assertThat(stored.types(paymentOf(orderId))).as("nothing charged").isEmpty();
        assertThat(stored.types(orderId)).doesNotContain("OrderReadyForPayment", "OrderPaid");
    }

    @Test
    void an_order_of_a_product_that_does_not_exist_is_rejected() {
        String orderId = shop.order(1, APPROVED_CARD, "no-such-product");
        awaitEvent(orderId, "OrderRejected");
    }

    @Test
    void a_declined_payment_cancels_the_order_and_releases_its_stock() {
        String coffee = shop.productWithStock(5);
        String orderId = shop.order(2, DECLINED_CARD, coffee);

        awaitEvent(orderId, "OrderCancelled");
        await().atMost(PATIENCE).until(() -> stored.types(coffee).contains("StockReleased"));

        assertThat(stored.types(paymentOf(orderId))).containsExactly("PaymentRequested", "PaymentChargeStarted", "PaymentDeclined");
        assertThat(shop.available(coffee)).isEqualTo(5);
    }

    @Test
    void an_order_cancelled_after_payment_is_refunded_and_its_stock_released() {
        String coffee = shop.productWithStock(5);
        String orderId = shop.order(2, APPROVED_CARD, coffee);
        awaitEvent(orderId, "OrderPaid");

        shop.cancel(orderId);

        awaitEvent(paymentOf(orderId), "PaymentRefunded");
        assertThat(stored.types(paymentOf(orderId))).containsExactly("PaymentRequested", "PaymentChargeStarted",
                "PaymentCaptured", "PaymentRefundRequested", "PaymentRefunded");
        await().atMost(PATIENCE).until(() -> stored.types(coffee).contains("StockReleased"));
        assertThat(shop.available(coffee)).isEqualTo(5);
    }

    @Test
    void an_order_not_paid_in_time_is_cancelled_and_its_stock_released() {
        String coffee = shop.productWithStock(5);
        String orderId = shop.order(1, null, coffee);
        awaitEvent(orderId, "OrderReadyForPayment");

        awaitEvent(orderId, "OrderCancelled");
        await().atMost(PATIENCE).until(() -> stored.types(coffee).contains("StockReleased"));

        assertThat(shop.available(coffee)).isEqualTo(5);
        // the payment policy closes the pending payment in its own time, apart from the stock
        awaitEvent(paymentOf(orderId), "PaymentDeclined");
        assertThat(stored.types(paymentOf(orderId))).containsExactly("PaymentRequested", "PaymentDeclined");
    }

    @Test
    void thirty_customers_racing_for_ten_units_get_ten_paid_orders_and_twenty_rejections() throws Exception {
        String product = shop.productWithStock(10);
        List<Callable<String>> customers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            customers.add(() -> shop.order(1, APPROVED_CARD, product));
        }
        List<String> orders = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(30)) {
            for (Future<String> order : pool.invokeAll(customers)) {
                orders.add(order.get());
            }
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> orders.stream().allMatch(order ->
                stored.types(order).contains("OrderPaid") || stored.types(order).contains("OrderRejected")));
        long paid = orders.stream().filter(order -> stored.types(order).contains("OrderPaid")).count();
        long rejected = orders.stream().filter(order -> stored.types(order).contains("OrderRejected")).count();

        assertThat(paid).isEqualTo(10);
        assertThat(rejected).isEqualTo(20);
        assertThat(shop.available(product)).isZero();
        assertThat(shop.availableHistory(product)).allSatisfy(available -> assertThat(available).isNotNegative());
    }
}
