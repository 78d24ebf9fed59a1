package io.storefront.policy;

import io.storefront.api.payment.PaymentId;
import io.storefront.api.shipment.ShipmentId;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A customer and a shop keeper, driving the platform over its HTTP API, and what they can look up. */
class Shop {

    static final String APPROVED_CARD = "4242424242424242";
    static final String DECLINED_CARD = "4000000000000002";

    private static final Map<String, Object> ADDRESS = Map.of("recipient", "Siti Rahma", "line1", "Jl. Sudirman 1",
            "city", "Jakarta", "postalCode", "10220", "country", "ID");

    private final RestTestClient http;
    private final JdbcClient jdbc;

    Shop(RestTestClient http, JdbcClient jdbc) {
        this.http = http;
        this.jdbc = jdbc;
    }

    String productWithStock(int stock) {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String productId = (String) http.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sku", sku, "name", "Kopi Toraja", "category", "Coffee",
                        "price", Map.of("amount", "85000", "currency", "IDR")))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        if (stock > 0) {
            http.post().uri("/api/products/{id}/stock", productId).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("quantity", stock)).exchange().expectStatus().isNoContent();
        }
        return productId;
    }

    /**
     * Places an order of {@code quantity} units of each product, optionally paying with a card right away.
     * Both requests are one conversation of the customer's, under one correlation id: which of them ends
     * up charging the card depends on how fast the payment is requested.
     */
    String order(int quantity, String card, String... productIds) {
        return order("customer-" + UUID.randomUUID(), quantity, card, productIds);
    }

    /** As {@link #order(int, String, String...)}, for the given customer. */
    String order(String customerId, int quantity, String card, String... productIds) {
        List<Map<String, Object>> lines = List.of(productIds).stream()
                .map(productId -> Map.<String, Object>of("productId", productId, "quantity", quantity,
                        "unitPrice", Map.of("amount", "85000", "currency", "IDR")))
                .toList();
        String checkout = UUID.randomUUID().toString();
        String orderId = (String) http.post().uri("/api/orders").header("X-Correlation-Id", checkout)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", customerId, "lines", lines, "shippingAddress", ADDRESS))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        if (card != null) {
            http.put().uri("/api/payments/instructions/{order}", orderId).header("X-Correlation-Id", checkout)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("cardNumber", card)).exchange().expectStatus().isAccepted();
        }
        return orderId;
    }

    /** Registers a customer and answers their id. */
    String customer(String email, String phone) {
        Map<String, Object> registration = new java.util.HashMap<>(Map.of("password", "correct horse battery",
                "name", "Siti Rahma", "email", email));
        if (phone != null) {
            registration.put("phone", phone);
        }
        return (String) http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(registration).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    void cancel(String orderId) {
        http.post().uri("/api/orders/{id}/cancellation", orderId).exchange().expectStatus().is2xxSuccessful();
    }

    void track(String orderId, String status, String at) {
        http.post().uri("/api/shipments/{id}/tracking", ShipmentId.forOrder(orderId))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", status, "occurredAt", at, "location", "Jakarta hub"))
                .exchange().expectStatus().isNoContent();
    }

    static String paymentOf(String orderId) {
        return PaymentId.forOrder(orderId);
    }

    static String shipmentOf(String orderId) {
        return ShipmentId.forOrder(orderId);
    }

    /** The stock a product has available, as its latest stock event says. */
    int available(String productId) {
        return jdbc.sql("""
                        SELECT (convert_from(payload, 'UTF8')::json ->> 'availableAfter')::int FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND convert_from(payload, 'UTF8')::json ->> 'availableAfter' IS NOT NULL
                        ORDER BY sequence_number DESC LIMIT 1""")
                .param(productId).query(Integer.class).optional().orElse(0);
    }

    /** Every value the product's available stock took, in order. */
    List<Integer> availableHistory(String productId) {
        return jdbc.sql("""
                        SELECT (convert_from(payload, 'UTF8')::json ->> 'availableAfter')::int FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND convert_from(payload, 'UTF8')::json ->> 'availableAfter' IS NOT NULL
                        ORDER BY sequence_number""")
                .param(productId).query(Integer.class).list();
    }
}
