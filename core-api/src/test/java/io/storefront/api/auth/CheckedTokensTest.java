package io.storefront.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A token's signature is checked once; its claims, and every token that fails, each time. */
class CheckedTokensTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final RSAKey shopKey = key();
    private final RSAKey forgersKey = key();
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final JwtTimestampValidator expiry = validatorAt(NOW);

    @Test
    void a_token_s_signature_is_checked_on_its_first_request_only() {
        JwtDecoder tokens = CheckedTokens.remembering(counted(NimbusJwtDecoder.withPublicKey(rsa(shopKey)).build()), expiry);
        String token = token(shopKey, NOW.plusSeconds(900));

        Jwt first = tokens.decode(token);
        Jwt again = tokens.decode(token);

        assertThat(again.getSubject()).isEqualTo(first.getSubject()).isEqualTo("customer-1");
        assertThat(signatureChecks).as("checked once, remembered after").hasValue(1);
    }

    @Test
    void a_forged_token_is_refused_every_time_and_never_remembered() {
        JwtDecoder tokens = CheckedTokens.remembering(counted(NimbusJwtDecoder.withPublicKey(rsa(shopKey)).build()), expiry);
        String forged = token(forgersKey, NOW.plusSeconds(900));

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(signatureChecks).hasValue(2);
    }

    @Test
    void a_remembered_token_is_refused_once_it_has_expired() {
        JwtDecoder tokens = CheckedTokens.remembering(NimbusJwtDecoder.withPublicKey(rsa(shopKey)).build(), expiry);
        String token = token(shopKey, NOW.plusSeconds(60));
        tokens.decode(token);

        expiry.setClock(Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC));

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
    }

    @Test
    void the_gateway_s_reactive_decoder_remembers_a_good_token_and_not_a_forged_one() {
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withPublicKey(rsa(shopKey)).build();
        ReactiveJwtDecoder counted = token -> Mono.defer(() -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        });
        ReactiveJwtDecoder tokens = CheckedTokens.remembering(counted, expiry);
        String token = token(shopKey, NOW.plusSeconds(900));
        String forged = token(forgersKey, NOW.plusSeconds(900));

        assertThat(tokens.decode(token).block().getSubject()).isEqualTo("customer-1");
        assertThat(tokens.decode(token).block().getSubject()).isEqualTo("customer-1");
        assertThatThrownBy(() -> tokens.decode(forged).block()).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged).block()).isInstanceOf(JwtException.class);

        assertThat(signatureChecks).as("the good token once, the forged one each time").hasValue(3);
    }

    private JwtDecoder counted(JwtDecoder decoder) {
        return token -> {
            signatureChecks.incrementAndGet();
            return decoder.decode(token);
        };
    }

    private static JwtTimestampValidator validatorAt(Instant now) {
        JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
        validator.setClock(Clock.fixed(now, ZoneOffset.UTC));
        return validator;
    }

    private static String token(RSAKey key, Instant expiresAt) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().subject("customer-1").issueTime(Date.from(NOW.minusSeconds(1)))
                            .expirationTime(Date.from(expiresAt)).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.security.interfaces.RSAPublicKey rsa(RSAKey key) {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID("key-" + System.nanoTime()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
