package io.storefront.query;

import io.storefront.api.payment.PaymentId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A query side whose Redis is gone: ready for traffic, and its cached reads come straight from the views. */
@QuerySideTest
class WithoutRedisTest {

    @DynamicPropertySource
    static void redisIsGone(DynamicPropertyRegistry properties) {
        properties.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + closedPort());
    }

    @Autowired
    RestTestClient query;

    @Test
    void the_query_side_stays_ready_and_serves_payments_from_the_view() {
        Shop shop = new Shop();
        String paymentId = PaymentId.forOrder(shop.order(Shop.APPROVED_CARD, shop.product(5)));

        // what the gateway's load balancer asks before it sends traffic
        query.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(query.get().uri("/api/payments/{id}", paymentId)
                .exchange().returnResult(String.class).getResponseBody()).contains("\"status\":\"CAPTURED\""));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
