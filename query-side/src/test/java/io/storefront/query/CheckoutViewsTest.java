package io.storefront.query;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    private static final String APPROVED = "4242424242424242";
    private static final String DECLINED = "4000000000000002";

    @Autowired
    RestTestClient query;

    private final RestTestClient commands = RestTestClient.bindToServer()
            .baseUrl("http://localhost:" + CommandSideRunning.port()).build();

    @Test
    void out_of_stock_the_order_is_rejected_and_no_stock_stays_reserved() {
        String coffee = product(5);
        String soldOut = product(0);
        String orderId = order(APPROVED, coffee, soldOut);

        awaitOrder(orderId, "REJECTED");
        awaitStock(coffee, 5, 0, 0);
        query.get().uri("/api/payments?orderId={id}", orderId).exchange().expectBody().jsonPath("$.totalItems").isEqualTo(0);
    }

    @Test
    void a_declined_payment_cancels_the_order_and_releases_its_stock() {
        String coffee = product(5);
        String orderId = order(DECLINED, coffee);

        awaitOrder(orderId, "CANCELLED");
        awaitPayment(orderId, "DECLINED");
        awaitStock(coffee, 5, 0, 0);
    }

    @Test
    void cancelled_after_payment_the_order_is_refunded_and_its_stock_back_on_the_shelf() {
        String coffee = product(5);
        String orderId = order(APPROVED, coffee);
        awaitOrder(orderId, "PAID");

        commands.post().uri("/api/orders/{id}/cancellation", orderId).exchange().expectStatus().isNoContent();

        awaitOrder(orderId, "CANCELLED");
        awaitPayment(orderId, "REFUNDED");
        awaitStock(coffee, 5, 0, 0);
    }

    @Test
    void not_paid_in_time_the_order_is_cancelled_and_its_stock_released() {
        String coffee = product(5);
        String orderId = order(null, coffee);

        awaitOrder(orderId, "CANCELLED");
        awaitPayment(orderId, "DECLINED");
        awaitStock(coffee, 5, 0, 0);
        assertThat(body("/api/orders/" + orderId + "/tracking"))
                .contains("\"status\":\"AWAITING_PAYMENT\"").contains("PAYMENT_TIMEOUT");
    }

    @Test
    void thirty_customers_for_ten_units_make_ten_paid_and_twenty_rejected_orders_and_sell_out() throws Exception {
        String product = product(10);
        List<Callable<String>> customers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            customers.add(() -> order(APPROVED, product));
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

    private String product(int stock) {
        String productId = (String) commands.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), "name", "Kopi",
                        "category", "Coffee", "price", Map.of("amount", "85000", "currency", "IDR")))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        if (stock > 0) {
            commands.post().uri("/api/products/{id}/stock", productId).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("quantity", stock)).exchange().expectStatus().isNoContent();
        }
        return productId;
    }

    private String order(String card, String... productIds) {
        List<Map<String, Object>> lines = List.of(productIds).stream()
                .map(productId -> Map.<String, Object>of("productId", productId, "quantity", 1,
                        "unitPrice", Map.of("amount", "85000", "currency", "IDR")))
                .toList();
        String orderId = (String) commands.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", "customer-" + UUID.randomUUID(), "lines", lines,
                        "shippingAddress", Map.of("recipient", "Siti", "line1", "Jl. Sudirman 1", "city", "Jakarta",
                                "postalCode", "10220", "country", "ID")))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        if (card != null) {
            commands.put().uri("/api/payments/instructions/{order}", orderId).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("cardNumber", card)).exchange().expectStatus().isAccepted();
        }
        return orderId;
    }
}
