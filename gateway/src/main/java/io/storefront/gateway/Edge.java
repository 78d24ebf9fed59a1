package io.storefront.gateway;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** What happens to every request at the edge, before routing: correlation id, size limit, rate limit. */
@Configuration
class Edge {

    static final String CORRELATION_ID = "X-Correlation-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Every request carries a correlation id to the services and back to the caller; a new one when missing. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebFilter correlationId() {
        return (exchange, chain) -> {
            String given = exchange.getRequest().getHeaders().getFirst(CORRELATION_ID);
            String correlationId = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
            // set last, over the service's echo of the same id
            exchange.getResponse().beforeCommit(() -> {
                exchange.getResponse().getHeaders().set(CORRELATION_ID, correlationId);
                return Mono.empty();
            });
            return chain.filter(exchange.mutate()
                    .request(request -> request.headers(headers -> headers.set(CORRELATION_ID, correlationId)))
                    .build());
        };
    }

    /** A body announced larger than allowed is refused with 413 before it is read. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    WebFilter requestSizeLimit(GatewaySettings settings) {
        long max = settings.maxRequestSize().toBytes();
        return (exchange, chain) -> exchange.getRequest().getHeaders().getContentLength() > max
                ? Problems.write(exchange.getResponse(), HttpStatus.PAYLOAD_TOO_LARGE, "too-large",
                        "The request body is larger than " + max + " bytes")
                : chain.filter(exchange);
    }

    /**
     * The services learn the client's address from {@code X-Forwarded-For}, which only the gateway writes:
     * the address of the connection, over whatever the client sent in it, so that nobody can pose as many
     * clients to the login throttle. (Without trusted proxies configured, Spring Cloud Gateway drops every
     * other {@code X-Forwarded-*} header a client sends.) Ordered after the filters that copy and drop headers.
     */
    @Bean
    HttpHeadersFilter clientAddress() {
        return new ClientAddress();
    }

    static final class ClientAddress implements HttpHeadersFilter, Ordered {

        static final String HEADER = "X-Forwarded-For";

        @Override
        public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
            HttpHeaders headers = new HttpHeaders();
            headers.addAll(input);
            headers.set(HEADER, address(exchange));
            return headers;
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Token buckets in Redis, shared by every gateway instance. */
    @Bean
    RedisRateLimiter redisRateLimiter(GatewaySettings settings) {
        return new RedisRateLimiter(settings.requestsPerSecond(), settings.burst());
    }

    /**
     * The buckets' script, Spring Cloud Gateway's own, read once. The gateway's auto-configured one asks its jar
     * on every request whether the script has changed, a jar lookup per request (2 % of B1's CPU).
     */
    @Bean(RedisRateLimiter.REDIS_SCRIPT_NAME)
    @SuppressWarnings({"unchecked", "rawtypes"})
    RedisScript<List<Long>> redisRequestRateLimiterScript() throws IOException {
        return RedisScript.of(new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")
                .getContentAsString(StandardCharsets.UTF_8), (Class) List.class);
    }

    /** One bucket per logged-in user, or per client address for anonymous callers; runs after the token is checked. */
    static WebFilter rateLimit(RateLimiter<?> limiter) {
        return (ServerWebExchange exchange, WebFilterChain chain) -> ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(authentication -> authentication.isAuthenticated() && !"anonymousUser".equals(authentication.getName()))
                .map(authentication -> "user:" + authentication.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> "address:" + address(exchange)))
                .flatMap(key -> limiter.isAllowed("gateway", key))
                .flatMap(response -> {
                    response.getHeaders().forEach((name, value) -> exchange.getResponse().getHeaders().set(name, value));
                    return response.isAllowed() ? chain.filter(exchange) : Mono.error(new TooManyRequests());
                });
    }

    private static String address(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getRequest().getRemoteAddress())
                .map(InetSocketAddress::getAddress).map(InetAddress::getHostAddress).orElse("unknown");
    }
}
