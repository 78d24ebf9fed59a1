package io.storefront.gateway;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Somebody using the platform through the gateway: registered, logged in, carrying their tokens. */
record Customer(String userId, String email, String accessToken, String refreshToken, String sessionId) {

    static final String PASSWORD = "correct horse battery";

    static Customer register(RestTestClient http) {
        String email = "shopper-" + UUID.randomUUID() + "@example.com";
        String userId = (String) http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Rina", "email", email, "password", PASSWORD))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        return login(http, userId, email, PASSWORD);
    }

    static Customer login(RestTestClient http, String userId, String email, String password) {
        Map<?, ?> tokens = http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return new Customer(userId, email, (String) tokens.get("accessToken"), (String) tokens.get("refreshToken"),
                (String) tokens.get("sessionId"));
    }

    static Customer admin(RestTestClient http) {
        return login(http, null, Platform.ADMIN_EMAIL, Platform.ADMIN_PASSWORD);
    }

    <S extends RestTestClient.RequestHeadersSpec<?>> S sends(S request) {
        request.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
        return request;
    }

    String product(RestTestClient http, int stock) {
        String productId = (String) sends(http.post().uri("/api/products")).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sku", "GW-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), "name", "Kopi Gayo",
                        "category", "Coffee", "price", Map.of("amount", "90000", "currency", "IDR")))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        sends(http.post().uri("/api/products/{id}/stock", productId)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("quantity", stock)).exchange().expectStatus().isNoContent();
        return productId;
    }

    String order(RestTestClient http, String productId, String card) {
        String orderId = (String) sends(http.post().uri("/api/orders")).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("lines", List.of(Map.of("productId", productId, "quantity", 1,
                                "unitPrice", Map.of("amount", "90000", "currency", "IDR"))),
                        "shippingAddress", Map.of("recipient", "Rina", "line1", "Jl. Braga 10", "city", "Bandung",
                                "postalCode", "40111", "country", "ID")))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        if (card != null) {
            sends(http.put().uri("/api/payments/instructions/{id}", orderId)).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("cardNumber", card)).exchange().expectStatus().isAccepted();
        }
        return orderId;
    }
}
