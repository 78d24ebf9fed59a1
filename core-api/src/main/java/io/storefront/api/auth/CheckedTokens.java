package io.storefront.api.auth;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.ConcurrentLruCache;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Access tokens whose signature has been checked, remembered by their exact text (the most recent
 * {@value #REMEMBERED}), so that a session's later requests skip the RSA check: made at the gateway and again
 * at the service, it was 5 % of B1's CPU (docs/benchmarks.md). The claims are still validated on every
 * request, expiry above all, and a token that fails its check is never remembered. A remembered token is
 * no laxer than a checked one: a signing key stays published while the tokens it signed live
 * (the command side's {@code SigningKeys}), and a logout is told by the live session, checked apart.
 */
public final class CheckedTokens {

    static final int REMEMBERED = 10_000;

    private CheckedTokens() {
    }

    public static JwtDecoder remembering(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        ConcurrentLruCache<String, Jwt> checked = new ConcurrentLruCache<>(REMEMBERED, decoder::decode);
        return token -> valid(checked.get(token), validator);
    }

    public static ReactiveJwtDecoder remembering(ReactiveJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        // a failed check (a bad token, the keys not fetched) is not kept: the next request checks again
        ConcurrentLruCache<String, Mono<Jwt>> checked = new ConcurrentLruCache<>(REMEMBERED,
                token -> decoder.decode(token).cache(jwt -> Duration.ofMillis(Long.MAX_VALUE), failure -> Duration.ZERO,
                        () -> Duration.ZERO));
        return token -> checked.get(token).map(jwt -> valid(jwt, validator));
    }

    private static Jwt valid(Jwt jwt, OAuth2TokenValidator<Jwt> validator) {
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return jwt;
    }
}
