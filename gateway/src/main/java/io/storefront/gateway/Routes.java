package io.storefront.gateway;

import io.storefront.api.auth.AccessTokenFormat;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.builder.Buildable;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.PredicateSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads go to the query side, everything else to the command side, each to one of its instances in
 * turn ({@code lb://}, Spring Cloud LoadBalancer). A request that cannot connect to an instance is
 * tried on the next one; a service that keeps failing has its circuit opened for a while.
 */
@Configuration
class Routes {

    static final String COMMAND_SIDE = "command-side";
    static final String QUERY_SIDE = "query-side";

    private static final String[] READS = {"/api/orders/**", "/api/catalog/**", "/api/stock/**",
            "/api/payments/**", "/api/shipments/**", "/api/users/**", "/api/notifications/**"};

    /** What is only read (from the query side, and the signing keys): no other method is served there. */
    private static final String[] READ_ONLY = {"/api/catalog", "/api/catalog/*", "/api/stock", "/api/stock/*",
            "/api/notifications", "/api/notifications/*", "/api/users", "/api/users/*", "/api/orders/*",
            "/api/orders/*/tracking", "/api/payments/*", "/api/shipments/*", AccessTokenFormat.JWKS_PATH};

    /** Where providers, the carrier and the sandbox bank's page post, and nobody reads. */
    private static final String[] POSTED_ONLY = {"/api/payments/webhooks/*", "/api/shipments/webhooks/*",
            "/api/payments/sandbox/3ds/*"};

    @Bean
    RouteLocator platform(RouteLocatorBuilder routes) {
        return routes.routes()
                // ahead of the reads, which would take a GET there to the query side
                .route("posted-only", route -> only(route.order(-1), POSTED_ONLY, HttpMethod.POST))
                // a live stream stays open as long as the order is moving: no timeout, no breaker
                .route("tracking-stream", route -> route.order(0)
                        .path("/api/orders/*/tracking/stream")
                        .filters(filters -> filters.retry(Routes::onConnectFailure))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, -1)
                        .uri("lb://" + QUERY_SIDE))
                .route("reads", route -> route.order(1)
                        .method(HttpMethod.GET).and().path(READS)
                        .filters(filters -> resilient(filters, QUERY_SIDE))
                        .uri("lb://" + QUERY_SIDE))
                .route("replays", route -> route.order(2)
                        .path("/api/admin/projections/**", "/api/admin/analytics", "/api/admin/analytics/**")
                        .filters(filters -> resilient(filters, QUERY_SIDE))
                        .uri("lb://" + QUERY_SIDE))
                // each service's OpenAPI document, under one address
                .route("command-api-docs", route -> route.order(3)
                        .path("/api-docs/command-side")
                        .filters(filters -> resilient(filters.setPath("/v3/api-docs"), COMMAND_SIDE))
                        .uri("lb://" + COMMAND_SIDE))
                .route("query-api-docs", route -> route.order(4)
                        .path("/api-docs/query-side")
                        .filters(filters -> resilient(filters.setPath("/v3/api-docs"), QUERY_SIDE))
                        .uri("lb://" + QUERY_SIDE))
                .route("read-only", route -> only(route.order(5), READ_ONLY, HttpMethod.GET, HttpMethod.HEAD))
                .route("commands", route -> route.order(6)
                        .path("/api/**", "/.well-known/jwks.json", "/demo/**")
                        .filters(filters -> resilient(filters, COMMAND_SIDE))
                        .uri("lb://" + COMMAND_SIDE))
                .build();
    }

    /** Paths served with some methods only: any other is answered here, with the ones there are (and CORS's OPTIONS). */
    private static Buildable<Route> only(PredicateSpec route, String[] paths, HttpMethod... served) {
        String allow = Arrays.stream(served).map(HttpMethod::name).collect(Collectors.joining(", "));
        HttpMethod[] passing = Stream.concat(Arrays.stream(served), Stream.of(HttpMethod.OPTIONS)).toArray(HttpMethod[]::new);
        return route.path(paths).and().not(other -> other.method(passing))
                .filters(filters -> filters.filter((exchange, chain) -> {
                    exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, allow);
                    return Problems.write(exchange.getResponse(), HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                            "Only " + allow + " is served here");
                }))
                .uri("no://op");
    }

    private static GatewayFilterSpec resilient(GatewayFilterSpec filters, String service) {
        return filters.circuitBreaker(breaker -> breaker.setName(service)).retry(Routes::onConnectFailure);
    }

    /** Only a refused connection is retried: the request never reached a service, so even a command is safe to send again. */
    private static void onConnectFailure(RetryGatewayFilterFactory.RetryConfig retry) {
        retry.setRetries(2);
        retry.setMethods(HttpMethod.values());
        retry.setSeries();
        retry.setStatuses();
        retry.setExceptions(ConnectException.class);
        retry.setBackoff(null);
    }

    /** At most so many requests in flight to a service; the next is refused at once, not queued (see GatewayErrors). */
    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> bulkheads(GatewaySettings settings) {
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(BulkheadConfig.custom().maxConcurrentCalls(settings.concurrentCalls()).maxWaitDuration(Duration.ZERO).build())
                .build());
    }

    /** Half of the last 20 calls failing opens a service's circuit for 10 s; a call over the request timeout fails. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> breakers(GatewaySettings settings) {
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(10))
                        .build())
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(settings.requestTimeout()).build())
                .build());
    }
}
