package io.storefront.command.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.storefront.api.auth.AccessTokenFormat;
import io.storefront.command.EmbeddedRedisInitializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Tokens an attacker could make, or a real key could sign with claims the platform must refuse. */
public final class ForgedTokens {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private ForgedTokens() {
    }

    /** Claims of a live session (opened for the tests), so that only the signature or the claims themselves can fail. */
    public static JWTClaimsSet.Builder claims(String userId, String role, Instant expiry) {
        return new JWTClaimsSet.Builder().issuer(AccessTokenFormat.ISSUER).subject(userId)
                .claim(AccessTokenFormat.ROLES, List.of(role)).claim(AccessTokenFormat.SESSION, EmbeddedRedisInitializer.liveSession("forged"))
                .issueTime(Date.from(expiry.minusSeconds(900))).expirationTime(Date.from(expiry));
    }

    /** RS256 with the key's id: with the platform's own key, valid in form, so only the claims can make it fail. */
    public static String signedWith(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        token.sign(new RSASSASigner(key));
        return token.serialize();
    }

    public static String signedWithAnUnknownKey(JWTClaimsSet claims) throws JOSEException {
        return signedWith(new RSAKeyGenerator(2048).keyID("not-ours").generate(), claims);
    }

    /** The classic confusion attack: HMAC with the published public key as the secret, under its key id. */
    public static String hmacWithThePublicKey(RSAKey publicKey, JWTClaimsSet claims) throws JOSEException {
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).build(), claims);
        token.sign(new MACSigner(publicKey.toRSAPublicKey().getEncoded()));
        return token.serialize();
    }

    public static String unsigned(JWTClaimsSet claims) {
        return BASE64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** A real token whose payload was changed after signing: a customer who made themselves admin. */
    public static String tampered(String realToken) {
        String[] parts = realToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"CUSTOMER\"", "\"ADMIN\"");
        return parts[0] + "." + BASE64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
