package io.storefront.gateway;

import io.storefront.command.EmbeddedRedisInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis away and back, the real server stopped and started again on its data. Whether a token's session is
 * still alive cannot be told meanwhile, and letting the token through would undo a logout: a call with a token
 * and a login are a 503 to retry. Calls that need no token go on, without rate limits (the limiter keeps its
 * counts in Redis, and refusing everyone would be worse). Once it is back, the sessions open before work again.
 */
class RedisOutageTest {

    private final RestTestClient http = Platform.client();

    @Test
    void while_redis_is_away_tokens_and_logins_wait_and_the_catalog_goes_on_unlimited() {
        Customer customer = Customer.register(http);
        customer.sends(http.get().uri("/api/auth/sessions")).exchange().expectStatus().isOk();

        EmbeddedRedisInitializer.down();
        try {
            unavailable(customer.sends(http.get().uri("/api/auth/sessions")).exchange());
            unavailable(customer.sends(http.get().uri("/api/orders")).exchange());
            unavailable(http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("email", customer.email(), "password", Customer.PASSWORD)).exchange());
            // more than the burst the limiter allows (40), none refused
            for (int call = 0; call < 60; call++) {
                http.get().uri("/api/catalog?size=1").exchange().expectStatus().isOk();
            }
        } finally {
            EmbeddedRedisInitializer.up();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                customer.sends(http.get().uri("/api/auth/sessions")).exchange().expectStatus().isOk());
        customer.sends(http.get().uri("/api/orders")).exchange().expectStatus().isOk();
        Customer.login(http, customer.userId(), customer.email(), Customer.PASSWORD);
    }

    private static void unavailable(RestTestClient.ResponseSpec response) {
        response.expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Long.parseLong(seconds)).isPositive());
    }
}
