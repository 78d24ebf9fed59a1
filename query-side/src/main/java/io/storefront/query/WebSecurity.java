package io.storefront.query;

import io.storefront.api.auth.AccessTokenFormat;
import io.storefront.api.auth.CheckedTokens;
import io.storefront.api.auth.ResourceServer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

import static org.springframework.http.HttpMethod.GET;

/**
 * The catalog is public; orders, payments, shipments, profiles and notifications need a login, and each
 * query narrows them to the caller's own ({@link Viewer}); stock levels, the user list and replays are for
 * administrators.
 */
@Configuration
class WebSecurity implements WebMvcConfigurer {

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, StringRedisTemplate sessions) {
        return ResourceServer.configure(http, decoder, sessions)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(GET, "/api/catalog", "/api/catalog/**").permitAll()
                        // the actuator answers on the management port only, which neither the gateway routes nor
                        // the embedded default opens beyond this machine; the probes answer on both
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                                "/actuator/health/**", "/actuator/prometheus", "/readyz", "/livez", "/error").permitAll()
                        .requestMatchers(GET, "/api/orders", "/api/orders/**", "/api/payments", "/api/payments/**",
                                "/api/shipments", "/api/shipments/**", "/api/users/*", "/api/notifications",
                                "/api/notifications/**").authenticated()
                        .anyRequest().hasRole("ADMIN"))
                .build();
    }

    /**
     * Access tokens are checked against the keys the auth context publishes, a new key fetched when a token names
     * it; a token's signature once ({@link CheckedTokens}).
     */
    @Bean
    JwtDecoder jwtDecoder(@Value("${storefront.auth.jwks-uri}") String jwksUri) {
        return CheckedTokens.remembering(AccessTokenFormat.decoder(jwksUri), AccessTokenFormat.validator());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new Viewer.Resolver());
    }
}
