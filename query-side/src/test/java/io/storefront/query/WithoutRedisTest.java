package io.storefront.query;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A query side whose Redis is gone: ready for traffic and serving the catalog, but no read that needs a login,
 * since whether the caller's session is still alive (not logged out) cannot be told: those are a 503, never let through.
 * (That its cached reads then come from the views is ReadCacheWithoutRedisTest's.)
 */
@QuerySideTest
// a context of its own, closed after: two query sides would share (and race for) the projections' segments
@DirtiesContext
class WithoutRedisTest {

    @DynamicPropertySource
    static void redisIsGone(DynamicPropertyRegistry properties) {
        properties.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + closedPort());
    }

    @Autowired
    RestTestClient query;

    @Test
    void the_query_side_stays_ready_and_serves_the_catalog_but_refuses_reads_whose_session_it_cannot_check() {
        Shop shop = new Shop();
        String product = shop.product(5);

        // what the gateway's load balancer asks before it sends traffic
        query.get().uri("/readyz").header(HttpHeaders.AUTHORIZATION, "").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query.get().uri("/api/catalog/{id}", product)
                .header(HttpHeaders.AUTHORIZATION, "").exchange().expectStatus().isOk());
        query.get().uri("/api/orders").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
