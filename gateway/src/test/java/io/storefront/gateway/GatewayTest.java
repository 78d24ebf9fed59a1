package io.storefront.gateway;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.storefront.command.auth.ForgedTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway as the one entry point: tokens and sessions, rates, sizes, origins, and instances. */
class GatewayTest {

    private final RestTestClient http = Platform.client();

    @Test
    void a_token_of_a_session_that_was_logged_out_is_refused_although_it_has_not_expired() {
        Customer customer = Customer.register(http);
        customer.sends(http.get().uri("/api/auth/sessions")).exchange().expectStatus().isOk();
        customer.sends(http.post().uri("/api/auth/logout")).exchange().expectStatus().isNoContent();
        customer.sends(http.get().uri("/api/orders")).exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void forged_and_tampered_tokens_are_refused() throws Exception {
        Customer customer = Customer.register(http);
        JWKSet published = JWKSet.parse(http.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        JWTClaimsSet asAdmin = new JWTClaimsSet.Builder(SignedJWT.parse(customer.accessToken()).getJWTClaimsSet())
                .claim("roles", List.of("ADMIN")).build();

        for (String token : List.of(ForgedTokens.hmacWithThePublicKey((RSAKey) published.getKeys().getFirst(), asAdmin),
                ForgedTokens.signedWithAnUnknownKey(asAdmin), ForgedTokens.tampered(customer.accessToken()),
                ForgedTokens.unsigned(asAdmin), "garbage")) {
            http.get().uri("/api/users").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void a_caller_over_their_rate_gets_429_with_retry_after() {
        // a gateway of small rates: however slowly this machine sends, twenty calls outrun five and one a second
        RestTestClient strict = Platform.client(Platform.gateway(Platform.url(Platform.commandSides().getFirst()),
                "--storefront.gateway.requests-per-second=1", "--storefront.gateway.burst=5"));
        Customer customer = Customer.register(http);
        int limited = 0;
        String retryAfter = null;
        for (int request = 0; request < 20 && limited == 0; request++) {
            var result = customer.sends(strict.get().uri("/api/auth/sessions")).exchange().returnResult(String.class);
            if (result.getStatus().value() == 429) {
                limited++;
                retryAfter = result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
                assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }
        assertThat(limited).as("a burst of 20 requests exceeds a burst capacity of 5").isPositive();
        assertThat(Long.parseLong(retryAfter)).isPositive();
        // somebody else is not slowed down by it
        Customer.register(http).sends(strict.get().uri("/api/auth/sessions")).exchange().expectStatus().isOk();
    }

    @Test
    void prometheus_scrapes_each_route_on_the_management_port_which_the_public_port_does_not_serve() {
        http.get().uri("/api/catalog").exchange().expectStatus().isOk();

        String scraped = RestTestClient.bindToServer().baseUrl(Platform.managementUrl()).build()
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scraped)
                .containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*application=\"gateway\"[^}]*routeId=\"reads\"")
                .containsPattern("spring_cloud_gateway_requests_seconds_bucket\\{[^}]*routeId=\"reads\"")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*application=\"gateway\"");
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
        http.get().uri("/readyz").exchange().expectStatus().isOk();
    }

    @Test
    void a_correlation_id_is_made_when_missing_and_passed_on_when_given() {
        http.get().uri("/api/catalog").exchange().expectStatus().isOk()
                .expectHeader().value("X-Correlation-Id", id -> assertThat(id).isNotBlank());
        Customer customer = Customer.register(http);
        customer.sends(http.put().uri("/api/users/{id}/profile", customer.userId())).header("X-Correlation-Id", "gw-trace-1")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "Rina Traced"))
                .exchange().expectStatus().isNoContent()
                .expectHeader().valueEquals("X-Correlation-Id", "gw-trace-1");
        Customer admin = Customer.admin(http);
        admin.sends(http.get().uri("/api/audit/{id}", customer.userId())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.events[1].metadata.traceId").isEqualTo("gw-trace-1");
    }

    @Test
    void a_body_over_the_size_limit_is_a_413_problem() {
        Customer customer = Customer.register(http);
        customer.sends(http.put().uri("/api/users/{id}/profile", customer.userId())).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "x".repeat(100_000))).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void browsers_of_the_shop_origin_may_call_and_others_may_not() {
        http.method(HttpMethod.OPTIONS).uri("/api/orders").header(HttpHeaders.ORIGIN, "https://shop.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://shop.example.com");
        http.method(HttpMethod.OPTIONS).uri("/api/orders").header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST").exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void reads_are_spread_over_both_query_instances() {
        List<ConfigurableApplicationContext> instances = Platform.querySides();
        double[] before = instances.stream().mapToDouble(GatewayTest::catalogReads).toArray();
        for (int request = 0; request < 10; request++) {
            http.get().uri("/api/catalog").exchange().expectStatus().isOk();
        }
        for (int instance = 0; instance < 2; instance++) {
            assertThat(catalogReads(instances.get(instance))).as("reads served by instance " + instance)
                    .isGreaterThan(before[instance]);
        }
    }

    @Test
    void reads_go_on_when_a_query_instance_stops() {
        ConfigurableApplicationContext stopping = Platform.spareQuerySide();
        String live = Platform.url(Platform.querySides().getFirst());
        ConfigurableApplicationContext gateway = Platform.gateway(Platform.urls(Platform.commandSides()),
                List.of(live, Platform.url(stopping)));
        RestTestClient reads = Platform.client(gateway);

        // the instance's server goes down; its context stays, since closing it would take the JVM's shared Netty resources with it
        ((WebServerApplicationContext) stopping).getWebServer().stop();
        for (int request = 0; request < 10; request++) {
            reads.get().uri("/api/catalog").exchange().expectStatus().isOk();
        }
        // and once its health check has failed, the load balancer no longer offers it
        await().atMost(Duration.ofSeconds(30)).until(() -> Platform.chosenQueryInstances(gateway, 4).equals(Set.of(live)));
    }

    private static double catalogReads(ConfigurableApplicationContext querySide) {
        return Search.in(querySide.getBean(MeterRegistry.class)).name("http.server.requests").tag("uri", "/api/catalog")
                .timers().stream().mapToDouble(timer -> timer.count()).sum();
    }
}
