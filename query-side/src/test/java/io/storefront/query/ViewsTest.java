package io.storefront.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A delivered checkout and a verified customer with their notification preferences, as every view shows them,
 * before and after a rebuild.
 */
@QuerySideTest
class ViewsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    RestTestClient query;

    private final Shop shop = new Shop();
    private final RestTestClient commands = shop.commands();

    @Test
    void every_view_shows_the_final_state_of_a_delivered_checkout_and_a_verified_customer() {
        Checkout checkout = deliveredCheckout();

        await().atMost(PATIENCE).until(() -> body("/api/shipments/" + checkout.shipmentId()).contains("DELIVERED"));
        query.get().uri("/api/shipments/{id}", checkout.shipmentId()).exchange().expectBody()
                .jsonPath("$.shipment.orderId").isEqualTo(checkout.orderId())
                .jsonPath("$.shipment.city").isEqualTo("Jakarta")
                .jsonPath("$.tracking[*].status").isEqualTo(List.of("IN_TRANSIT", "DELIVERED"));
        await().atMost(PATIENCE).until(() -> body("/api/orders/" + checkout.orderId()).contains("DELIVERED"));
        await().atMost(PATIENCE).until(() -> body("/api/stock/" + checkout.productId()).contains("\"sold\":2"));
        query.get().uri("/api/stock/{id}", checkout.productId()).exchange().expectBody()
                .jsonPath("$.available").isEqualTo(8)
                .jsonPath("$.reserved").isEqualTo(0)
                .jsonPath("$.sold").isEqualTo(2);
        query.get().uri("/api/payments?orderId={id}", checkout.orderId()).exchange().expectBody()
                .jsonPath("$.totalItems").isEqualTo(1)
                .jsonPath("$.items[0].status").isEqualTo("CAPTURED")
                .jsonPath("$.items[0].amount").isEqualTo("170000");

        String userId = verifiedCustomer();
        await().atMost(PATIENCE).until(() -> body("/api/users/" + userId).contains("\"emailVerified\":true"));
        await().atMost(PATIENCE).until(() -> body("/api/users/" + userId).contains("\"language\":\"id\""));
        String user = body("/api/users/" + userId);
        assertThat(user).contains("\"phoneVerified\":false").contains("\"optedOut\":[\"SMS\",\"PUSH\"]")
                .doesNotContainIgnoringCase("code").doesNotContain("hash");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders-view", "payments-view", "shipments-view", "stock-view", "users-view", "catalog-view"})
    void a_rebuilt_view_equals_the_view_before(String projection) {
        deliveredCheckout();
        verifiedCustomer();
        String path = switch (projection) {
            case "orders-view" -> "/api/orders?size=100";
            case "payments-view" -> "/api/payments?size=100";
            case "shipments-view" -> "/api/shipments?size=100";
            case "stock-view" -> "/api/stock?size=100";
            case "catalog-view" -> "/api/catalog?size=100&sort=-price";
            default -> "/api/users?size=100";
        };
        String before = awaitSettled(path);

        query.post().uri("/api/admin/projections/{p}/replay", projection).exchange().expectStatus().isAccepted();
        await().atMost(PATIENCE).until(() -> {
            Map<?, ?> progress = query.get().uri("/api/admin/projections/{p}", projection).exchange()
                    .expectBody(Map.class).returnResult().getResponseBody();
            return Boolean.FALSE.equals(progress.get("replaying"));
        });

        assertThat(awaitSettled(path)).isEqualTo(before);
    }

    /** The view as it stands once two looks a second apart agree. */
    private String awaitSettled(String path) {
        String[] last = {null};
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String now = body(path);
            boolean same = now.equals(last[0]);
            last[0] = now;
            return same;
        });
        return last[0];
    }

    private String body(String path) {
        return query.get().uri(path).exchange().returnResult(String.class).getResponseBody();
    }

    record Checkout(String productId, String orderId, String shipmentId) {
    }

    private Checkout deliveredCheckout() {
        String productId = shop.product(10);
        String orderId = shop.order("customer-" + UUID.randomUUID(), Shop.APPROVED_CARD, 2, productId);
        await().atMost(PATIENCE).until(() -> body("/api/shipments?orderId=" + orderId).contains("LABEL_CREATED"));
        String shipmentId = body("/api/shipments?orderId=" + orderId).replaceAll(".*\"shipmentId\":\"([^\"]+)\".*", "$1");
        shop.track(shipmentId, "IN_TRANSIT", "2030-01-01T08:00:00Z");
        shop.track(shipmentId, "DELIVERED", "2030-01-01T15:00:00Z");
        return new Checkout(productId, orderId, shipmentId);
    }

    private String verifiedCustomer() {
        String email = "view-" + UUID.randomUUID() + "@example.com";
        String userId = Shop.id(commands.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("password", "correct horse battery", "name", "Siti", "email", email, "phone", "+6281234567890")));
        commands.post().uri("/api/users/{id}/verifications", userId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("channel", "EMAIL")).exchange().expectStatus().isAccepted();
        String code = commands.get().uri("/demo/outbox?to={to}", email).exchange()
                .returnResult(String.class).getResponseBody().replaceAll(".*code is (\\d{6}).*", "$1");
        commands.post().uri("/api/users/{id}/verifications/confirmation", userId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("channel", "EMAIL", "code", code)).exchange().expectStatus().isNoContent();
        commands.put().uri("/api/users/{id}/notification-preferences", userId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("language", "id", "optedOut", List.of("PUSH", "SMS"))).exchange().expectStatus().isNoContent();
        return userId;
    }
}
