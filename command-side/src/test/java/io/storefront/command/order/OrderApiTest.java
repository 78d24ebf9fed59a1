package io.storefront.command.order;

import io.storefront.command.CommandSideTest;
import io.storefront.command.StoredEvents;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@CommandSideTest
class OrderApiTest {

    private static final Map<String, Object> ADDRESS = Map.of("recipient", "Siti Rahma", "line1", "Jl. Sudirman 1",
            "city", "Jakarta", "postalCode", "10220", "country", "ID");

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StoredEvents stored;

    @Test
    void an_order_goes_from_placed_to_delivered() {
        String orderId = place(List.of(line("coffee", 2, "85000"), line("batik", 1, "149000")));
        post("/api/orders/{id}/line-reservations", reserved("coffee", "85000"), orderId).expectStatus().isNoContent();
        post("/api/orders/{id}/line-reservations", reserved("batik", "149000"), orderId).expectStatus().isNoContent();
        post("/api/orders/{id}/payment", Map.of("paymentId", "payment-1"), orderId).expectStatus().isNoContent();
        post("/api/orders/{id}/shipment", Map.of("shipmentId", "shipment-1"), orderId).expectStatus().isNoContent();
        http.post().uri("/api/orders/{id}/delivery", orderId).exchange().expectStatus().isNoContent();

        assertThat(stored.types(orderId)).containsExactly("OrderPlaced", "OrderLineReserved", "OrderLineReserved",
                "OrderReadyForPayment", "OrderPaid", "OrderShipped", "OrderDelivered");
        String placed = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 0").param(orderId).query(String.class).single();
        assertThat(placed).contains("\"total\":{\"amount\":319000,\"currency\":\"IDR\"}");
    }

    @Test
    void a_malformed_order_is_a_400_naming_nested_fields_and_writes_nothing() {
        long before = stored.count();
        http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", "customer-1",
                        "lines", List.of(line("coffee", 0, "85000")),
                        "shippingAddress", Map.of("recipient", "Siti", "line1", "Jl. Sudirman 1", "city", "Jakarta",
                                "postalCode", "10220", "country", "XX")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat(fields)
                        .asInstanceOf(InstanceOfAssertFactories.LIST)
                        .containsExactly("lines[0].quantity", "shippingAddress.country"));
        assertThat(stored.count()).isEqualTo(before);
    }

    @Test
    void an_order_without_lines_is_a_400() {
        http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", "customer-1", "lines", List.of(), "shippingAddress", ADDRESS))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("lines");
    }

    @Test
    void lines_in_two_currencies_are_a_422_and_write_nothing() {
        long before = stored.count();
        http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", "customer-1", "shippingAddress", ADDRESS, "lines",
                        List.of(line("coffee", 1, "85000"), Map.of("productId", "batik", "quantity", 1,
                                "unitPrice", Map.of("amount", "9.90", "currency", "USD")))))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.detail").isEqualTo("All lines of an order must be priced in one currency");
        assertThat(stored.count()).isEqualTo(before);
    }

    @Test
    void a_reservation_is_recorded_once_and_one_for_a_product_not_ordered_is_a_422() {
        String orderId = place(List.of(line("coffee", 1, "85000"), line("batik", 1, "149000")));
        post("/api/orders/{id}/line-reservations", reserved("coffee", "85000"), orderId).expectStatus().isNoContent();
        post("/api/orders/{id}/line-reservations", reserved("coffee", "85000"), orderId).expectStatus().isNoContent();
        post("/api/orders/{id}/line-reservations", reserved("sarong", "85000"), orderId)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.detail").isEqualTo("The order has no line for product sarong");
        assertThat(stored.types(orderId)).containsExactly("OrderPlaced", "OrderLineReserved");
    }

    @Test
    void shipping_an_unpaid_order_is_a_422_with_the_reason_and_changes_nothing() {
        String orderId = place(List.of(line("coffee", 1, "85000")));
        post("/api/orders/{id}/shipment", Map.of("shipmentId", "shipment-1"), orderId)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Cannot ship an order that is placed");
        assertThat(stored.types(orderId)).containsExactly("OrderPlaced");
    }

    @Test
    void the_cancellation_of_a_paid_order_is_accepted_until_its_parcel_is_stopped() {
        String orderId = place(List.of(line("coffee", 1, "85000")));
        post("/api/orders/{id}/line-reservations", reserved("coffee", "85000"), orderId).expectStatus().isNoContent();
        post("/api/orders/{id}/payment", Map.of("paymentId", "payment-1"), orderId).expectStatus().isNoContent();

        http.post().uri("/api/orders/{id}/cancellation", orderId).exchange().expectStatus().isAccepted();

        assertThat(stored.types(orderId)).endsWith("OrderPaid", "OrderCancellationRequested");
    }

    @Test
    void the_customer_cancels_without_saying_why() {
        String orderId = place(List.of(line("coffee", 1, "85000")));
        http.post().uri("/api/orders/{id}/cancellation", orderId).exchange().expectStatus().isNoContent();
        assertThat(stored.types(orderId)).containsExactly("OrderPlaced", "OrderCancelled");
    }

    @Test
    void an_unknown_order_is_a_404() {
        http.post().uri("/api/orders/{id}/delivery", UUID.randomUUID()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void an_unknown_cancellation_reason_is_a_400() {
        String orderId = place(List.of(line("coffee", 1, "85000")));
        post("/api/orders/{id}/cancellation", Map.of("reason", "BORED"), orderId)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
    }

    private String place(List<Map<String, Object>> lines) {
        return (String) http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", "customer-" + UUID.randomUUID(), "lines", lines, "shippingAddress", ADDRESS))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private static Map<String, Object> reserved(String productId, String price) {
        return Map.of("productId", productId, "unitPrice", Map.of("amount", price, "currency", "IDR"));
    }

    private static Map<String, Object> line(String productId, int quantity, String price) {
        return Map.of("productId", productId, "quantity", quantity,
                "unitPrice", Map.of("amount", price, "currency", "IDR"));
    }

    private RestTestClient.ResponseSpec post(String uri, Object body, String orderId) {
        return http.post().uri(uri, orderId).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

}
