package io.storefront.gateway;

import io.storefront.api.auth.AccessTokenFormat;
import io.storefront.api.auth.CheckedTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.OPTIONS;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * The gateway's first check of every call: a valid access token of a live session where one is needed,
 * and the administrator role for running the shop. The services check again, and check ownership.
 */
@Configuration
class Security {

    @Bean
    SecurityWebFilterChain checks(ServerHttpSecurity http, ReactiveJwtDecoder decoder, ReactiveStringRedisTemplate redis,
                                RedisRateLimiter limiter) {
        var roles = new ReactiveJwtAuthenticationConverterAdapter(AccessTokenFormat.authentication());
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return Problems.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Log in and send a valid access token as a Bearer token");
        };
        ServerAccessDeniedHandler forbidden = (exchange, e) ->
                Problems.write(exchange.getResponse(), HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this");
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .cors(cors -> { })
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(OPTIONS).permitAll()
                        .pathMatchers(POST, "/api/auth/register", "/api/auth/login", "/api/auth/refresh").permitAll()
                        // providers' and the carrier's webhooks carry no token, the command side checks each one's
                        // signature; the sandbox bank's page is reached by an unguessable address
                        .pathMatchers(POST, "/api/payments/webhooks/*", "/api/shipments/webhooks/*",
                                "/api/payments/sandbox/3ds/*").permitAll()
                        .pathMatchers(GET, AccessTokenFormat.JWKS_PATH, "/api/catalog", "/api/catalog/**").permitAll()
                        // the actuator answers on the management port only (Prometheus scrapes it there), the probes on both
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/readyz", "/livez")
                        .permitAll()
                        .pathMatchers(GET, "/api-docs/**").permitAll()
                        .pathMatchers("/api/admin/**", "/api/audit/**", "/api/stock/**", "/api/auth/signing-keys", "/demo/**")
                        .hasRole("ADMIN")
                        .pathMatchers(GET, "/api/users").hasRole("ADMIN")
                        .pathMatchers("/api/products/**").hasRole("ADMIN")
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(token ->
                                // a token outlives a logout by up to 15 minutes: its session must still be alive
                                redis.hasKey(AccessTokenFormat.sessionKey(token.getClaimAsString(AccessTokenFormat.SESSION)))
                                        .flatMap(alive -> alive ? roles.convert(token)
                                                : Mono.error(new InvalidBearerTokenException("The session of this token has ended")))))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .addFilterAfter(Edge.rateLimit(limiter), SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }

    /**
     * The firewall in front of everything refuses a method that nothing here serves (TRACE, CONNECT, ...):
     * that is a 405 naming the methods there are; anything else it refuses (an encoded slash, say) is a 400.
     */
    @Bean
    ServerExchangeRejectedHandler refusedExchanges() {
        Set<HttpMethod> served = Set.of(GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS);
        return (exchange, refusal) -> {
            // refused before its body is read: the connection is not used again, lest that body be taken for the next request
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            if (!served.contains(exchange.getRequest().getMethod())) {
                exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, DELETE, OPTIONS");
                return Problems.write(exchange.getResponse(), HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                        "This method is not served here");
            }
            return Problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, "malformed-request",
                    "The request was refused as malformed");
        };
    }

    /**
     * The auth context's public keys, fetched from any command-side instance through the load balancer; a token's
     * signature checked once ({@link CheckedTokens}).
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(ReactorLoadBalancerExchangeFilterFunction loadBalancer,
                                  @Value("${storefront.auth.jwks-uri}") String jwksUri) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwksUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .webClient(WebClient.builder().filter(loadBalancer).build())
                .build();
        decoder.setJwtValidator(AccessTokenFormat.validator());
        return CheckedTokens.remembering(decoder, AccessTokenFormat.validator());
    }

    @Bean
    CorsConfigurationSource cors(GatewaySettings settings) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(settings.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, Edge.CORRELATION_ID,
                "Idempotency-Key", "If-Match"));
        cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, Edge.CORRELATION_ID,
                "Idempotent-Replayed"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
