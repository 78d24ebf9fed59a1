package io.storefront.api.auth;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import java.util.Collection;

/**
 * What an access token is: an RS256 JWT of issuer {@value #ISSUER}, whose subject is the user id,
 * carrying the user's roles and the id of the login session it belongs to, and signed with a key the
 * auth context publishes at {@value #JWKS_PATH}. The auth context issues it; the gateway and every
 * service check it, so all take its format from here.
 */
public final class AccessTokenFormat {

    public static final String ISSUER = "storefront";
    public static final String ROLES = "roles";
    public static final String SESSION = "sid";
    public static final String JWKS_PATH = "/.well-known/jwks.json";
    public static final String SESSION_KEY_PREFIX = "auth:session:";

    private AccessTokenFormat() {
    }

    /** The Redis key of a login session: a token whose session key is gone belongs to a revoked session. */
    public static String sessionKey(String sessionId) {
        return SESSION_KEY_PREFIX + sessionId;
    }

    /** Issuer, expiry and not-before, and both claims of ours present. */
    public static OAuth2TokenValidator<Jwt> validator() {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(ISSUER),
                new JwtClaimValidator<Collection<?>>(ROLES, roles -> roles != null && !roles.isEmpty()),
                new JwtClaimValidator<String>(SESSION, session -> session != null && !session.isBlank()));
    }

    /** Checks tokens against the published keys; RS256 only, so {@code alg: none} and HMAC tricks fail. */
    public static JwtDecoder decoder(String jwksUri) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator());
        return decoder;
    }

    /** The token's subject as the principal and its roles as {@code ROLE_*} authorities. */
    public static JwtAuthenticationConverter authentication() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(ROLES);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
