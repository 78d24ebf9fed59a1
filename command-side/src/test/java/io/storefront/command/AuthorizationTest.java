package io.storefront.command;

import io.storefront.command.auth.AccessTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may change what, checked by the command side itself (behind the gateway, which checks too): a
 * customer acts on their own user and orders only, and another customer's resource looks as if it did
 * not exist; running the shop is for administrators.
 */
@CommandSideTest
class AuthorizationTest {

    private static final Map<String, Object> ADDRESS = Map.of("recipient", "Siti Rahma", "line1", "Jl. Sudirman 1",
            "city", "Jakarta", "postalCode", "10220", "country", "ID");

    @Autowired
    RestTestClient http;

    @Autowired
    AccessTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StoredEvents stored;

    @LocalServerPort
    int port;

    private final String alice = "customer-" + UUID.randomUUID();
    private final String bob = "customer-" + UUID.randomUUID();

    @Test
    void a_customer_places_an_order_for_themselves_without_naming_themselves() {
        String orderId = placeOrder(alice, null).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        assertThat(stored.metadata(orderId, "actingUser")).containsExactly(alice);
    }

    @Test
    void a_customer_cannot_place_an_order_for_somebody_else() {
        placeOrder(alice, bob).expectStatus().isNotFound();
    }

    @Test
    void another_customers_order_cannot_be_cancelled_or_paid_for_and_looks_missing() {
        String orderId = ordered(alice);
        long events = stored.count();

        as(bob, http.post().uri("/api/orders/{id}/cancellation", orderId)).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        as(bob, http.put().uri("/api/payments/instructions/{id}", orderId)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("cardNumber", "4242424242424242")).exchange().expectStatus().isNotFound();

        assertThat(stored.count()).isEqualTo(events);
        assertThat(jdbc.sql("SELECT count(*) FROM payment_instruction WHERE order_id = ?").param(orderId)
                .query(Long.class).single()).isZero();
        as(alice, http.post().uri("/api/orders/{id}/cancellation", orderId)).exchange().expectStatus().isNoContent();
    }

    @Test
    void a_customer_cancels_only_as_the_customer() {
        String orderId = ordered(alice);
        as(alice, http.post().uri("/api/orders/{id}/cancellation", orderId)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "PAYMENT_TIMEOUT")).exchange().expectStatus().isEqualTo(422);
    }

    @Test
    void a_customer_changes_only_their_own_profile() {
        String userId = (String) http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Alice", "email", "alice-" + UUID.randomUUID() + "@example.com",
                        "password", "correct horse battery"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        Map<String, String> profile = Map.of("name", "Mallory");

        as(bob, http.put().uri("/api/users/{id}/profile", userId)).contentType(MediaType.APPLICATION_JSON)
                .body(profile).exchange().expectStatus().isNotFound();
        as(bob, http.post().uri("/api/users/{id}/verifications", userId)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("channel", "EMAIL")).exchange().expectStatus().isNotFound();
        as(bob, http.put().uri("/api/users/{id}/notification-preferences", userId)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("language", "id", "optedOut", List.of("SMS"))).exchange().expectStatus().isNotFound();
        assertThat(stored.types(userId)).containsExactly("UserRegistered");
        as(userId, http.put().uri("/api/users/{id}/profile", userId)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Alice Wonder")).exchange().expectStatus().isNoContent();
    }

    @Test
    void running_the_shop_is_for_administrators_only() {
        List<RestTestClient.RequestHeadersSpec<?>> shopWork = List.of(
                http.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON).body(Map.of("sku", "X")),
                http.post().uri("/api/products/{id}/stock", UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("quantity", 5)),
                http.post().uri("/api/payments/{id}/refund", UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("reason", "x")),
                http.post().uri("/api/shipments/{id}/tracking", UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("status", "DELIVERED")),
                http.post().uri("/api/orders/{id}/delivery", UUID.randomUUID()),
                http.get().uri("/api/audit/{id}", UUID.randomUUID()),
                http.post().uri("/api/auth/signing-keys"));
        for (var request : shopWork) {
            as(alice, request).exchange().expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void without_a_token_nothing_changes_but_an_account_can_be_made() {
        RestTestClient anonymous = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        anonymous.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("lines", List.of(), "shippingAddress", ADDRESS)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge).startsWith("Bearer"))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        anonymous.get().uri("/api/auth/sessions").exchange().expectStatus().isUnauthorized();
        anonymous.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Anon", "email", "anon-" + UUID.randomUUID() + "@example.com",
                        "password", "correct horse battery"))
                .exchange().expectStatus().isCreated();
    }

    private String ordered(String customerId) {
        return placeOrder(customerId, null).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    private RestTestClient.ResponseSpec placeOrder(String caller, String customerId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("shippingAddress", ADDRESS, "lines", List.of(Map.of(
                "productId", UUID.randomUUID().toString(), "quantity", 1,
                "unitPrice", Map.of("amount", "85000", "currency", "IDR")))));
        if (customerId != null) {
            body.put("customerId", customerId);
        }
        return as(caller, http.post().uri("/api/orders")).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private <S extends RestTestClient.RequestHeadersSpec<?>> S as(String customerId, S request) {
        request.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.issue(customerId, Actor.Role.CUSTOMER, EmbeddedRedisInitializer.liveSession("session")));
        return request;
    }
}
