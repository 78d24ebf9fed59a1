package io.storefront.command.payment;

import io.storefront.api.payment.PaymentId;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the payment specs send: a payment request's body, a requested payment, and a caller without a token. */
public final class PaymentRequests {

    private PaymentRequests() {
    }

    static Map<String, Object> payment(String orderId) {
        return Map.of("orderId", orderId, "amount", Map.of("amount", "319000", "currency", "IDR"), "method", "CARD");
    }

    /** A payment of 319,000 IDR for a new order, requested by {@code admin}; answers its id. */
    static String requestedPayment(RestTestClient admin) {
        return requestedPayment(admin, UUID.randomUUID().toString());
    }

    public static String requestedPayment(RestTestClient admin, String orderId) {
        admin.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON).body(payment(orderId))
                .exchange().expectStatus().isCreated();
        return PaymentId.forOrder(orderId);
    }

    /** An order of one unit for customer-1, placed by {@code admin}; answers its id. */
    public static String placedOrder(RestTestClient admin) {
        return (String) admin.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", "customer-" + UUID.randomUUID(),
                        "lines", List.of(Map.of("productId", UUID.randomUUID().toString(), "quantity", 1,
                                "unitPrice", Map.of("amount", "85000", "currency", "IDR"))),
                        "shippingAddress", Map.of("recipient", "Siti Rahma", "line1", "Jl. Sudirman 1",
                                "city", "Jakarta", "postalCode", "10220", "country", "ID")))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    /** A client that sends no bearer token, as a provider's webhook does. */
    static RestTestClient unauthenticated(int port) {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }
}
