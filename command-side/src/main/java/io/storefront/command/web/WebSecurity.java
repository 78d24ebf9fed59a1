package io.storefront.command.web;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.storefront.api.auth.AccessTokenFormat;
import io.storefront.api.auth.CheckedTokens;
import io.storefront.api.auth.ResourceServer;
import io.storefront.command.auth.SigningKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * Who may send what. Customers may act on their own user, orders and payment instructions (the
 * aggregates check that the resource is theirs); everything else that changes the shop is for
 * administrators. Anything not named here is for administrators too.
 */
@Configuration
class WebSecurity {

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, StringRedisTemplate sessions) {
        return ResourceServer.configure(http, decoder, sessions)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(POST, "/api/auth/register", "/api/auth/login", "/api/auth/refresh").permitAll()
                        .requestMatchers(GET, AccessTokenFormat.JWKS_PATH).permitAll()
                        // providers' and the carrier's webhooks carry no token: each proves its sender by its own
                        // signature; the sandbox bank's page is reached by an unguessable address
                        .requestMatchers(POST, "/api/payments/webhooks/*", "/api/shipments/webhooks/*",
                                "/api/payments/sandbox/3ds/*").permitAll()
                        // the actuator answers on the management port only, which neither the gateway routes nor
                        // the embedded default opens beyond this machine; the probes answer on both
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                                "/actuator/health/**", "/actuator/prometheus", "/readyz", "/livez", "/error").permitAll()
                        .requestMatchers(POST, "/api/auth/signing-keys").hasRole("ADMIN")
                        .requestMatchers("/api/auth/**", "/api/users/**").authenticated()
                        .requestMatchers(POST, "/api/orders", "/api/orders/*/cancellation").authenticated()
                        .requestMatchers(PUT, "/api/payments/instructions/*").authenticated()
                        .anyRequest().hasRole("ADMIN"))
                .build();
    }

    /**
     * Checks tokens against this side's own signing keys, without a round trip to itself; a token's signature
     * once ({@link CheckedTokens}).
     */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys.verificationKeys()));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // the validator below checks the claims
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(AccessTokenFormat.validator());
        return CheckedTokens.remembering(decoder, AccessTokenFormat.validator());
    }
}
