package io.storefront.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a caller gets when a service is gone or slow: a problem saying so, never a hang or a stack trace. */
class GatewayResilienceTest {

    @Test
    void a_service_without_a_live_instance_is_a_503_and_its_circuit_then_opens() throws IOException {
        Platform.start();
        // left running until the end (Platform.Stop): stopping one gateway disposes the Netty resources all share
        ConfigurableApplicationContext gateway = Platform.gateway("http://localhost:" + freePort());
        RestTestClient http = Platform.client(gateway);
        http.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        for (int call = 0; call < 12; call++) {
            http.get().uri("/.well-known/jwks.json").exchange().expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(gateway.getBean(CircuitBreakerRegistry.class).circuitBreaker(Routes.COMMAND_SIDE).getState())
                .as("after ten failures in a row the breaker stops sending calls for a while")
                .isEqualTo(CircuitBreaker.State.OPEN);
        // the other service is not affected
        http.get().uri("/api/catalog").exchange().expectStatus().isOk();
    }

    @Test
    void a_service_answering_later_than_the_timeout_is_a_504() {
        Platform.start();
        ConfigurableApplicationContext gateway = Platform.gateway(Platform.url(Platform.commandSides().getFirst()),
                "--storefront.gateway.request-timeout=1ms");
        Platform.client(gateway).get().uri("/api/catalog").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void a_service_given_as_many_requests_as_it_may_have_in_flight_is_busy_for_the_next_one() throws IOException {
        Platform.start();
        // a service that takes connections and never answers: each request stays in flight until the timeout
        try (ServerSocket silent = new ServerSocket(0)) {
            ConfigurableApplicationContext gateway = Platform.gateway("http://localhost:" + silent.getLocalPort(),
                    "--storefront.gateway.concurrent-calls=1", "--storefront.gateway.request-timeout=5s");
            RestTestClient http = Platform.client(gateway);
            CompletableFuture.runAsync(() -> http.get().uri("/.well-known/jwks.json").exchange());
            await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> http.get().uri("/.well-known/jwks.json").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                    .expectBody(String.class).value(body -> assertThat(body).contains("is busy")));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
