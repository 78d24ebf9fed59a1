package io.storefront.query;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each way a checkout can end, as the views show it: the order, its payment and the stock it held. */
@QuerySideTest
class CheckoutViewsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String APPROVED = Shop.APPROVED_CARD;
    private static final String DECLINED = Shop.DECLINED_CARD;

    @Autowired
    RestTestClient query;

    private final Shop shop = new Shop();

    @Test
    void out_of_stock_the_order_is_rejected_and_no_stock_stays_reserved() {
        String coffee = shop.product(5);
        String soldOut = shop.product(0);
        String orderId = shop.order(APPROVED, coffee, soldOut);

        awaitOrder(orderId, "REJECTED");
        awaitStock(coffee, 5, 0, 0);
        query.get().uri("/api/payments?orderId={id}", orderId).exchange().expectBody().jsonPath("$.totalItems").isEqualTo(0);
    }

    @Test
    void a_declined_payment_cancels_the_order_and_releases_its_stock() {
        String coffee = shop.product(5);
        String orderId = shop.order(DECLINED, coffee);

        awaitOrder(orderId, "CANCELLED");
        awaitPayment(orderId, "DECLINED");
        awaitStock(coffee, 5, 0, 0);
    }

    @Test
    void cancelled_after_payment_the_order_is_refunded_and_its_stock_back_on_the_shelf() {
        String coffee = shop.product(5);
        String orderId = shop.order(APPROVED, coffee);
        awaitOrder(orderId, "PAID");

        shop.commands().post().uri("/api/orders/{id}/cancellation", orderId).exchange().expectStatus().isAccepted();

        awaitOrder(orderId, "CANCELLED");
        awaitPayment(orderId, "REFUNDED");
        awaitStock(coffee, 5, 0, 0);
    }

    @Test
    void not_paid_in_time_the_order_is_cancelled_and_its_stock_released() {
        String coffee = shop.product(5);
        String orderId = shop.order(null, coffee);

        awaitOrder(orderId, "CANCELLED");
        awaitPayment(orderId, "DECLINED");
        awaitStock(coffee, 5, 0, 0);
        assertThat(body("/api/orders/" + orderId + "/tracking"))
                .contains("\"status\":\"AWAITING_PAYMENT\"").contains("PAYMENT_TIMEOUT");
    }

    @Test
    void thirty_customers_for_ten_units_make_ten_paid_and_twenty_rejected_orders_and_sell_out() throws Exception {
        String product = shop.product(10);
        List<Callable<String>> customers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            customers.add(() -> shop.order(APPROVED, product));
        }
        List<String> orders = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(30)) {
            for (Future<String> order : pool.invokeAll(customers)) {
                orders.add(order.get());
            }
        }

        await().atMost(Duration.ofSeconds(120)).until(() -> orders.stream()
                .allMatch(order -> status(order).equals("PAID") || status(order).equals("REJECTED")));
        assertThat(orders.stream().filter(order -> status(order).equals("PAID"))).hasSize(10);
        assertThat(orders.stream().filter(order -> status(order).equals("REJECTED"))).hasSize(20);
        awaitStock(product, 0, 0, 10);
    }

    private void awaitOrder(String orderId, String status) {
        await().atMost(PATIENCE).until(() -> status(orderId).equals(status));
    }

    private void awaitPayment(String orderId, String status) {
        await().atMost(PATIENCE).until(() -> body("/api/payments?orderId=" + orderId).contains("\"status\":\"" + status + "\""));
    }

    private void awaitStock(String productId, int available, int reserved, int sold) {
        String expected = "\"available\":" + available + ",\"reserved\":" + reserved + ",\"sold\":" + sold + ",";
        await().atMost(PATIENCE).until(() -> body("/api/stock/" + productId).contains(expected));
    }

    private String status(String orderId) {
        return body("/api/orders/" + orderId).replaceAll(".*\"status\":\"([A-Z_]+)\".*", "$1");
    }

    private String body(String path) {
        return query.get().uri(path).exchange().returnResult(String.class).getResponseBody();
    }
}
