package io.storefront.query;

import io.storefront.api.payment.PaymentId;
import io.storefront.api.shipment.ShipmentId;
import io.storefront.api.auth.AccessTokenFormat;
import io.storefront.command.Actor;
import io.storefront.command.EmbeddedRedisInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * What each caller may read, checked by the query handlers themselves: a customer reads their own
 * orders, payments, shipments and profile, and somebody else's look as if they did not exist.
 */
@QuerySideTest
class ReadAuthorizationTest {

    @Autowired
    RestTestClient query;

    @Autowired
    StringRedisTemplate redis;

    @LocalServerPort
    int port;

    private final Shop shop = new Shop();
    private final String alice = "customer-" + UUID.randomUUID();
    private final String bob = "customer-" + UUID.randomUUID();

    @Test
    void a_customer_reads_their_own_checkout_and_nobody_elses() {
        String orderId = shop.order(alice, Shop.APPROVED_CARD, 1, shop.product(5));
        String paymentId = PaymentId.forOrder(orderId);
        String shipmentId = ShipmentId.forOrder(orderId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(alice, query.get().uri("/api/shipments/{id}", shipmentId)).exchange().expectStatus().isOk());

        as(alice, query.get().uri("/api/orders/{id}", orderId)).exchange().expectStatus().isOk();
        as(alice, query.get().uri("/api/payments/{id}", paymentId)).exchange().expectStatus().isOk();
        as(alice, query.get().uri("/api/orders")).exchange().expectBody().jsonPath("$.totalItems").isEqualTo(1);
        as(alice, query.get().uri("/api/payments?orderId={id}", orderId)).exchange()
                .expectBody().jsonPath("$.totalItems").isEqualTo(1);

        for (String uri : new String[] {"/api/orders/" + orderId, "/api/orders/" + orderId + "/tracking",
                "/api/payments/" + paymentId, "/api/shipments/" + shipmentId, "/api/orders?customerId=" + alice}) {
            as(bob, query.get().uri(uri)).exchange().expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        as(bob, query.get().uri("/api/orders")).exchange().expectBody().jsonPath("$.totalItems").isEqualTo(0);
        as(bob, query.get().uri("/api/payments?orderId={id}", orderId)).exchange()
                .expectBody().jsonPath("$.totalItems").isEqualTo(0);
        as(bob, query.get().uri("/api/shipments?orderId={id}", orderId)).exchange()
                .expectBody().jsonPath("$.totalItems").isEqualTo(0);
    }

    @Test
    void stock_the_user_list_and_replays_are_for_administrators_and_the_catalog_for_everybody() {
        as(alice, query.get().uri("/api/stock")).exchange().expectStatus().isForbidden();
        as(alice, query.get().uri("/api/users")).exchange().expectStatus().isForbidden();
        as(alice, query.post().uri("/api/admin/projections/orders-view/replay")).exchange().expectStatus().isForbidden();
        as(alice, query.get().uri("/api/users/{id}", bob)).exchange().expectStatus().isNotFound();

        RestTestClient anonymous = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        anonymous.get().uri("/api/catalog").exchange().expectStatus().isOk();
        anonymous.get().uri("/api/orders").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** The gateway checks sessions too; this side must not take a logged-out token from a caller who went around it. */
    @Test
    void a_token_whose_session_has_ended_is_refused_although_it_has_not_expired() {
        String session = EmbeddedRedisInitializer.liveSession("ending-" + UUID.randomUUID());
        String token = CommandSideRunning.token(alice, Actor.Role.CUSTOMER, session);
        query.get().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk();

        redis.delete(AccessTokenFormat.sessionKey(session));   // what logging out does
        query.get().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static <S extends RestTestClient.RequestHeadersSpec<?>> S as(String customerId, S request) {
        request.header(HttpHeaders.AUTHORIZATION, "Bearer " + CommandSideRunning.token(customerId, Actor.Role.CUSTOMER));
        return request;
    }
}
