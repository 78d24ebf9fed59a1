package io.storefront.command.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.storefront.api.auth.AccessTokenFormat;
import io.storefront.command.Actor;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs short-lived access tokens in the {@link AccessTokenFormat} with the current signing key. */
@Component
public class AccessTokens {

    private final SigningKeys keys;
    private final AuthSettings settings;
    private final Clock clock;

    AccessTokens(SigningKeys keys, AuthSettings settings, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    public String issue(String userId, Actor.Role role, String sessionId) {
        RSAKey key = keys.current();
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(AccessTokenFormat.ISSUER)
                .subject(userId)
                .claim(AccessTokenFormat.ROLES, List.of(role.name()))
                .claim(AccessTokenFormat.SESSION, sessionId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.accessTokenLifetime())))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        SignedJWT token = new SignedJWT(header, claims);
        try {
            token.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token with key " + key.getKeyID(), e);
        }
        return token.serialize();
    }

    long lifetimeSeconds() {
        return settings.accessTokenLifetime().toSeconds();
    }
}
